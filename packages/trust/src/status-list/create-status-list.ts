import { DeltaIdError } from '@deltaid/core';
import type { StatusListBits } from './constants.js';
import { assertBits } from './lib/bits.js';
import type { StatusList } from './types.js';

/** The largest list {@link createStatusList} makes: 2^27 entries (16 MiB at 1 bit, 128 MiB at 8). */
const MAX_ENTRIES = 2 ** 27;

/**
 * Creates an all-valid Status List with room for at least `size` entries at `bits` per entry.
 * The byte array is rounded up to whole bytes, so `result.size` may exceed `size` by the padding.
 *
 * @param options - `size`: entries wanted (≥ 1); `bits`: 1, 2, 4 or 8.
 * @returns a list whose every entry is `STATUS.VALID` (0).
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a bad `bits` or a size outside 1 … 2^27.
 * @example
 * ```ts
 * const list = createStatusList({ size: 1_000_000, bits: 2 }) // 250,000 bytes
 * ```
 * @see draft-ietf-oauth-status-list §4.1
 */
export function createStatusList(options: {
  readonly size: number;
  readonly bits: StatusListBits;
}): StatusList {
  const { size, bits } = options;
  assertBits(bits);
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_ENTRIES) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `size must be an integer in 1 … ${MAX_ENTRIES}`, {
      details: { size },
    });
  }
  const bytes = new Uint8Array(Math.ceil((size * bits) / 8));
  return { bits, bytes, size: (bytes.length * 8) / bits };
}
