import { PRESET_REQUIREMENTS, type PresetName } from '@deltaid/core';
import type { Policy } from './types.js';

/**
 * Built-in policies, as data: the shared `PRESET_REQUIREMENTS` of `@deltaid/core` (the wallet selects credentials by
 * the same data) accepted from all four regions.
 * - `hotel-checkin`: 旅馆业治安管理 guest registration — e-ID from any of the four regions with name, sex, ethnicity,
 *   birth date, ID number and address.
 * - `traffic-stop`: driving licence with name, licence number, classes, validity and status (any status value is
 *   shown to the officer: the status code itself is what they check), or vehicle licence with plate, VIN and owner.
 * - `car-rental`: driving licence whose classes include or imply C1, status 正常 (A), valid and not revoked.
 * - `age-18`: e-ID proving age 18 or over (the `age` purpose discloses nothing else).
 *
 * @example createVerifier({ …, policy: 'hotel-checkin' }) // or POLICY_PRESETS['hotel-checkin']
 * @see docs/formats/compact-credential.md §Verification (policy)
 */
export const POLICY_PRESETS = {
  'hotel-checkin': { name: 'hotel-checkin', regions: 'all', ...PRESET_REQUIREMENTS['hotel-checkin'] },
  'traffic-stop': { name: 'traffic-stop', regions: 'all', ...PRESET_REQUIREMENTS['traffic-stop'] },
  'car-rental': { name: 'car-rental', regions: 'all', ...PRESET_REQUIREMENTS['car-rental'] },
  'age-18': { name: 'age-18', regions: 'all', ...PRESET_REQUIREMENTS['age-18'] },
} as const satisfies Record<PresetName, Policy>;

/** Names of the built-in policies. */
export type PolicyPreset = keyof typeof POLICY_PRESETS;
