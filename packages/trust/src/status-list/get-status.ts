import { DeltaIdError } from '@deltaid/core';
import type { StatusList } from './types.js';

/**
 * Reads the status value at `index`: one shift and one mask on the byte array, no allocation.
 *
 * @param list - a decoded list.
 * @param index - the Referenced Token's `idx`.
 * @returns the value, 0 … 2^bits − 1 (0 valid, 1 invalid, 2 suspended, others application-specific).
 * @throws DeltaIdError `ERR_STATUS_INDEX` when `index` is not an integer inside the list; the draft
 *   requires the Referenced Token to be rejected then.
 * @example
 * ```ts
 * getStatus(list, 1993) // 2
 * ```
 * @see draft-ietf-oauth-status-list §4.1, §8.3 step 5
 */
export function getStatus(list: StatusList, index: number): number {
  // `>>> 0` keeps only uint32 values equal to themselves, rejecting negatives, fractions and NaN cheaply.
  if (index >>> 0 !== index || index >= list.size) {
    throw new DeltaIdError('ERR_STATUS_INDEX', 'index is outside the status list', {
      details: { index: typeof index === 'number' ? index : String(index), size: list.size },
    });
  }
  const bits = list.bits;
  const bit = index * bits;
  return (list.bytes[bit >>> 3]! >>> (bit & 7)) & ((1 << bits) - 1);
}
