import {
  DeltaIdError,
  type DocType,
  type ElementValue,
  elementIds,
  impliesClass,
  type LicenceClass,
  type RegionCode,
} from '@deltaid/core';

/** What a relying party accepts. Policies are data: presets below, or your own checked by {@link definePolicy}. */
export interface Policy {
  readonly name: string;
  /** Document types accepted. */
  readonly docTypes: readonly DocType[];
  /** Issuing regions accepted, or all four. */
  readonly regions: readonly RegionCode[] | 'all';
  /** Elements that must be present (per document type); credentials without them fail with `ERR_POLICY`. */
  readonly requiredElements: Readonly<Partial<Record<DocType, readonly string[]>>>;
  /** Element values that must hold, e.g. `age_over_18: true`, or a licence status `A` (正常). */
  readonly requiredValues?: Readonly<Record<string, ElementValue>>;
  /** Driving licence classes the holder must hold or have implied (any one of them), e.g. `['C1']` for car rental. */
  readonly requiredClass?: readonly LicenceClass[];
  /** What a missing or stale status list means: refuse, accept with a warning, or accept silently. Default `reject`. */
  readonly statusUnavailable?: 'reject' | 'warn' | 'accept';
  /** Require the two-step flow (a challenge this verifier issued). Default false. */
  readonly requireChallenge?: boolean;
}

const EID: DocType = 'cn.gov.mps.eid.1';
const DL: DocType = 'cn.gov.mps.dl.1';
const VL: DocType = 'cn.gov.mps.vl.1';

/**
 * Built-in policies.
 * - `hotel-checkin`: 旅馆业治安管理 guest registration — e-ID from any of the four regions with name, sex, ethnicity,
 *   birth date, ID number and address.
 * - `traffic-stop`: driving licence with name, licence number, classes, validity and status; any status value is shown
 *   to the officer (the status code itself is what they check).
 * - `car-rental`: driving licence whose classes include or imply C1, status 正常 (A), not revoked.
 * - `age-18`: e-ID proving age 18 or over (the `age` purpose discloses nothing else).
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

const DOC_TYPES: ReadonlySet<string> = new Set([EID, DL, VL]);
const REGIONS: ReadonlySet<string> = new Set(['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH']);

function misuse(message: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `policy: ${message}`);
}

/**
 * Checks a custom policy once, when it is created, so a typo fails at start-up and not at the desk.
 *
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the bad field.
 * @example definePolicy({ name: 'sh-benefits', docTypes: ['cn.gov.mps.eid.1'], regions: ['CN-SH'], requiredElements: { 'cn.gov.mps.eid.1': ['name', 'id_number'] } })
 */
export function definePolicy(policy: Policy): Policy {
  if (typeof policy !== 'object' || policy === null) throw misuse('must be an object');
  if (typeof policy.name !== 'string' || policy.name.length === 0)
    throw misuse('name must be a non-empty string');
  if (!Array.isArray(policy.docTypes) || policy.docTypes.length === 0)
    throw misuse('docTypes must list at least one');
  for (const d of policy.docTypes)
    if (!DOC_TYPES.has(d)) throw misuse(`docTypes: unknown document type ${String(d)}`);
  if (policy.regions !== 'all') {
    if (!Array.isArray(policy.regions) || policy.regions.length === 0)
      throw misuse("regions must be 'all' or a list");
    for (const r of policy.regions) if (!REGIONS.has(r)) throw misuse(`regions: unknown region ${String(r)}`);
  }
  for (const [d, ids] of Object.entries(policy.requiredElements ?? {})) {
    if (!policy.docTypes.includes(d as DocType)) throw misuse(`requiredElements: ${d} is not in docTypes`);
    if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string'))
      throw misuse(`requiredElements.${d} must list ids`);
    const known = elementIds(d);
    for (const id of ids)
      if (!known.includes(id)) throw misuse(`requiredElements.${d}: unknown element ${id}`);
  }
  if (policy.requiredClass !== undefined) {
    for (const c of policy.requiredClass) {
      // impliesClass throws for an unknown class code: surface it as a policy error.
      try {
        impliesClass([c], c);
      } catch {
        throw misuse(`requiredClass: unknown class ${String(c)}`);
      }
    }
  }
  const sp = policy.statusUnavailable;
  if (sp !== undefined && sp !== 'reject' && sp !== 'warn' && sp !== 'accept') {
    throw misuse("statusUnavailable must be 'reject', 'warn' or 'accept'");
  }
  return Object.freeze({ ...policy });
}

/** Resolves a preset name or checks a custom policy. */
export function resolvePolicy(policy: Policy | PolicyPreset): Policy {
  if (typeof policy === 'string') {
    const preset: Policy | undefined = (POLICY_PRESETS as Record<string, Policy>)[policy];
    if (preset === undefined) throw misuse(`unknown preset ${policy}`);
    return preset;
  }
  return definePolicy(policy);
}

/** Checks a verified credential's elements against the policy; returns the first unmet requirement, in words. */
export function checkPolicyElements(
  policy: Policy,
  docType: DocType,
  elements: Readonly<Record<string, ElementValue>>,
): string | undefined {
  for (const id of policy.requiredElements[docType] ?? []) {
    if (elements[id] === undefined) return `element ${id} is required`;
  }
  for (const [id, want] of Object.entries(policy.requiredValues ?? {})) {
    if (id in elements && elements[id] !== want) return `element ${id} must be ${String(want)}`;
  }
  if (policy.requiredClass !== undefined && docType === DL) {
    const held = elements.classes;
    if (typeof held !== 'string' || !policy.requiredClass.some((c) => impliesClass(held, c))) {
      return `licence classes must include or imply ${policy.requiredClass.join(' or ')}`;
    }
  }
  return undefined;
}
