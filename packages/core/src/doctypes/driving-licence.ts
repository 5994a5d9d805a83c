import { z } from 'zod';
import { DRIVING_LICENCE_STATUS_CODES, SEX_CODES } from './lib/codes.js';
import { matchesIdNumber, notFuture, ordered } from './lib/cross-checks.js';
import {
  bool,
  classes,
  codeSet,
  date,
  dateOrLongTerm,
  element,
  numericCode,
  pattern,
  portrait,
  text,
} from './lib/element-schemas.js';
import type { ClaimsSchemaOptions, DocTypeDefinition } from './types.js';

/** Document type of the driving licence (机动车驾驶证); naming rule as for `cn.gov.mps.eid.1`. */
export const DRIVING_LICENCE_DOCTYPE = 'cn.gov.mps.dl.1';

const S = {
  name: text('name', 50),
  licence_number: pattern('licence_number', /^[0-9A-Z]{6,20}$/, '6 to 20 characters of 0-9 and A-Z'),
  classes: classes('classes'),
  valid_from: date('valid_from'),
  valid_until: dateOrLongTerm('valid_until'),
  status: codeSet('status', DRIVING_LICENCE_STATUS_CODES, 'A'),
  sex: numericCode('sex', SEX_CODES),
  birth_date: date('birth_date'),
  // ISO 3166-1 alpha-3, as on the licence's 国籍 line (CHN) and in ISO 18013-5 `nationality`.
  nationality: pattern('nationality', /^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as CHN'),
  address: text('address', 100),
  first_issue_date: date('first_issue_date'),
  file_number: pattern('file_number', /^\d{12}$/, '12 digits'),
  issuing_authority: text('issuing_authority', 60),
  age_over_18: bool('age_over_18'),
  age_over_60: bool('age_over_60'),
  portrait: portrait('portrait'),
};

/**
 * Builds the schema of the issuer's input claims for a driving licence. Strict (no issuing-region
 * claim: it follows from the issuer). For a Chinese national (`nationality` CHN) the licence number
 * is the citizen ID number and must validate as one, and birth date and sex must agree with it;
 * a foreign holder's number (residence permit or passport based) is only checked for shape.
 * Dates: first_issue_date ≤ valid_from < valid_until; birth_date before first_issue_date; with
 * `now`, birth and first-issue dates not in the future.
 *
 * @param options - `now` enables the not-in-the-future checks.
 * @returns a zod schema; its issues name the field.
 * @example drivingLicenceClaimsSchema().parse(claims)
 * @see 公安部令第162号《机动车驾驶证申领和使用规定》; GA 482 (licence layout)
 */
export function drivingLicenceClaimsSchema(options: ClaimsSchemaOptions = {}) {
  const { now } = options;
  return z
    .strictObject({
      name: S.name,
      licence_number: S.licence_number,
      classes: S.classes,
      valid_from: S.valid_from,
      valid_until: S.valid_until,
      status: S.status,
      sex: S.sex,
      birth_date: S.birth_date,
      nationality: S.nationality,
      address: S.address,
      first_issue_date: S.first_issue_date,
      file_number: S.file_number,
      issuing_authority: S.issuing_authority,
      portrait: S.portrait.optional(),
    })
    .superRefine((c, ctx) => {
      if (c.nationality === 'CHN') {
        matchesIdNumber(ctx, 'licence_number', c.licence_number, c.birth_date, c.sex, now);
      }
      notFuture(ctx, 'birth_date', c.birth_date, now);
      notFuture(ctx, 'first_issue_date', c.first_issue_date, now);
      ordered(ctx, 'birth_date', c.birth_date, 'first_issue_date', c.first_issue_date, true);
      ordered(ctx, 'first_issue_date', c.first_issue_date, 'valid_from', c.valid_from, false);
      ordered(ctx, 'valid_from', c.valid_from, 'valid_until', c.valid_until, true);
    });
}

/** Validated input claims of a driving licence. */
export type DrivingLicenceClaims = z.output<ReturnType<typeof drivingLicenceClaimsSchema>>;

/**
 * The driving licence: elements (the six traffic-stop elements take keys 1-6), purposes and claims schema.
 *
 * @example DRIVING_LICENCE.purposes.traffic
 * @see 公安部令第162号; reference code lists (准驾车型, 驾驶证状态)
 */
export const DRIVING_LICENCE: DocTypeDefinition = {
  docType: DRIVING_LICENCE_DOCTYPE,
  label: { zh: '机动车驾驶证', en: 'Driving licence' },
  elements: [
    element('name', 1, 'tstr', { zh: '姓名', en: 'Name' }, S.name),
    element('licence_number', 2, 'tstr', { zh: '证号', en: 'Licence number' }, S.licence_number),
    element('classes', 3, 'classes', { zh: '准驾车型', en: 'Vehicle classes' }, S.classes),
    element('valid_from', 4, 'date', { zh: '有效起始日期', en: 'Valid from' }, S.valid_from),
    element('valid_until', 5, 'date-or-long-term', { zh: '有效期限', en: 'Valid until' }, S.valid_until),
    element('status', 6, 'code-set', { zh: '驾驶证状态', en: 'Licence status' }, S.status, {
      codeList: 'driving-licence-status',
    }),
    element('sex', 7, 'code', { zh: '性别', en: 'Sex' }, S.sex, { codeList: 'sex' }),
    element('birth_date', 8, 'date', { zh: '出生日期', en: 'Date of birth' }, S.birth_date),
    element('age_over_18', 9, 'bool', { zh: '年满18周岁', en: 'Aged 18 or over' }, S.age_over_18, {
      derived: true,
    }),
    element('age_over_60', 10, 'bool', { zh: '年满60周岁', en: 'Aged 60 or over' }, S.age_over_60, {
      derived: true,
    }),
    element('nationality', 11, 'code', { zh: '国籍', en: 'Nationality' }, S.nationality, {
      codeList: 'nationality',
    }),
    element(
      'first_issue_date',
      12,
      'date',
      { zh: '初次领证日期', en: 'Date of first issue' },
      S.first_issue_date,
    ),
    element('address', 13, 'tstr', { zh: '住址', en: 'Address' }, S.address),
    element('file_number', 14, 'tstr', { zh: '档案编号', en: 'File number' }, S.file_number),
    element(
      'issuing_authority',
      15,
      'tstr',
      { zh: '发证机关', en: 'Issuing authority' },
      S.issuing_authority,
    ),
    element('portrait', 16, 'portrait', { zh: '照片', en: 'Portrait' }, S.portrait, { required: false }),
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
  claimsSchema: drivingLicenceClaimsSchema,
};
