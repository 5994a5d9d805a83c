import { REGION_ENTRIES } from './lib/codes.js';
import { claimsError } from './lib/fail.js';
import type { Label, RegionCode } from './types.js';

/** One of the four regions of the Delta. */
export interface Region {
  /** ISO 3166-2 code, the form Delta ID uses everywhere. */
  readonly code: RegionCode;
  /** GB/T 2260 province code: the first two digits of ID numbers and administrative codes. */
  readonly gb2260: string;
  /** The one-character short name used on plates (沪 苏 浙 皖). */
  readonly abbr: string;
  readonly name: Label;
}

/** The four regions in ISO 3166-2 order: Shanghai, Jiangsu, Zhejiang, Anhui. */
export const REGIONS: readonly Region[] = REGION_ENTRIES;

/** Options of {@link validateRegionCode}. */
export interface ValidateRegionCodeOptions {
  /** Field name used in the error message and details. Default `'region'`. */
  readonly field?: string;
}

/**
 * Resolves a region of the Delta from its ISO 3166-2 code (`CN-SH`), its GB/T 2260 province code
 * (`31`) or its short character (`沪`). Any other value, including other Chinese provinces, fails.
 *
 * @param value - the untrusted value.
 * @returns the region.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when the value names no Delta region.
 * @example validateRegionCode('浙').code // 'CN-ZJ'
 * @see ISO 3166-2:CN; GB/T 2260-2007
 */
export function validateRegionCode(value: unknown, options: ValidateRegionCodeOptions = {}): Region {
  const field = options.field ?? 'region';
  if (typeof value === 'string') {
    const region = REGIONS.find((r) => r.code === value || r.gb2260 === value || r.abbr === value);
    if (region) return region;
  }
  throw claimsError(field, 'must be one of CN-SH, CN-JS, CN-ZJ, CN-AH (or 31-34, 沪 苏 浙 皖)');
}
