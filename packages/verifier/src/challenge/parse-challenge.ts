import { DeltaIdError, decodeBase45, decodeCbor, QR_CBOR_LIMITS } from '@deltaid/core';
import { CHALLENGE_PREFIX, type Challenge } from './types.js';

/**
 * Reads a challenge QR text (what a wallet does after scanning the desk's code).
 *
 * @param text - the scanned `YRDC1:` text.
 * @returns the nonce, audience and expiry.
 * @throws DeltaIdError `ERR_QR_PREFIX`, `ERR_BASE45`, `ERR_CBOR`, `ERR_STRUCTURE`.
 * @example const { nonce, audience } = parseChallenge(scannedText)
 * @see docs/formats/compact-credential.md §Presentation (challenge, audience)
 */
export function parseChallenge(text: string): Omit<Challenge, 'text'> {
  if (typeof text !== 'string' || !text.startsWith(CHALLENGE_PREFIX)) {
    throw new DeltaIdError('ERR_QR_PREFIX', `not a Delta ID challenge: expected ${CHALLENGE_PREFIX}`);
  }
  const v = decodeCbor(decodeBase45(text.slice(CHALLENGE_PREFIX.length), { maxLength: 512 }), {
    limits: QR_CBOR_LIMITS,
  });
  const nonce = v instanceof Map ? v.get(1) : undefined;
  const audience = v instanceof Map ? v.get(2) : undefined;
  const expiresAt = v instanceof Map ? v.get(3) : undefined;
  if (
    !(v instanceof Map) ||
    v.size !== 3 ||
    !(nonce instanceof Uint8Array) ||
    nonce.length !== 16 ||
    typeof audience !== 'string' ||
    typeof expiresAt !== 'number' ||
    !Number.isSafeInteger(expiresAt)
  ) {
    throw new DeltaIdError('ERR_STRUCTURE', 'challenge must be {1: 16-byte nonce, 2: audience, 3: expiry}');
  }
  return { nonce, audience, expiresAt };
}
