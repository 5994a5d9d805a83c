import { z } from 'zod';
import { ETHNICITY_CODES, SEX_CODES } from './lib/codes.js';
import { matchesIdNumber, notFuture, ordered } from './lib/cross-checks.js';
import {
  bool,
  date,
  dateOrLongTerm,
  defineElements,
  numericCode,
  portrait,
  stringCode,
  text,
  validated,
} from './lib/element-schemas.js';
import { RESIDENT_EID_LAYOUT } from './lib/layouts.js';
import type { ClaimsSchemaOptions, DocTypeDefinition } from './types.js';
import { validateIdNumber } from './validate-id-number.js';

/**
 * Document type of the resident e-ID (居民身份证). Delta ID document-type ids are the reverse
 * domain of the authority that defines the document (mps.gov.cn, 公安部, which defines all three),
 * a short document name and a version, like ISO 18013-5's `org.iso.18013.5.1.mDL`. The version
 * changes only if an element's meaning or key changes, which the key rules forbid; new optional
 * elements get new keys in the same version.
 */
export const RESIDENT_EID_DOCTYPE = 'cn.gov.mps.eid.1';

const S = {
  name: text('name', 50),
  sex: numericCode('sex', SEX_CODES),
  ethnicity: stringCode('ethnicity', ETHNICITY_CODES),
  birth_date: date('birth_date'),
  address: text('address', 100),
  id_number: validated('id_number', (v) => validateIdNumber(v).idNumber),
  issuing_authority: text('issuing_authority', 60),
  valid_from: date('valid_from'),
  valid_until: dateOrLongTerm('valid_until'),
  age_over_18: bool('age_over_18'),
  age_over_60: bool('age_over_60'),
  portrait: portrait('portrait'),
};

/**
 * Builds the schema of the issuer's input claims for a resident e-ID. Strict: unknown claims
 * (including any attempt to claim an issuing region, which follows from the issuer) are rejected.
 * Cross-field rules: birth date and sex agree with the ID number; valid_until after valid_from;
 * with `now`, the birth date is not in the future.
 *
 * @param options - `now` enables the not-in-the-future checks.
 * @returns a zod schema; its issues name the field (`path` and message prefix).
 * @example residentEidClaimsSchema({ now: new Date() }).parse(claims)
 * @see GB 11643-1999; 居民身份证法 第三条 (printed items); docs/formats/compact-credential.md
 */
export function residentEidClaimsSchema(options: ClaimsSchemaOptions = {}) {
  const { now } = options;
  return z
    .strictObject({
      name: S.name,
      sex: S.sex,
      ethnicity: S.ethnicity,
      birth_date: S.birth_date,
      address: S.address,
      id_number: S.id_number,
      issuing_authority: S.issuing_authority,
      valid_from: S.valid_from,
      valid_until: S.valid_until,
      portrait: S.portrait.optional(),
    })
    .superRefine((c, ctx) => {
      matchesIdNumber(ctx, 'id_number', c.id_number, c.birth_date, c.sex, now);
      notFuture(ctx, 'birth_date', c.birth_date, now);
      ordered(ctx, 'valid_from', c.valid_from, 'valid_until', c.valid_until, true);
      ordered(ctx, 'birth_date', c.birth_date, 'valid_from', c.valid_from, false);
    });
}

/** Validated input claims of a resident e-ID. */
export type ResidentEidClaims = z.output<ReturnType<typeof residentEidClaimsSchema>>;

const LABELS = {
  name: { zh: '姓名', en: 'Name' },
  sex: { zh: '性别', en: 'Sex' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  birth_date: { zh: '出生日期', en: 'Date of birth' },
  id_number: { zh: '公民身份号码', en: 'Citizen ID number' },
  address: { zh: '住址', en: 'Address' },
  valid_from: { zh: '有效期限起始日期', en: 'Valid from' },
  valid_until: { zh: '有效期限截止日期', en: 'Valid until' },
  age_over_18: { zh: '年满18周岁', en: 'Aged 18 or over' },
  age_over_60: { zh: '年满60周岁', en: 'Aged 60 or over' },
  issuing_authority: { zh: '签发机关', en: 'Issuing authority' },
  portrait: { zh: '照片', en: 'Portrait' },
};

/**
 * The resident e-ID: elements (keys 1-12; the ten check-in elements take the smallest keys),
 * purposes and claims schema.
 *
 * @example RESIDENT_EID.purposes.checkin // ['name', 'sex', …]
 * @see 居民身份证法; GB/T 2261.1 (sex); GB/T 3304 (ethnicity); GB 11643 (ID number)
 */
export const RESIDENT_EID: DocTypeDefinition = {
  docType: RESIDENT_EID_DOCTYPE,
  label: { zh: '居民身份证', en: 'Resident identity card' },
  elements: defineElements(RESIDENT_EID_LAYOUT, LABELS, S),
  purposes: RESIDENT_EID_LAYOUT.purposes,
  claimsSchema: residentEidClaimsSchema,
};
