import { z } from 'zod';
import { DRIVING_LICENCE_STATUS_CODES, SEX_CODES } from './lib/codes.js';
import { matchesIdNumber, notFuture, ordered } from './lib/cross-checks.js';
import {
  bool,
  classes,
  codeSet,
  date,
  dateOrLongTerm,
  defineElements,
  numericCode,
  pattern,
  portrait,
  text,
} from './lib/element-schemas.js';
import { DRIVING_LICENCE_LAYOUT } from './lib/layouts.js';
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

const LABELS = {
  name: { zh: '姓名', en: 'Name' },
  licence_number: { zh: '证号', en: 'Licence number' },
  classes: { zh: '准驾车型', en: 'Vehicle classes' },
  valid_from: { zh: '有效起始日期', en: 'Valid from' },
  valid_until: { zh: '有效期限', en: 'Valid until' },
  status: { zh: '驾驶证状态', en: 'Licence status' },
  sex: { zh: '性别', en: 'Sex' },
  birth_date: { zh: '出生日期', en: 'Date of birth' },
  age_over_18: { zh: '年满18周岁', en: 'Aged 18 or over' },
  age_over_60: { zh: '年满60周岁', en: 'Aged 60 or over' },
  nationality: { zh: '国籍', en: 'Nationality' },
  first_issue_date: { zh: '初次领证日期', en: 'Date of first issue' },
  address: { zh: '住址', en: 'Address' },
  file_number: { zh: '档案编号', en: 'File number' },
  issuing_authority: { zh: '发证机关', en: 'Issuing authority' },
  portrait: { zh: '照片', en: 'Portrait' },
};

/**
 * The driving licence: elements (the six traffic-stop elements take keys 1-6), purposes and claims schema.
 *
 * @example DRIVING_LICENCE.purposes.traffic
 * @see 公安部令第162号; reference code lists (准驾车型, 驾驶证状态)
 */
export const DRIVING_LICENCE: DocTypeDefinition = {
  docType: DRIVING_LICENCE_DOCTYPE,
  label: { zh: '机动车驾驶证', en: 'Driving licence' },
  elements: defineElements(DRIVING_LICENCE_LAYOUT, LABELS, S),
  purposes: DRIVING_LICENCE_LAYOUT.purposes,
  claimsSchema: drivingLicenceClaimsSchema,
};
