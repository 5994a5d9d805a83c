import { deflate } from '@deltaid/core';
import { assertBits } from './lib/bits.js';
import type { CompressedStatusList, StatusList } from './types.js';

/** A zlib compressor (RFC 1950 output); lets a publisher pick its own compression level. */
export type Deflate = (bytes: Uint8Array) => Promise<Uint8Array>;

/**
 * Compresses a Status List for transport: `lst` is the zlib (RFC 1950) stream of the byte array.
 *
 * The default compressor is `deflate` from `@deltaid/core` (Compression Streams, zlib's default
 * level, header `78 9c`). The draft's examples were made at level 9 (header `78 da`); any level
 * decodes the same, so pass `options.deflate` only to reproduce bytes exactly.
 *
 * @param list - the list.
 * @param options - `deflate`: an alternative compressor; `aggregationUri`: carried along.
 * @returns `{ bits, lst }`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a malformed list.
 * @example
 * ```ts
 * const { bits, lst } = await compressStatusList(list)
 * ```
 * @see draft-ietf-oauth-status-list §4.1 (compression), §4.3 (CBOR encoding)
 */
export async function compressStatusList(
  list: StatusList,
  options: { readonly deflate?: Deflate; readonly aggregationUri?: string } = {},
): Promise<CompressedStatusList> {
  assertBits(list.bits);
  const lst = await (options.deflate ?? deflate)(list.bytes);
  return options.aggregationUri === undefined
    ? { bits: list.bits, lst }
    : { bits: list.bits, lst, aggregationUri: options.aggregationUri };
}
