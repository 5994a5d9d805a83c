import { DeltaIdError, type PrivateKeyHandle, type PublicKeyHandle, type Signs } from '@deltaid/core';
import type { DeviceKey } from './types.js';

/**
 * Wraps a crypto provider's key pair as a {@link DeviceKey}. The private handle stays in a closure: the returned
 * object exposes only the algorithm, the public key and `sign`, so it can be handed to UI code or logged by
 * accident without leaking anything.
 *
 * @param pair - a private key handle and its public key (from `generateKeyPair` or `importPrivateKey`).
 * @param ctx - the provider's `sign`.
 * @returns the device key.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when the two halves name different algorithms.
 * @example
 * ```ts
 * const privateKey = await crypto.importPrivateKey('ES256', jwkFromKeyFile);
 * const deviceKey = createDeviceKey({ privateKey, publicKey: await crypto.importPublicKey('ES256', publicJwk) }, { crypto });
 * ```
 * @see docs/formats/compact-credential.md §Presentation
 */
export function createDeviceKey(
  pair: { readonly privateKey: PrivateKeyHandle; readonly publicKey: PublicKeyHandle },
  ctx: { readonly crypto: Signs },
): DeviceKey {
  const { privateKey, publicKey } = pair;
  if (privateKey.alg !== publicKey.alg) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'device key halves name different algorithms', {
      details: { privateAlg: privateKey.alg, publicAlg: publicKey.alg },
    });
  }
  return Object.freeze({
    alg: publicKey.alg,
    publicKey,
    sign: (data: Uint8Array) => ctx.crypto.sign(privateKey, data),
  });
}
