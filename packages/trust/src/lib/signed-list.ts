import {
  COSE_HEADER,
  checkSign1Headers,
  DEFAULT_CBOR_LIMITS,
  decodeCbor,
  decodeSign1,
  encodeCbor,
  isDeltaIdError,
  type PrivateKeyHandle,
  type Signs,
  signSign1,
  toHex,
  type Verifies,
  verifySign1,
} from '@deltaid/core';
import type {
  Failure,
  OperatorAnchor,
  SignedListFailureCode,
  StalePolicy,
  TrustListWarning,
} from '../trust-list/types.js';

export type { Failure, OperatorAnchor, SignedListFailureCode };

export const failure = (code: SignedListFailureCode, reason: string): Failure => ({
  ok: false,
  code,
  reason,
});

/** Signs a list payload: COSE_Sign1, tag 18, protected {alg, content type, kid}. */
export async function signList(
  payload: unknown,
  contentType: string,
  ctx: { readonly key: PrivateKeyHandle; readonly kid: Uint8Array; readonly crypto: Signs },
): Promise<Uint8Array> {
  return signSign1(
    {
      protectedHeader: new Map<number, unknown>([
        [COSE_HEADER.contentType, contentType],
        [COSE_HEADER.kid, ctx.kid],
      ]),
      payload: encodeCbor(payload),
    },
    { key: ctx.key, crypto: ctx.crypto },
  );
}

/**
 * The checks both list kinds share: a COSE_Sign1 of the expected content type whose protected `kid` names
 * a pinned anchor and whose signature verifies under it (each anchor with that `kid` is tried), then the
 * payload decoded within the CBOR limits. Returns the decoded payload and the anchor that signed it.
 */
export async function openSignedList(
  bytes: Uint8Array,
  contentType: string,
  anchors: readonly OperatorAnchor[],
  crypto: Verifies,
): Promise<{ ok: true; payload: unknown; signer: OperatorAnchor } | Failure> {
  try {
    const sign1 = decodeSign1(bytes, { limits: DEFAULT_CBOR_LIMITS });
    if (sign1.tag !== 'tagged') return failure('ERR_STRUCTURE', 'a trust list is a tagged COSE_Sign1 (18)');
    if (sign1.protectedHeader.get(COSE_HEADER.contentType) !== contentType) {
      return failure('ERR_TRUST_LIST', `content type must be ${contentType}`);
    }
    // Only the protected kid counts: the unprotected bucket is not covered by the signature.
    const kid = sign1.protectedHeader.get(COSE_HEADER.kid);
    if (!(kid instanceof Uint8Array)) {
      return failure('ERR_TRUST_LIST', 'protected kid missing');
    }
    if (sign1.payload === null) return failure('ERR_STRUCTURE', 'detached payload');
    const hex = toHex(kid);
    const candidates = anchors.filter((a) => toHex(a.kid) === hex);
    if (candidates.length === 0)
      return failure('ERR_UNKNOWN_ISSUER', `signer kid ${hex} is not a pinned operator key`);
    let headerProblem: 'ERR_COSE_ALG' | 'ERR_STRUCTURE' | undefined;
    for (const anchor of candidates) {
      const problem = checkSign1Headers(sign1, { alg: anchor.alg });
      if (problem !== undefined) {
        headerProblem = problem;
        continue;
      }
      const key = await crypto.importPublicKey(anchor.alg, anchor.publicKey);
      if (await verifySign1(sign1, { key, crypto })) {
        return {
          ok: true,
          payload: decodeCbor(sign1.payload, { limits: DEFAULT_CBOR_LIMITS }),
          signer: anchor,
        };
      }
    }
    return headerProblem !== undefined
      ? failure(headerProblem, 'protected header does not match the operator key')
      : failure('ERR_SIGNATURE', 'signature does not verify under the operator key');
  } catch (err) {
    return asFailure(err);
  }
}

/** Maps a thrown DeltaIdError from decoding into a failure; anything else is a bug and rethrown. */
export function asFailure(err: unknown): Failure {
  if (isDeltaIdError(err)) {
    switch (err.code) {
      case 'ERR_CBOR':
      case 'ERR_CBOR_LIMIT':
      case 'ERR_STRUCTURE':
      case 'ERR_TRUST_LIST':
      case 'ERR_COSE_ALG':
        return failure(err.code, err.message);
      case 'ERR_KEY':
        return failure('ERR_TRUST_LIST', err.message);
      default:
        break;
    }
  }
  throw err;
}

const FRESH = Object.freeze({ refuse: false, warnings: Object.freeze([]) });

/** Where `now` stands relative to a list's next-update under a policy. */
export function staleness(
  nextUpdate: number,
  now: number,
  policy: StalePolicy | undefined,
): { readonly refuse: boolean; readonly warnings: readonly TrustListWarning[] } {
  if (now <= nextUpdate) return FRESH;
  // Without a policy a list past next-update is refused: silently trusting stale keys is the unsafe default.
  const p = policy ?? { graceSeconds: 0, after: 'reject' };
  if (now <= nextUpdate + p.graceSeconds) return FRESH;
  return p.after === 'reject' ? { refuse: true, warnings: [] } : { refuse: false, warnings: ['STALE'] };
}

/** Accepted clock skew for a list's issued-at (seconds). */
export const ISSUED_AT_SKEW = 300;

/**
 * Everything the two list kinds check alike, in order: signature under a pinned anchor (`openSignedList`), the
 * payload decoded by `decode`, issued-at not in the future, next-update under the stale policy.
 */
export async function readSignedList<T extends { readonly issuedAt: number; readonly nextUpdate: number }>(
  bytes: Uint8Array,
  contentType: string,
  decode: (payload: unknown) => T,
  options: {
    readonly anchors: readonly OperatorAnchor[];
    readonly crypto: Verifies;
    readonly now: number;
    readonly stalePolicy?: StalePolicy | undefined;
  },
): Promise<
  { ok: true; content: T; signer: OperatorAnchor; warnings: readonly TrustListWarning[] } | Failure
> {
  const opened = await openSignedList(bytes, contentType, options.anchors, options.crypto);
  if (!opened.ok) return opened;
  let content: T;
  try {
    content = decode(opened.payload);
  } catch (err) {
    return asFailure(err);
  }
  if (content.issuedAt > options.now + ISSUED_AT_SKEW)
    return failure('ERR_TRUST_LIST', 'issued in the future');
  const stale = staleness(content.nextUpdate, options.now, options.stalePolicy);
  if (stale.refuse) return failure('ERR_TRUST_LIST_STALE', `past next-update ${content.nextUpdate}`);
  return { ok: true, content, signer: opened.signer, warnings: stale.warnings };
}
