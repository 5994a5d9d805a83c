import {
  DeltaIdError,
  decodeBase45,
  decodeCbor,
  encodeBase45,
  encodeCbor,
  QR_CBOR_LIMITS,
  type Randomness,
} from '@deltaid/core';

/** A challenge a verifier shows as a QR code in the two-step flow; the wallet's presentation must answer it. */
export interface Challenge {
  readonly nonce: Uint8Array;
  /** The verifier's identity (e.g. a hotel's registration number); the presentation must name it. */
  readonly audience: string;
  /** Seconds since the epoch after which answers are refused. */
  readonly expiresAt: number;
  /** `YRDC1:` text to render as a QR code for the wallet to scan. */
  readonly text: string;
}

/** Prefix of challenge QR texts (version 1). */
export const CHALLENGE_PREFIX = 'YRDC1:';

/**
 * Creates a challenge: 16 random bytes, the audience and an expiry (default 120 s).
 *
 * @example
 * ```ts
 * const challenge = createChallenge({ audience: 'hotel:310101-0042' }, { crypto, clock: Date.now });
 * showQr(challenge.text);
 * const result = await verifier.verify(scanned, { challenge });
 * ```
 */
export function createChallenge(
  input: { readonly audience: string; readonly ttlSeconds?: number },
  ctx: { readonly crypto: Randomness; readonly clock: () => number },
): Challenge {
  if (typeof input.audience !== 'string' || input.audience.length === 0 || input.audience.length > 128) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'audience must be 1 to 128 characters');
  }
  const nonce = ctx.crypto.randomBytes(16);
  const expiresAt = Math.floor(ctx.clock() / 1000) + (input.ttlSeconds ?? 120);
  const text =
    CHALLENGE_PREFIX +
    encodeBase45(
      encodeCbor(
        new Map<number, unknown>([
          [1, nonce],
          [2, input.audience],
          [3, expiresAt],
        ]),
      ),
    );
  return { nonce, audience: input.audience, expiresAt, text };
}

/**
 * Reads a challenge QR text (what a wallet does after scanning the desk's code).
 *
 * @throws DeltaIdError `ERR_QR_PREFIX`, `ERR_BASE45`, `ERR_CBOR`, `ERR_STRUCTURE`.
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
