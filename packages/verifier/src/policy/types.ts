import type { DocType, ElementValue, LicenceClass, RegionCode } from '@deltaid/core';

/**
 * What a relying party accepts. Policies are data: the presets in `POLICY_PRESETS`, or your own checked by
 * `definePolicy`.
 */
export interface Policy {
  readonly name: string;
  /** Document types accepted. */
  readonly docTypes: readonly DocType[];
  /** Issuing regions accepted, or all four. */
  readonly regions: readonly RegionCode[] | 'all';
  /** Elements that must be present (per document type); credentials without them fail with `ERR_POLICY`. */
  readonly requiredElements: Readonly<Partial<Record<DocType, readonly string[]>>>;
  /** Element values that must hold when the element is present, e.g. `age_over_18: true`, a licence status `A` (正常). */
  readonly requiredValues?: Readonly<Record<string, ElementValue>>;
  /** Driving licence classes the holder must hold or have implied (any one of them), e.g. `['C1']` for car rental. */
  readonly requiredClass?: readonly LicenceClass[];
  /** What a missing or stale status list means: refuse, accept with a warning, or accept silently. Default `reject`. */
  readonly statusUnavailable?: 'reject' | 'warn' | 'accept';
  /** Require the two-step flow (a challenge this verifier issued). Default false. */
  readonly requireChallenge?: boolean;
}
