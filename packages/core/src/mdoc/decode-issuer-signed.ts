import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { decodeSign1 } from '../cose/decode-sign1.js';
import { COSE_HEADER } from '../cose/headers.js';
import { decodeIssuerSignedItem } from './decode-issuer-signed-item.js';
import { asArray, asBytes, asMap, bad, onlyKeys, textKeyed } from './lib/read.js';
import type { IssuerSigned, IssuerSignedItem } from './types.js';

/**
 * Decodes `IssuerSigned` = `{ ? nameSpaces, issuerAuth }`: the disclosed items per namespace (each kept
 * as received) and the issuer's untagged COSE_Sign1, whose x5chain (label 33) may be one certificate as
 * a bstr or several as an array.
 *
 * @param value - the decoded `IssuerSigned` map.
 * @param options - CBOR limits for embedded items.
 * @returns the decoded structure; signatures and digests are not checked here.
 * @throws DeltaIdError `ERR_STRUCTURE`, `ERR_CBOR`, `ERR_CBOR_LIMIT`.
 * @example
 * ```ts
 * const { nameSpaces, issuerAuth, x5chain } = decodeIssuerSigned(doc.get('issuerSigned'));
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.2.4; RFC 9360 §2 (x5chain)
 */
export function decodeIssuerSigned(
  value: unknown,
  options: { readonly limits?: CborLimits } = {},
): IssuerSigned {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  const m = asMap(value, 'IssuerSigned');
  onlyKeys(m, ['nameSpaces', 'issuerAuth'], 'IssuerSigned');
  const nameSpaces = new Map<string, IssuerSignedItem[]>();
  const ns = m.get('nameSpaces');
  if (ns !== undefined) {
    for (const [name, items] of textKeyed(ns, 'IssuerSigned.nameSpaces')) {
      const list = asArray(items, `IssuerSigned.nameSpaces[${name}]`);
      if (list.length === 0) throw bad(`IssuerSigned.nameSpaces[${name}]`, 'must not be empty');
      nameSpaces.set(
        name,
        list.map((it) => decodeIssuerSignedItem(it, { limits })),
      );
    }
  }
  const issuerAuth = decodeSign1(m.get('issuerAuth') ?? null, { limits });
  // §9.1.2.4: x5chain belongs in the unprotected header; accept the protected one too (RFC 9360 allows both).
  const raw =
    issuerAuth.unprotectedHeader.get(COSE_HEADER.x5chain) ??
    issuerAuth.protectedHeader.get(COSE_HEADER.x5chain);
  if (raw === undefined) throw bad('issuerAuth', 'x5chain (33) missing');
  const x5chain =
    raw instanceof Uint8Array
      ? [raw]
      : asArray(raw, 'issuerAuth.x5chain').map((c) => asBytes(c, 'issuerAuth.x5chain[]'));
  if (x5chain.length === 0) throw bad('issuerAuth.x5chain', 'must not be empty');
  return { nameSpaces, issuerAuth, x5chain };
}
