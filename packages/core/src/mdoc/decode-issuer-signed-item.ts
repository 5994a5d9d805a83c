import { decodeCbor } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { asBytes, asMap, asText, asUint, bad, tag24Inner } from './lib/read.js';
import { tag24Encoding } from './lib/tag24.js';
import type { IssuerSignedItem } from './types.js';

/**
 * Decodes one `IssuerSignedItemBytes` = `#6.24(bstr .cbor IssuerSignedItem)` as found in
 * `IssuerSigned.nameSpaces`. The embedded bytes are kept exactly as received in `bytes` (wrapped in their
 * tag-24 head) because the MSO digest covers them, never a re-encoding.
 *
 * @param value - the decoded tag-24 value (a cbor-x `Tag` whose `value` is the embedded bytes).
 * @param options - CBOR limits for the embedded item.
 * @returns the item with its digest input.
 * @throws DeltaIdError `ERR_STRUCTURE` (missing tag 24, wrong field types), `ERR_CBOR`, `ERR_CBOR_LIMIT`.
 * @example
 * ```ts
 * const item = decodeIssuerSignedItem(nameSpaces.get('org.iso.18013.5.1')[0]);
 * item.elementIdentifier; // 'family_name'
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.2.5
 */
export function decodeIssuerSignedItem(
  value: unknown,
  options: { readonly limits?: CborLimits } = {},
): IssuerSignedItem {
  const inner = tag24Inner(value, 'IssuerSignedItemBytes');
  const m = asMap(decodeCbor(inner, { limits: options.limits ?? DEFAULT_CBOR_LIMITS }), 'IssuerSignedItem');
  for (const k of m.keys()) {
    if (k !== 'digestID' && k !== 'random' && k !== 'elementIdentifier' && k !== 'elementValue') {
      throw bad('IssuerSignedItem', `unexpected key ${String(k)}`);
    }
  }
  if (!m.has('elementValue')) throw bad('IssuerSignedItem', 'elementValue missing');
  const random = asBytes(m.get('random'), 'IssuerSignedItem.random');
  // §9.1.2.5: at least 16 bytes of salt, or digests of guessable values could be brute-forced.
  if (random.length < 16) throw bad('IssuerSignedItem.random', 'must be at least 16 bytes');
  return {
    digestID: asUint(m.get('digestID'), 'IssuerSignedItem.digestID'),
    random,
    elementIdentifier: asText(m.get('elementIdentifier'), 'IssuerSignedItem.elementIdentifier'),
    elementValue: m.get('elementValue'),
    bytes: tag24Encoding(inner),
  };
}
