import { DeltaIdError } from '@deltaid/core';
import type { StatusList } from './types.js';

/**
 * Writes the status value at `index`, in place.
 *
 * @param list - the list to change (its `bytes` are modified).
 * @param index - entry position.
 * @param value - 0 … 2^bits − 1.
 * @throws DeltaIdError `ERR_STATUS_INDEX` for an index outside the list; `ERR_INVALID_ARGUMENT` for a
 *   value that does not fit in `bits`.
 * @example
 * ```ts
 * setStatus(list, 42, STATUS.INVALID)
 * ```
 * @see draft-ietf-oauth-status-list §4.1
 */
export function setStatus(list: StatusList, index: number, value: number): void {
  if (index >>> 0 !== index || index >= list.size) {
    throw new DeltaIdError('ERR_STATUS_INDEX', 'index is outside the status list', {
      details: { index: typeof index === 'number' ? index : String(index), size: list.size },
    });
  }
  const mask = (1 << list.bits) - 1;
  if (value >>> 0 !== value || value > mask) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `status value must fit in ${list.bits} bits`, {
      details: { value: typeof value === 'number' ? value : String(value) },
    });
  }
  const bit = index * list.bits;
  const at = bit >>> 3;
  const shift = bit & 7;
  list.bytes[at] = (list.bytes[at]! & ~(mask << shift)) | (value << shift);
}
