import { cstDate, parseIsoDate } from './lib/dates.js';
import { claimsError } from './lib/fail.js';

/** Options of {@link validateDate}. */
export interface ValidateDateOptions {
  /** Field name used in the error message and details. Default `'date'`. */
  readonly field?: string;
  /** When given, the date must not be after this instant's civil date in China Standard Time (UTC+8). */
  readonly notAfter?: Date;
}

/**
 * Checks a civil date written `YYYY-MM-DD`: a real calendar date (no 1990-02-30), year 1800 or
 * later, and optionally not in the future.
 *
 * @param value - the untrusted value.
 * @param options - field name and the optional "now" bound.
 * @returns the same string, now known to be a valid date.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when the value is not such a date.
 * @example validateDate('1990-03-07', { field: 'birth_date' }) // '1990-03-07'
 * @see ISO 8601-1 §5.2.2 (calendar date, extended format); GB/T 7408.1
 */
export function validateDate(value: unknown, options: ValidateDateOptions = {}): string {
  const field = options.field ?? 'date';
  if (typeof value !== 'string') throw claimsError(field, 'must be a string YYYY-MM-DD');
  if (!parseIsoDate(value))
    throw claimsError(field, 'must be a real calendar date YYYY-MM-DD (year 1800 or later)');
  // Fixed-width ISO dates compare correctly as strings.
  if (options.notAfter !== undefined && value > cstDate(options.notAfter)) {
    throw claimsError(field, 'must not be in the future');
  }
  return value;
}
