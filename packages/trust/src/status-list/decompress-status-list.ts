import { DeltaIdError, inflate } from '@deltaid/core';
import { DEFAULT_MAX_STATUS_LIST_BYTES } from './constants.js';
import { isBits } from './lib/bits.js';
import type { StatusList } from './types.js';

/**
 * Decompresses `lst` into a Status List, refusing more than `maxBytes` of output, so a
 * decompression bomb fails early instead of filling memory.
 *
 * @param compressed - `bits` and the zlib stream `lst`, from a token's `status_list` claim.
 * @param options - `maxBytes`: output bound (default 4 MiB, {@link DEFAULT_MAX_STATUS_LIST_BYTES}).
 * @returns the decoded list; it keeps the bytes, so each lookup is a shift and a mask.
 * @throws DeltaIdError `ERR_INFLATE_LIMIT` (output above `maxBytes`); `ERR_INFLATE` (not a zlib
 *   stream, bad checksum, trailing data); `ERR_STRUCTURE` (bad `bits`, empty list).
 * @example
 * ```ts
 * const list = await decompressStatusList({ bits: 1, lst: fromHex('78dadbb918000217015d') })
 * getStatus(list, 0) // 1
 * ```
 * @see draft-ietf-oauth-status-list §4.1
 */
export async function decompressStatusList(
  compressed: { readonly bits: unknown; readonly lst: unknown },
  options: { readonly maxBytes?: number } = {},
): Promise<StatusList> {
  const { bits, lst } = compressed;
  if (!isBits(bits)) throw new DeltaIdError('ERR_STRUCTURE', 'status_list.bits must be 1, 2, 4 or 8');
  if (!(lst instanceof Uint8Array)) throw new DeltaIdError('ERR_STRUCTURE', 'status_list.lst must be bytes');
  const bytes = await inflate(lst, { maxBytes: options.maxBytes ?? DEFAULT_MAX_STATUS_LIST_BYTES });
  if (bytes.length === 0) throw new DeltaIdError('ERR_STRUCTURE', 'status_list.lst holds no entries');
  return { bits, bytes, size: (bytes.length * 8) / bits };
}
