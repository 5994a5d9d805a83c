import { DeltaIdError } from '@deltaid/core';
import { definePolicy } from './define-policy.js';
import { POLICY_PRESETS, type PolicyPreset } from './presets.js';
import type { Policy } from './types.js';

/**
 * Resolves a preset name, or checks a custom policy with `definePolicy`.
 *
 * @param policy - a preset name (`'hotel-checkin'` …) or a policy.
 * @returns the policy.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown preset or a malformed policy.
 * @example resolvePolicy('car-rental').requiredClass // ['C1']
 * @see docs/formats/compact-credential.md §Verification (policy)
 */
export function resolvePolicy(policy: Policy | PolicyPreset): Policy {
  if (typeof policy === 'string') {
    const preset: Policy | undefined = Object.hasOwn(POLICY_PRESETS, policy)
      ? POLICY_PRESETS[policy]
      : undefined;
    if (preset === undefined)
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', `policy: unknown preset ${policy}`);
    return preset;
  }
  return definePolicy(policy);
}
