import type { CryptoProvider, SignatureAlg } from '@deltaid/core';
import { generateDeviceKey } from './generate-device-key.js';
import type { DeviceKey, DeviceKeyStore } from './types.js';

/**
 * A {@link DeviceKeyStore} that generates one non-extractable key on first use and keeps it for the life of the
 * process: for tests, demos and web sessions. A key lost with the process orphans the credentials bound to it, so
 * long-lived apps plug a persistent platform keystore instead.
 *
 * @param options - `alg` of the key to generate (default `ES256`).
 * @param ctx - a provider that generates keys and signs.
 * @returns the store; concurrent first calls share one generation.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (from `deviceKey()`) for an unknown algorithm.
 * @example
 * ```ts
 * const deviceKeys = createMemoryDeviceKeyStore({ alg: 'EdDSA' }, { crypto });
 * const { publicKey } = await deviceKeys.deviceKey(); // give publicKey to the issuer
 * ```
 * @see DESIGN.md "Hold"
 */
export function createMemoryDeviceKeyStore(
  options: { readonly alg?: SignatureAlg },
  ctx: { readonly crypto: Pick<CryptoProvider, 'generateKeyPair' | 'sign'> },
): DeviceKeyStore {
  let key: Promise<DeviceKey> | undefined;
  return {
    deviceKey() {
      if (key === undefined) {
        key = generateDeviceKey(options, ctx);
        // A failed generation must not be cached forever: the next call tries again.
        key.catch(() => {
          key = undefined;
        });
      }
      return key;
    },
  };
}
