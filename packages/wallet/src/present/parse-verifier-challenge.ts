import { DeltaIdError, decodeBase45, decodeCbor, QR_CBOR_LIMITS } from '@deltaid/core';
import type { VerifierChallenge } from './types.js';

/** Prefix of a verifier's challenge QR text, version 1. */
export const CHALLENGE_PREFIX = 'YRDC1:';

function bad(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `challenge: ${message}`);
}

/**
 * Reads the challenge a verifier shows as a QR code in the two-step flow: `YRDC1:` + base45 of the CBOR map
 * `{1: nonce (16 bytes), 2: audience (text, 1–128 chars), 3: expiry (seconds)}`. The wallet keeps its own reader
 * of this small format so that it does not depend on `@deltaid/verifier`, which writes it.
 *
 * @param text - the scanned QR text.
 * @returns nonce, audience and expiry.
 * @throws DeltaIdError `ERR_QR_PREFIX` (not a challenge, or another version), `ERR_BASE45`, `ERR_CBOR`,
 *   `ERR_CBOR_LIMIT`, `ERR_STRUCTURE`.
 * @example
 * ```ts
 * const challenge = parseVerifierChallenge(scanned); // then present({ purpose: 'hotel-checkin', challenge })
 * ```
 * @see docs/formats/compact-credential.md §Presentation (audience, challenge)
 */
export function parseVerifierChallenge(text: string): VerifierChallenge {
  if (typeof text !== 'string' || !text.startsWith(CHALLENGE_PREFIX)) {
    throw new DeltaIdError('ERR_QR_PREFIX', `not a Delta ID challenge: expected ${CHALLENGE_PREFIX}`);
  }
  const v = decodeCbor(decodeBase45(text.slice(CHALLENGE_PREFIX.length), { maxLength: 512 }), {
    limits: QR_CBOR_LIMITS,
  });
  if (!(v instanceof Map) || v.size !== 3) throw bad('must be a map of 3 entries');
  const nonce = v.get(1);
  const audience = v.get(2);
  const expiresAt = v.get(3);
  if (!(nonce instanceof Uint8Array) || nonce.length !== 16) throw bad('nonce must be 16 bytes');
  if (typeof audience !== 'string' || audience.length === 0 || audience.length > 128)
    throw bad('audience must be 1 to 128 characters');
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt) || expiresAt < 0)
    throw bad('expiry must be seconds since the epoch');
  return { nonce, audience, expiresAt };
}
