import { DeltaIdError, deriveAgeElements, fullDate } from '@deltaid/core';
import type { MdlClaims } from '../issue-mdl.js';

/** ISO/IEC 18013-5 vehicle category codes (Table 5, from ISO/IEC 18013-1 Annex A). */
const VEHICLE_CATEGORIES: ReadonlySet<string> = new Set([
  'AM',
  'A1',
  'A2',
  'A',
  'B1',
  'B',
  'BE',
  'C1',
  'C1E',
  'C',
  'CE',
  'D1',
  'D1E',
  'D',
  'DE',
  'T',
]);
const REGIONS: ReadonlySet<string> = new Set(['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH']);
const DL_STATUS = /^[A-HIJKMNU]{1,4}$/;

function invalid(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_CLAIMS', `${field}: ${message}`, { details: { field } });
}

function date(field: string, v: string): string {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  if (!ok || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v)
    throw invalid(field, 'must be a YYYY-MM-DD date');
  return v;
}

// ISO/IEC 18013-5 §7.2.1: family_name, given_name are Latin-1 ("latin1b" characters); the Chinese
// spelling goes to the *_national_character elements.
function latin1(field: string, v: string, max: number): string {
  if (v.length === 0 || v.length > max || !/^[\u0020-\u007e\u00a0-\u00ff]+$/.test(v)) {
    throw invalid(field, `must be 1 to ${max} Latin-1 characters`);
  }
  return v;
}

function text(field: string, v: string, max: number): string {
  if (v.length === 0 || v.length > max) throw invalid(field, `must be 1 to ${max} characters`);
  return v;
}

/** The mDL namespace and the Chinese extension namespace, validated and in CBOR form. */
export function mdlElements(
  c: MdlClaims,
  signed: Date,
): { readonly mdl: Map<string, unknown>; readonly cn: Map<string, unknown> } {
  if (!REGIONS.has(c.issuing_jurisdiction))
    throw invalid('issuing_jurisdiction', 'must be CN-SH, CN-JS, CN-ZJ or CN-AH');
  if (!/^[0-9A-Z]{6,20}$/.test(c.document_number)) throw invalid('document_number', '6 to 20 of 0-9 A-Z');
  if (c.portrait.length < 4 || c.portrait[0] !== 0xff || c.portrait[1] !== 0xd8) {
    throw invalid('portrait', 'must be a JPEG (ISO/IEC 18013-5 §7.2.2)');
  }
  if (c.driving_privileges.length === 0) throw invalid('driving_privileges', 'at least one category');
  const issue = date('issue_date', c.issue_date);
  const expiry = date('expiry_date', c.expiry_date);
  if (expiry <= issue) throw invalid('expiry_date', 'must be after issue_date');
  const birth = date('birth_date', c.birth_date);
  const ages = deriveAgeElements(birth, signed);

  const mdl = new Map<string, unknown>([
    ['family_name', latin1('family_name', c.family_name, 150)],
    ['given_name', latin1('given_name', c.given_name, 150)],
    ['birth_date', fullDate(birth)],
    ['issue_date', fullDate(issue)],
    ['expiry_date', fullDate(expiry)],
    ['issuing_country', 'CN'],
    ['issuing_authority', text('issuing_authority', c.issuing_authority, 150)],
    ['issuing_jurisdiction', c.issuing_jurisdiction],
    ['document_number', c.document_number],
    ['portrait', c.portrait],
    [
      'driving_privileges',
      c.driving_privileges.map((p, i) => {
        if (!VEHICLE_CATEGORIES.has(p.vehicle_category_code)) {
          throw invalid(`driving_privileges[${i}].vehicle_category_code`, 'not an ISO/IEC 18013-5 category');
        }
        const m = new Map<string, unknown>([['vehicle_category_code', p.vehicle_category_code]]);
        if (p.issue_date !== undefined)
          m.set('issue_date', fullDate(date('driving_privileges.issue_date', p.issue_date)));
        if (p.expiry_date !== undefined)
          m.set('expiry_date', fullDate(date('driving_privileges.expiry_date', p.expiry_date)));
        return m;
      }),
    ],
    ['un_distinguishing_sign', 'CHN'],
    ['age_over_18', ages.age_over_18],
    ['age_over_60', ages.age_over_60],
    [
      'family_name_national_character',
      text('family_name_national_character', c.family_name_national_character, 150),
    ],
  ]);
  if (c.given_name_national_character !== undefined) {
    mdl.set(
      'given_name_national_character',
      text('given_name_national_character', c.given_name_national_character, 150),
    );
  }
  if (c.sex !== undefined) {
    if (![0, 1, 2, 9].includes(c.sex)) throw invalid('sex', 'ISO/IEC 5218 code 0, 1, 2 or 9');
    mdl.set('sex', c.sex);
  }
  if (c.nationality !== undefined) {
    if (!/^[A-Z]{2}$/.test(c.nationality)) throw invalid('nationality', 'ISO 3166-1 alpha-2');
    mdl.set('nationality', c.nationality);
  }
  if (c.resident_address !== undefined)
    mdl.set('resident_address', text('resident_address', c.resident_address, 150));

  const x = c.extension;
  if (!/^\d{12}$/.test(x.file_number)) throw invalid('file_number', '档案编号 is 12 digits');
  if (!DL_STATUS.test(x.status)) throw invalid('status', 'GA/T status letters such as A');
  const cn = new Map<string, unknown>([
    ['file_number', x.file_number],
    ['status', x.status],
  ]);
  if (x.classes !== undefined) {
    if (!/^([A-D][1-3]|C[1-6]|[DEFMNP])+$/.test(x.classes))
      throw invalid('classes', '准驾车型 such as C1 or A2D');
    cn.set('classes', x.classes);
  }
  if (x.first_issue_date !== undefined)
    cn.set('first_issue_date', fullDate(date('first_issue_date', x.first_issue_date)));
  if (x.name !== undefined) cn.set('name', text('name', x.name, 50));
  return { mdl, cn };
}
