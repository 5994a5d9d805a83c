import type { RegionCode, Requirements } from '@deltaid/core';

/**
 * What a relying party accepts. Policies are data: the presets in `POLICY_PRESETS`, or your own checked by
 * `definePolicy`.
 */
/** Document types, required elements, values and classes come from `Requirements` (shared with the wallet). */
export interface Policy extends Requirements {
  readonly name: string;
  /** Issuing regions accepted, or all four. */
  readonly regions: readonly RegionCode[] | 'all';
  /** What a missing or stale status list means: refuse, accept with a warning, or accept silently. Default `reject`. */
  readonly statusUnavailable?: 'reject' | 'warn' | 'accept';
  /** Require the two-step flow (a challenge this verifier issued). Default false. */
  readonly requireChallenge?: boolean;
}
