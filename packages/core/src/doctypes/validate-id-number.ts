import { PROVINCE_CODES, REGION_ENTRIES } from './lib/codes.js';
import { cstDate, formatIsoDate, realDate } from './lib/dates.js';
import { claimsError } from './lib/fail.js';
import { mod11_2Check } from './lib/iso7064.js';
import type { Label, RegionCode } from './types.js';

/** What a valid citizen ID number says about its holder. */
export interface IdNumberInfo {
  /** The 18-character number, unchanged. */
  readonly idNumber: string;
  /** GB/T 2260 province code (first two digits) of the place of first registration. */
  readonly provinceCode: string;
  readonly province: Label;
  /** The Delta region when the province is Shanghai, Jiangsu, Zhejiang or Anhui; otherwise null. */
  readonly region: RegionCode | null;
  /** Birth date `YYYY-MM-DD` (digits 7-14). */
  readonly birthDate: string;
  /** GB/T 2261.1 sex code derived from digit 17: odd → 1 (male), even → 2 (female). */
  readonly sex: 1 | 2;
}

/** Options of {@link validateIdNumber}. */
export interface ValidateIdNumberOptions {
  /** Field name used in the error message and details. Default `'id_number'`. */
  readonly field?: string;
  /** When given, the encoded birth date must not be after this instant's date in China Standard Time. */
  readonly now?: Date;
}

const SHAPE = /^\d{17}[\dX]$/;

/**
 * Validates an 18-character citizen ID number (公民身份号码) and derives birth date and sex.
 * Checks, in order: shape (17 digits and a digit or upper-case X), a province code that issues ID
 * numbers (any in China, not only the Delta: citizens from everywhere live and travel here), a
 * real birth date not in the future, and the ISO 7064 MOD 11-2 check character.
 *
 * @param value - the untrusted value.
 * @param options - field name and the optional current time.
 * @returns the parsed number.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field`; the message names the failed check, never the value.
 * @example validateIdNumber('11010519491231002X').birthDate // '1949-12-31'
 * @see GB 11643-1999 公民身份号码 §5 (structure), §8.2 (check character); ISO/IEC 7064 MOD 11-2
 */
export function validateIdNumber(value: unknown, options: ValidateIdNumberOptions = {}): IdNumberInfo {
  const field = options.field ?? 'id_number';
  if (typeof value !== 'string' || !SHAPE.test(value)) {
    throw claimsError(field, 'must be 18 characters: 17 digits then a digit or X');
  }
  const provinceCode = value.slice(0, 2);
  const province = PROVINCE_CODES.get(provinceCode);
  if (!province) throw claimsError(field, 'does not start with a valid province code (GB/T 2260)');
  const date = realDate(Number(value.slice(6, 10)), Number(value.slice(10, 12)), Number(value.slice(12, 14)));
  if (!date) throw claimsError(field, 'does not encode a real birth date');
  const birthDate = formatIsoDate(date.y, date.m, date.d);
  if (options.now !== undefined && birthDate > cstDate(options.now)) {
    throw claimsError(field, 'encodes a birth date in the future');
  }
  if (mod11_2Check(value.slice(0, 17)) !== value.charAt(17)) {
    throw claimsError(field, 'check character does not match (ISO 7064 MOD 11-2)');
  }
  return {
    idNumber: value,
    provinceCode,
    province,
    region: REGION_ENTRIES.find((r) => r.gb2260 === provinceCode)?.code ?? null,
    birthDate,
    sex: (value.charCodeAt(16) - 48) % 2 === 1 ? 1 : 2,
  };
}
