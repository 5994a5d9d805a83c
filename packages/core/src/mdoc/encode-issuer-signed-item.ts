import { encodeCbor } from '../cbor/cbor.js';
import { DeltaIdError } from '../errors.js';
import { tag24Encoding } from './lib/tag24.js';

/**
 * Encodes `IssuerSignedItemBytes` = `#6.24(bstr .cbor IssuerSignedItem)`. The issuer hashes these exact
 * bytes into the MSO and the wallet must later send them unchanged.
 *
 * @param item - digestID, salt (≥ 16 bytes), element identifier and value (full-date as `fullDate(...)`).
 * @returns the tag-24 encoding.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a short salt or a bad digestID; `ERR_CBOR`.
 * @example
 * ```ts
 * const bytes = encodeIssuerSignedItem({ digestID: 7, random, elementIdentifier: 'family_name', elementValue: '张' });
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.2.5
 */
export function encodeIssuerSignedItem(item: {
  readonly digestID: number;
  readonly random: Uint8Array;
  readonly elementIdentifier: string;
  readonly elementValue: unknown;
}): Uint8Array {
  if (item.random.length < 16)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'random must be at least 16 bytes');
  if (!Number.isSafeInteger(item.digestID) || item.digestID < 0 || item.digestID > 0xffffffff) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'digestID must be an unsigned 32-bit integer');
  }
  // Key order as in the standard's examples (Annex D), which readers that re-encode for display expect.
  return tag24Encoding(
    encodeCbor(
      new Map<string, unknown>([
        ['digestID', item.digestID],
        ['random', item.random],
        ['elementIdentifier', item.elementIdentifier],
        ['elementValue', item.elementValue],
      ]),
    ),
  );
}
