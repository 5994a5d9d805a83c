import {
  DeltaIdError,
  type Digests,
  decodeCbor,
  encodeCbor,
  encodeIssuerSignedItem,
  encodeMobileSecurityObject,
  type PrivateKeyHandle,
  type PublicJwk,
  type Randomness,
  type Signs,
  signSign1,
} from '@deltaid/core';

/** Input of {@link issueMdoc}: element values are CBOR-ready (`fullDate(...)` for full-date, Uint8Array for bstr). */
export interface IssueMdocInput {
  readonly docType: string;
  /** namespace → element identifier → value. */
  readonly nameSpaces: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  /** The holder's device public key (goes into MSO deviceKeyInfo). */
  readonly deviceKey: PublicJwk;
  readonly validity: {
    readonly signed: Date;
    readonly validFrom: Date;
    readonly validUntil: Date;
    readonly expectedUpdate?: Date;
  };
  /** 2nd-edition MSO `status`, e.g. `new Map([['status_list', new Map([['idx', 7], ['uri', url]])]])`. */
  readonly status?: ReadonlyMap<string, unknown>;
}

/** Capabilities of {@link issueMdoc}. */
export interface IssueMdocContext {
  /** The document signer private key. */
  readonly key: PrivateKeyHandle;
  /** DS certificate first, then any intermediates (DER). One certificate is sent as a bstr, more as an array. */
  readonly certificateChain: readonly Uint8Array[];
  readonly crypto: Signs & Digests & Randomness;
}

/** An issued mdoc: the `IssuerSigned` encoding the wallet stores and later discloses from. */
export interface IssuedMdoc {
  readonly docType: string;
  readonly issuerSigned: Uint8Array;
}

// §9.1.2.5 asks for at least 16 bytes; 32 matches the SHA-256 output and every known issuer.
const SALT_BYTES = 32;

/** A uniformly random permutation of 0..n-1 (Fisher–Yates with rejection sampling). */
function randomIds(n: number, crypto: Randomness): number[] {
  const ids = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const range = i + 1;
    const limit = Math.floor(0x100000000 / range) * range;
    let r: number;
    do {
      const b = crypto.randomBytes(4);
      r = (((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0)) >>> 0;
    } while (r >= limit);
    const j = r % range;
    [ids[i], ids[j]] = [ids[j] ?? 0, ids[i] ?? 0];
  }
  return ids;
}

/**
 * Issues an ISO/IEC 18013-5 mdoc: one IssuerSignedItem per element with a fresh 32-byte salt and a random
 * digestID, the MSO with the SHA-256 digest of each item's tag-24 bytes, and the issuerAuth COSE_Sign1
 * (untagged, alg in the protected header, x5chain in the unprotected header).
 *
 * @param input - docType, elements per namespace, device key, validity, optional status.
 * @param ctx - document signer key, its certificate chain, crypto.
 * @returns the `IssuerSigned` encoding.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (empty namespaces or chain, bad validity), `ERR_KEY`, `ERR_CBOR`.
 * @example
 * ```ts
 * const { issuerSigned } = await issueMdoc({ docType, nameSpaces, deviceKey, validity }, { key, certificateChain: [ds], crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.2
 */
export async function issueMdoc(input: IssueMdocInput, ctx: IssueMdocContext): Promise<IssuedMdoc> {
  if (input.nameSpaces.size === 0)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'at least one namespace is required');
  if (ctx.certificateChain.length === 0)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'certificateChain is empty');
  const itemsByNs = new Map<string, unknown[]>();
  const valueDigests = new Map<string, Map<number, Uint8Array>>();
  for (const [ns, elements] of input.nameSpaces) {
    if (elements.size === 0) throw new DeltaIdError('ERR_INVALID_ARGUMENT', `namespace ${ns} is empty`);
    const ids = randomIds(elements.size, ctx.crypto);
    const items: unknown[] = [];
    const digests = new Map<number, Uint8Array>();
    let k = 0;
    for (const [elementIdentifier, elementValue] of elements) {
      const digestID = ids[k++] ?? 0;
      const bytes = encodeIssuerSignedItem({
        digestID,
        random: ctx.crypto.randomBytes(SALT_BYTES),
        elementIdentifier,
        elementValue,
      });
      digests.set(digestID, await ctx.crypto.digest('SHA-256', bytes));
      items.push(decodeCbor(bytes));
    }
    // Sorted by digestID so the MSO does not reveal the order of elements in the namespace.
    valueDigests.set(ns, new Map([...digests].sort((a, b) => a[0] - b[0])));
    itemsByNs.set(ns, items);
  }
  const payload = encodeMobileSecurityObject({
    digestAlgorithm: 'SHA-256',
    valueDigests,
    deviceKey: input.deviceKey,
    docType: input.docType,
    validityInfo: input.validity,
    ...(input.status === undefined ? {} : { status: input.status }),
  });
  const chain = ctx.certificateChain.length === 1 ? ctx.certificateChain[0] : [...ctx.certificateChain];
  const issuerAuth = await signSign1(
    { payload, unprotectedHeader: new Map([[33, chain]]), tagged: false },
    { key: ctx.key, crypto: ctx.crypto },
  );
  const issuerSigned = encodeCbor(
    new Map<string, unknown>([
      ['nameSpaces', itemsByNs],
      ['issuerAuth', decodeCbor(issuerAuth)],
    ]),
  );
  return { docType: input.docType, issuerSigned };
}
