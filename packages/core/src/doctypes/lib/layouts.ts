/*
 * The wire layout of each document type as plain data: element ids, compact keys, value types and purposes.
 * It is split from the zod schemas (element-schemas.ts) so that the verifier's decoding path, which only needs
 * keys and types, bundles neither zod nor the code lists. The public definitions (RESIDENT_EID …) are built from
 * these layouts plus labels and schemas, so each key is written exactly once.
 */
import type { CodeListId, DocType, ElementType, Purpose } from '../types.js';

/** What the compact codec needs to know about an element. */
export interface ElementLayout {
  readonly id: string;
  readonly key: number;
  readonly type: ElementType;
  readonly required: boolean;
  readonly derived: boolean;
  readonly codeList?: CodeListId;
  readonly unit?: 'kg' | 'persons';
}

/** A document type's elements (ascending keys) and purposes, without labels or schemas. */
export interface DocTypeLayout {
  readonly docType: DocType;
  readonly elements: readonly ElementLayout[];
  readonly purposes: Readonly<Partial<Record<Purpose, readonly string[]>>>;
}

type Extra = Partial<Pick<ElementLayout, 'required' | 'derived' | 'codeList' | 'unit'>>;

function el(id: string, key: number, type: ElementType, extra: Extra = {}): ElementLayout {
  const derived = extra.derived ?? false;
  return {
    id,
    key,
    type,
    // Derived elements are computed at issuance, never required input.
    required: derived ? false : (extra.required ?? true),
    derived,
    ...(extra.codeList === undefined ? {} : { codeList: extra.codeList }),
    ...(extra.unit === undefined ? {} : { unit: extra.unit }),
  };
}

/** Resident e-ID: keys 1-12, the check-in elements first (docs/formats/compact-credential.md §Element keys). */
export const RESIDENT_EID_LAYOUT: DocTypeLayout = {
  docType: 'cn.gov.mps.eid.1',
  elements: [
    el('name', 1, 'tstr'),
    el('sex', 2, 'code', { codeList: 'sex' }),
    el('ethnicity', 3, 'code', { codeList: 'ethnicity' }),
    el('birth_date', 4, 'date'),
    el('id_number', 5, 'tstr'),
    el('address', 6, 'tstr'),
    el('valid_from', 7, 'date'),
    el('valid_until', 8, 'date-or-long-term'),
    el('age_over_18', 9, 'bool', { derived: true }),
    el('age_over_60', 10, 'bool', { derived: true }),
    el('issuing_authority', 11, 'tstr'),
    el('portrait', 12, 'portrait', { required: false }),
  ],
  purposes: {
    full: [
      'name',
      'sex',
      'ethnicity',
      'birth_date',
      'id_number',
      'address',
      'valid_from',
      'valid_until',
      'issuing_authority',
      'portrait',
    ],
    checkin: ['name', 'sex', 'ethnicity', 'birth_date', 'id_number', 'address', 'valid_from', 'valid_until'],
    age: ['valid_until', 'age_over_18', 'age_over_60'],
  },
};

/** Driving licence: the traffic-stop elements first. */
export const DRIVING_LICENCE_LAYOUT: DocTypeLayout = {
  docType: 'cn.gov.mps.dl.1',
  elements: [
    el('name', 1, 'tstr'),
    el('licence_number', 2, 'tstr'),
    el('classes', 3, 'classes'),
    el('valid_from', 4, 'date'),
    el('valid_until', 5, 'date-or-long-term'),
    el('status', 6, 'code-set', { codeList: 'driving-licence-status' }),
    el('sex', 7, 'code', { codeList: 'sex' }),
    el('birth_date', 8, 'date'),
    el('age_over_18', 9, 'bool', { derived: true }),
    el('age_over_60', 10, 'bool', { derived: true }),
    el('nationality', 11, 'code', { codeList: 'nationality' }),
    el('first_issue_date', 12, 'date'),
    el('address', 13, 'tstr'),
    el('file_number', 14, 'tstr'),
    el('issuing_authority', 15, 'tstr'),
    el('portrait', 16, 'portrait', { required: false }),
  ],
  purposes: {
    full: [
      'name',
      'licence_number',
      'classes',
      'valid_from',
      'valid_until',
      'status',
      'sex',
      'birth_date',
      'nationality',
      'first_issue_date',
      'address',
      'file_number',
      'issuing_authority',
      'portrait',
    ],
    traffic: ['name', 'licence_number', 'classes', 'valid_from', 'valid_until', 'status'],
    age: ['valid_until', 'age_over_18', 'age_over_60'],
  },
};

/** Vehicle licence: identifying elements first. */
export const VEHICLE_LICENCE_LAYOUT: DocTypeLayout = {
  docType: 'cn.gov.mps.vl.1',
  elements: [
    el('plate_number', 1, 'tstr'),
    el('vin', 2, 'tstr'),
    el('vehicle_type', 3, 'code', { codeList: 'vehicle-type' }),
    el('owner', 4, 'tstr'),
    el('use_character', 5, 'code', { codeList: 'use-character' }),
    el('brand_model', 6, 'tstr'),
    el('inspection_valid_until', 7, 'date'),
    el('engine_number', 8, 'tstr'),
    el('register_date', 9, 'date'),
    el('issue_date', 10, 'date'),
    el('address', 11, 'tstr'),
    el('issuing_authority', 12, 'tstr'),
    el('approved_passengers', 13, 'uint', { unit: 'persons' }),
    el('gross_mass_kg', 14, 'uint', { unit: 'kg' }),
    el('curb_mass_kg', 15, 'uint', { unit: 'kg' }),
    el('approved_load_kg', 16, 'uint', { unit: 'kg', required: false }),
  ],
  purposes: {
    full: [
      'plate_number',
      'vin',
      'vehicle_type',
      'owner',
      'use_character',
      'brand_model',
      'inspection_valid_until',
      'engine_number',
      'register_date',
      'issue_date',
      'address',
      'issuing_authority',
      'approved_passengers',
      'gross_mass_kg',
      'curb_mass_kg',
      'approved_load_kg',
    ],
    // What a traffic officer checks against the vehicle: identity, owner, use, inspection.
    traffic: [
      'plate_number',
      'vin',
      'vehicle_type',
      'owner',
      'use_character',
      'brand_model',
      'inspection_valid_until',
    ],
  },
};

/** Layouts by document type, for decoders that must not pull in schemas. */
export const LAYOUTS: ReadonlyMap<string, DocTypeLayout> = new Map([
  [RESIDENT_EID_LAYOUT.docType, RESIDENT_EID_LAYOUT],
  [DRIVING_LICENCE_LAYOUT.docType, DRIVING_LICENCE_LAYOUT],
  [VEHICLE_LICENCE_LAYOUT.docType, VEHICLE_LICENCE_LAYOUT],
]);
