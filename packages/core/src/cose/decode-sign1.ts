import { decodeCbor, isTag, TAG_COSE_SIGN1, TAG_CWT, Tag } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { DeltaIdError } from '../errors.js';
import { type HeaderLabel, readHeaderMap } from './internal/header-map.js';

/**
 * A decoded COSE_Sign1 (RFC 9052 §4.2). `protectedBytes` are kept exactly as received because the
 * signature covers those bytes, not a re-encoding of the map.
 */
export interface Sign1 {
  /** The protected header bstr as received (zero-length when empty). */
  readonly protectedBytes: Uint8Array;
  readonly protectedHeader: ReadonlyMap<HeaderLabel, unknown>;
  readonly unprotectedHeader: ReadonlyMap<HeaderLabel, unknown>;
  /** The payload; `null` when detached (RFC 9052 §2). */
  readonly payload: Uint8Array | null;
  readonly signature: Uint8Array;
  /** Whether the message carried tag 18 (also when wrapped in the CWT tag 61). */
  readonly tag: 'tagged' | 'untagged';
}

/** Options for {@link decodeSign1}. */
export interface DecodeSign1Options {
  /** Bounds for the outer CBOR and the protected header; default {@link DEFAULT_CBOR_LIMITS}. */
  readonly limits?: CborLimits;
}

function structure(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `COSE_Sign1: ${message}`);
}

/**
 * Decodes a COSE_Sign1 from bytes or from an already-decoded CBOR value. Accepts tag 18, an untagged
 * array, and a CWT `61(18(...))`. The protected header is decoded (within the same limits) but its
 * bytes are kept as received. The same label in both buckets is tolerated here (EU DCC data has it);
 * {@link getKid} and {@link getAlg} resolve it in favour of the protected header.
 * Nothing is verified: call `verifySign1` before trusting any of it.
 *
 * @param input - the encoded message, or a value from `decodeCbor`.
 * @param options - CBOR limits.
 * @returns the decoded parts.
 * @throws DeltaIdError `ERR_CBOR` / `ERR_CBOR_LIMIT` for malformed or oversized CBOR, `ERR_STRUCTURE`
 *   for anything that is not a COSE_Sign1 (wrong tag, wrong arity, wrong field types; the message names
 *   the field).
 * @example
 * ```ts
 * const sign1 = decodeSign1(bytes, { limits: QR_CBOR_LIMITS });
 * getKid(sign1);
 * ```
 * @see RFC 9052 §4.2, RFC 8392 §6 (tag 61)
 */
export function decodeSign1(input: Uint8Array | unknown, options: DecodeSign1Options = {}): Sign1 {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  let value: unknown = input instanceof Uint8Array ? decodeCbor(input, { limits }) : input;
  let tag: Sign1['tag'] = 'untagged';
  if (isTag(value, TAG_CWT)) {
    value = value.value;
    // RFC 8392 §6: the CWT tag is a prefix to a tagged COSE message, never to a bare array.
    if (!isTag(value, TAG_COSE_SIGN1)) throw structure('CWT tag 61 must wrap a COSE_Sign1 tag 18');
  }
  if (isTag(value, TAG_COSE_SIGN1)) {
    tag = 'tagged';
    value = value.value;
  } else if (value instanceof Tag) {
    throw structure(`tag ${String(value.tag)} where 18 (COSE_Sign1) was expected`);
  }
  if (!Array.isArray(value)) throw structure('must be an array');
  if (value.length !== 4) throw structure(`must have 4 elements, got ${value.length}`);
  const [protectedBytes, unprotected, payload, signature] = value;
  if (!(protectedBytes instanceof Uint8Array)) throw structure('protected must be a byte string');
  if (!(payload instanceof Uint8Array) && payload !== null) {
    throw structure('payload must be a byte string or null');
  }
  if (!(signature instanceof Uint8Array)) throw structure('signature must be a byte string');

  const protectedHeader =
    protectedBytes.length === 0
      ? new Map<HeaderLabel, unknown>()
      : readHeaderMap(decodeCbor(protectedBytes, { limits }), 'protected');
  const unprotectedHeader = readHeaderMap(unprotected, 'unprotected');

  return {
    protectedBytes: protectedBytes.slice(),
    protectedHeader,
    unprotectedHeader,
    payload: payload === null ? null : payload.slice(),
    signature: signature.slice(),
    tag,
  };
}
