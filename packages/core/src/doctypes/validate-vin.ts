import { claimsError } from './lib/fail.js';

/** A validated vehicle identification number. */
export interface VinInfo {
  readonly vin: string;
  /** World manufacturer identifier (positions 1-3); `L` first marks a Chinese manufacturer. */
  readonly wmi: string;
  /** Position 9: `0`-`9` or `X`. */
  readonly checkDigit: string;
  /** Position 10: model-year code. */
  readonly modelYearCode: string;
}

/** Options of {@link validateVin}. */
export interface ValidateVinOptions {
  /** Field name used in the error message and details. Default `'vin'`. */
  readonly field?: string;
}

const SHAPE = /^[A-HJ-NPR-Z0-9]{17}$/;
/** Year codes of GB 16735-2019 Table 2 / ISO 3779: no I O Q U Z and no 0, a 30-year cycle. */
const YEAR_CODES = /^[A-HJ-NPR-TV-Y1-9]$/;
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;
/** Values of A..Z: A1 B2 … H8 J1 … N5 P7 R9 S2 … Z9 (I O Q never reach here); digits are themselves. */
const LETTER_VALUES = '12345678-12345-7-923456789';

function translit(ch: string): number {
  const c = ch.charCodeAt(0);
  return c <= 57 ? c - 48 : Number(LETTER_VALUES.charAt(c - 65));
}

/**
 * Validates a 17-character VIN: alphabet without I, O, Q; a valid model-year code; and the
 * check digit at position 9, which GB 16735 makes mandatory for every vehicle sold in China
 * (ISO 3779 leaves it optional elsewhere, so non-Chinese VINs without one are rejected here too).
 *
 * @param value - the untrusted value (upper case, no spaces).
 * @returns the parsed VIN.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when any check fails.
 * @example validateVin('LSVAU218XN2183294').checkDigit // 'X'
 * @see GB 16735-2019 §5.4 (check digit), Annex; ISO 3779:2009
 */
export function validateVin(value: unknown, options: ValidateVinOptions = {}): VinInfo {
  const field = options.field ?? 'vin';
  if (typeof value !== 'string' || !SHAPE.test(value)) {
    throw claimsError(field, 'must be 17 characters of 0-9 and A-Z without I, O, Q');
  }
  const modelYearCode = value.charAt(9);
  if (!YEAR_CODES.test(modelYearCode)) throw claimsError(field, 'position 10 is not a valid model-year code');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += translit(value.charAt(i)) * (WEIGHTS[i] ?? 0);
  const r = sum % 11;
  const expected = r === 10 ? 'X' : String(r);
  if (value.charAt(8) !== expected)
    throw claimsError(field, 'check digit at position 9 does not match (ISO 3779)');
  return { vin: value, wmi: value.slice(0, 3), checkDigit: expected, modelYearCode };
}
