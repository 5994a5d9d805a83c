import {
  DeltaIdError,
  encodePresentation,
  encodeQrText,
  NONCE_BYTES,
  type PrivateKeyHandle,
  type Randomness,
  type Signs,
} from '@deltaid/core';
import type { DeviceKey } from './device-key/types.js';

/** A verifier's challenge, scanned from the desk's QR code in the two-step flow. */
export interface PresentationChallenge {
  /** 8 to 32 bytes. */
  readonly nonce: Uint8Array;
  readonly audience?: string;
}

/** What the wallet presents. */
export interface PresentCompactInput {
  /** The issuer-signed credential, as received. */
  readonly credential: Uint8Array;
  readonly challenge?: PresentationChallenge;
}

/**
 * Capabilities: the device key the credential is bound to, randomness and a clock (ms since the epoch). The key is a
 * {@link DeviceKey} (which signs by itself: a platform keystore plugs in here), or a provider's private key handle
 * together with the provider's `sign`.
 */
export type PresentCompactContext =
  | {
      readonly deviceKey: DeviceKey;
      readonly crypto: Randomness;
      readonly clock: () => number;
    }
  | {
      readonly deviceKey: PrivateKeyHandle;
      readonly crypto: Signs & Randomness;
      readonly clock: () => number;
    };

/** A presentation ready to show. */
export interface CompactPresentation {
  /** `YRD1:` text for a QR code in alphanumeric mode. */
  readonly text: string;
  readonly bytes: Uint8Array;
  /** Presentation time, seconds since the epoch. */
  readonly time: number;
  /** The fresh nonce signed into this presentation. */
  readonly nonce: Uint8Array;
}

function isDeviceKey(key: DeviceKey | PrivateKeyHandle): key is DeviceKey {
  return typeof Reflect.get(key, 'sign') === 'function' && typeof Reflect.get(key, 'publicKey') === 'object';
}

/** Adapts either form of device key to what `encodePresentation` signs with. */
function signer(ctx: PresentCompactContext): { key: PrivateKeyHandle; crypto: Signs } {
  const key = ctx.deviceKey;
  if (isDeviceKey(key)) {
    return {
      key: { alg: key.alg, publicJwk: key.publicKey.jwk },
      crypto: { sign: (_handle, data) => key.sign(data) },
    };
  }
  if (!('sign' in ctx.crypto) || typeof ctx.crypto.sign !== 'function') {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'a private key handle needs crypto.sign');
  }
  return { key, crypto: ctx.crypto };
}

/**
 * Builds a short-lived presentation of a compact credential: the credential, the time and a fresh nonce (plus the
 * verifier's challenge and audience when given), signed with the device key, as QR text.
 *
 * @param input - the credential bytes and an optional challenge.
 * @param ctx - the device key (a {@link DeviceKey}, or a handle plus `crypto.sign`), randomness, clock.
 * @returns the `YRD1:` text, the bytes, the time and the nonce.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for missing credential bytes, a malformed challenge, a bad clock.
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
  const nonce = ctx.crypto.randomBytes(NONCE_BYTES);
  const bytes = await encodePresentation(
    {
      credential: input.credential,
      time,
      nonce,
      ...(input.challenge?.audience === undefined ? {} : { audience: input.challenge.audience }),
      ...(input.challenge === undefined ? {} : { challenge: input.challenge.nonce }),
    },
    signer(ctx),
  );
  return { text: await encodeQrText(bytes), bytes, time, nonce };
}
