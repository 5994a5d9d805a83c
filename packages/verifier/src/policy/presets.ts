import type { DocType } from '@deltaid/core';
import type { Policy } from './types.js';

const EID: DocType = 'cn.gov.mps.eid.1';
const DL: DocType = 'cn.gov.mps.dl.1';
const VL: DocType = 'cn.gov.mps.vl.1';

/**
 * Built-in policies, as data.
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
  'hotel-checkin': {
    name: 'hotel-checkin',
    docTypes: [EID],
    regions: 'all',
    requiredElements: { [EID]: ['name', 'sex', 'ethnicity', 'birth_date', 'id_number', 'address'] },
  },
  'traffic-stop': {
    name: 'traffic-stop',
    docTypes: [DL, VL],
    regions: 'all',
    requiredElements: {
      [DL]: ['name', 'licence_number', 'classes', 'valid_from', 'valid_until', 'status'],
      [VL]: ['plate_number', 'vin', 'owner'],
    },
  },
  'car-rental': {
    name: 'car-rental',
    docTypes: [DL],
    regions: 'all',
    requiredElements: { [DL]: ['name', 'licence_number', 'classes', 'valid_until', 'status'] },
    requiredValues: { status: 'A' },
    requiredClass: ['C1'],
  },
  'age-18': {
    name: 'age-18',
    docTypes: [EID],
    regions: 'all',
    requiredElements: { [EID]: ['age_over_18'] },
    requiredValues: { age_over_18: true },
  },
} as const satisfies Record<string, Policy>;

/** Names of the built-in policies. */
export type PolicyPreset = keyof typeof POLICY_PRESETS;
