import { CLASS_ORDER, isLicenceClass } from './lib/classes.js';
import { claimsError } from './lib/fail.js';
import type { LicenceClass } from './types.js';

/** Options of {@link parseLicenceClasses}. */
export interface ParseLicenceClassesOptions {
  /** Field name used in the error message and details. Default `'classes'`. */
  readonly field?: string;
}

/** A, B and C classes always carry a digit; D E F M N P never do. */
const TOKEN_SOURCE = '[ABC]\\d|[A-Z]';

/**
 * Parses 准驾车型 as printed on a licence (`C1E`, `A2D`, `C1`) into classes. Every token must be
 * a class of 公安部令第162号; duplicates and anything else (lower case, separators) are rejected.
 *
 * @param value - the untrusted value.
 * @returns the classes in the order the licence prints them (A1 … C6, D, E, F, M, N, P).
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when the value is empty, malformed, has an
 *   unknown class or a class twice.
 * @example parseLicenceClasses('C1E') // ['C1', 'E']
 * @see 公安部令第162号《机动车驾驶证申领和使用规定》附件 1 准驾车型及代号
 */
export function parseLicenceClasses(
  value: unknown,
  options: ParseLicenceClassesOptions = {},
): LicenceClass[] {
  const field = options.field ?? 'classes';
  if (typeof value !== 'string' || value.length === 0 || value.length > 40) {
    throw claimsError(field, 'must be a non-empty string of licence classes such as C1E');
  }
  const found = new Set<LicenceClass>();
  // Sticky: each token must start where the previous one ended, so nothing is skipped silently.
  const re = new RegExp(TOKEN_SOURCE, 'gy');
  let consumed = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    const token = m[0];
    if (!isLicenceClass(token)) throw claimsError(field, 'contains an unknown licence class');
    if (found.has(token)) throw claimsError(field, 'lists a licence class twice');
    found.add(token);
    consumed = re.lastIndex;
  }
  if (consumed !== value.length) throw claimsError(field, 'contains an unknown licence class');
  return CLASS_ORDER.filter((c) => found.has(c));
}
