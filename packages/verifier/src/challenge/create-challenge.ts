import { DeltaIdError, encodeBase45, encodeCbor, type Randomness } from '@deltaid/core';
import { CHALLENGE_PREFIX, type Challenge } from './types.js';

/**
 * Creates a challenge for the two-step flow: 16 random bytes, the audience and an expiry (default 120 s), with the
 * `YRDC1:` text to show as a QR code. Pass it to `verify(text, { challenge })`: the presentation must carry its
 * nonce and audience, or the result is `ERR_CHALLENGE` / `ERR_AUDIENCE`.
 *
 * @param input - the verifier's audience id (1 to 128 characters) and the lifetime in seconds.
 * @param ctx - randomness and a clock (milliseconds since the epoch).
 * @returns the challenge.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a bad audience or lifetime.
 * @example
 * ```ts
 * const challenge = createChallenge({ audience: 'hotel:310101-0042' }, { crypto, clock: Date.now });
 * showQr(challenge.text);
 * const result = await verifier.verify(scanned, { challenge });
 * ```
 * @see docs/formats/compact-credential.md §Presentation (challenge, audience)
 */
export function createChallenge(
  input: { readonly audience: string; readonly ttlSeconds?: number },
  ctx: { readonly crypto: Randomness; readonly clock: () => number },
): Challenge {
  if (typeof input.audience !== 'string' || input.audience.length === 0 || input.audience.length > 128) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'audience must be 1 to 128 characters');
  }
  const ttl = input.ttlSeconds ?? 120;
  if (!Number.isSafeInteger(ttl) || ttl <= 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'ttlSeconds must be a positive whole number');
  }
  const nonce = ctx.crypto.randomBytes(16);
  const expiresAt = Math.floor(ctx.clock() / 1000) + ttl;
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
