import { encodeCbor } from '../cbor/cbor.js';
import { DeltaIdError } from '../errors.js';
import type { Sign1 } from './decode-sign1.js';

/** The parts of a COSE_Sign1 the signature covers. */
export type Sign1SignedParts = Pick<Sign1, 'protectedBytes' | 'payload'>;

/**
 * Builds the bytes a COSE_Sign1 signature is computed over:
 * `["Signature1", protected bstr as received, external_aad, payload]`.
 *
 * @param sign1OrParts - a decoded {@link Sign1} or just its protected bytes and payload.
 * @param externalAad - application data bound into the signature; default empty.
 * @param detachedPayload - the payload when the message carries `null` (detached content).
 * @returns the CBOR-encoded Sig_structure.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when the message is detached and no payload is given, or
 *   when a payload is given for a message that already carries one (ambiguous: which one is signed?).
 * @example
 * ```ts
 * sigStructure({ protectedBytes: Uint8Array.of(0xa1, 0x01, 0x26), payload: utf8('hi') });
 * ```
 * @see RFC 9052 §4.4
 */
export function sigStructure(
  sign1OrParts: Sign1SignedParts,
  externalAad: Uint8Array = new Uint8Array(0),
  detachedPayload?: Uint8Array,
): Uint8Array {
  const { protectedBytes, payload } = sign1OrParts;
  if (payload !== null && detachedPayload !== undefined) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      'COSE_Sign1 carries a payload; do not pass a detached one',
    );
  }
  const content = payload ?? detachedPayload;
  if (content === undefined) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'COSE_Sign1 payload is detached; pass detachedPayload');
  }
  return encodeCbor(['Signature1', protectedBytes, externalAad, content]);
}
