import { impliesClass } from './implies-class.js';
import type { DocType, ElementValue, LicenceClass } from './types.js';

/** What a relying party needs from a credential: document types, elements, values, licence classes. */
export interface Requirements {
  /** Document types accepted. */
  readonly docTypes: readonly DocType[];
  /** Elements that must be present, per document type. */
  readonly requiredElements: Readonly<Partial<Record<DocType, readonly string[]>>>;
  /** Element values that must hold (a required value is also a required element). */
  readonly requiredValues?: Readonly<Record<string, ElementValue>>;
  /** Driving licence classes the holder must hold or have implied (any one of them). */
  readonly requiredClass?: readonly LicenceClass[];
}

const EID: DocType = 'cn.gov.mps.eid.1';
const DL: DocType = 'cn.gov.mps.dl.1';
const VL: DocType = 'cn.gov.mps.vl.1';

/**
 * The requirements of the built-in relying-party presets, shared by the verifier (which refuses what falls short)
 * and the wallet (which picks the credential that meets them while disclosing least), so the two cannot drift.
 * - `hotel-checkin`: 旅馆业治安管理 guest registration — e-ID with name, sex, ethnicity, birth date, ID number, address.
 * - `traffic-stop`: driving licence with name, licence number, classes, validity and status, or vehicle licence with
 *   plate, VIN and owner.
 * - `car-rental`: driving licence whose classes include or imply C1, status 正常 (A).
 * - `age-18`: e-ID proving age 18 or over (the `age` purpose discloses nothing else).
 */
export const PRESET_REQUIREMENTS = {
  'hotel-checkin': {
    docTypes: [EID],
    requiredElements: { [EID]: ['name', 'sex', 'ethnicity', 'birth_date', 'id_number', 'address'] },
  },
  'traffic-stop': {
    docTypes: [DL, VL],
    requiredElements: {
      [DL]: ['name', 'licence_number', 'classes', 'valid_from', 'valid_until', 'status'],
      [VL]: ['plate_number', 'vin', 'owner'],
    },
  },
  'car-rental': {
    docTypes: [DL],
    requiredElements: { [DL]: ['name', 'licence_number', 'classes', 'valid_until', 'status'] },
    requiredValues: { status: 'A' },
    requiredClass: ['C1'],
  },
  'age-18': {
    docTypes: [EID],
    requiredElements: { [EID]: ['age_over_18'] },
    requiredValues: { age_over_18: true },
  },
} as const satisfies Record<string, Requirements>;

/** Names of the built-in presets. */
export type PresetName = keyof typeof PRESET_REQUIREMENTS;

/**
 * Checks a credential's elements against requirements: document type accepted, required elements present, required
 * values held, licence classes including or implying one of `requiredClass`.
 *
 * @returns the first unmet requirement in words, or `undefined` when all are met.
 * @example checkRequirements(PRESET_REQUIREMENTS['car-rental'], 'cn.gov.mps.dl.1', { classes: 'C2', … }) // 'licence classes must include or imply C1'
 */
export function checkRequirements(
  requirements: Requirements,
  docType: DocType,
  elements: Readonly<Record<string, ElementValue>>,
): string | undefined {
  if (!requirements.docTypes.includes(docType)) return `${docType} is not accepted`;
  for (const id of requirements.requiredElements[docType] ?? []) {
    if (elements[id] === undefined) return `element ${id} is required`;
  }
  for (const [id, want] of Object.entries(requirements.requiredValues ?? {})) {
    // A required value is also a required element: leaving the element out must not pass the check.
    if (elements[id] !== want) return `element ${id} must be ${String(want)}`;
  }
  if (requirements.requiredClass !== undefined && docType === DL) {
    const held = elements.classes;
    let ok = false;
    try {
      ok = typeof held === 'string' && requirements.requiredClass.some((c) => impliesClass(held, c));
    } catch {
      // A signed but unparsable class string (an issuer bug) satisfies nothing.
    }
    if (!ok) return `licence classes must include or imply ${requirements.requiredClass.join(' or ')}`;
  }
  return undefined;
}
