import {
  DeltaIdError,
  encodePresentation,
  encodeQrText,
  NONCE_BYTES,
  type PrivateKeyHandle,
  type Randomness,
  type Signs,
} from '@deltaid/core';

/** A verifier's challenge, scanned from the desk's QR code in the two-step flow. */
export interface PresentationChallenge {
  readonly nonce: Uint8Array;
  readonly audience?: string;
}

/** What the wallet presents. */
export interface PresentCompactInput {
  /** The issuer-signed credential, as received. */
  readonly credential: Uint8Array;
  readonly challenge?: PresentationChallenge;
}

/** Capabilities: the device key the credential is bound to, signing, randomness and a clock (ms since the epoch). */
export interface PresentCompactContext {
  readonly deviceKey: PrivateKeyHandle;
  readonly crypto: Signs & Randomness;
  readonly clock: () => number;
}

/** A presentation ready to show. */
export interface CompactPresentation {
  /** `YRD1:` text for a QR code in alphanumeric mode. */
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly time: number;
}

/**
 * Builds a short-lived presentation of a compact credential: the credential, the time and a fresh nonce (plus the
 * verifier's challenge and audience when given), signed with the device key, as QR text.
 *
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a malformed challenge.
 * @example
 * ```ts
 * const { text } = await presentCompact({ credential }, { deviceKey, crypto, clock: Date.now });
 * ```
 * @see docs/formats/compact-credential.md §Presentation
 */
export async function presentCompact(
  input: PresentCompactInput,
  ctx: PresentCompactContext,
): Promise<CompactPresentation> {
  if (!(input.credential instanceof Uint8Array) || input.credential.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'credential must be the issued bytes');
  }
  const time = Math.floor(ctx.clock() / 1000);
  const bytes = await encodePresentation(
    {
      credential: input.credential,
      time,
      nonce: ctx.crypto.randomBytes(NONCE_BYTES),
      ...(input.challenge?.audience === undefined ? {} : { audience: input.challenge.audience }),
      ...(input.challenge === undefined ? {} : { challenge: input.challenge.nonce }),
    },
    { key: ctx.deviceKey, crypto: ctx.crypto },
  );
  return { text: await encodeQrText(bytes), bytes, time };
}
