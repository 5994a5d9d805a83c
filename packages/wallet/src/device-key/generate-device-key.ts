import { type CryptoProvider, DeltaIdError, type SignatureAlg } from '@deltaid/core';
import { createDeviceKey } from './create-device-key.js';
import type { DeviceKey } from './types.js';

const ALGS: ReadonlySet<unknown> = new Set<SignatureAlg>(['ES256', 'ES384', 'EdDSA', 'SM2']);

function isSignatureAlg(v: unknown): v is SignatureAlg {
  return ALGS.has(v);
}

/**
 * Generates a fresh device key, non-extractable: with the native WebCrypto provider the private key is a
 * `CryptoKey` created with `extractable: false`; on Node it is a KeyObject that is never exported; the portable
 * provider keeps it in memory only. No private JWK is ever returned.
 *
 * @param options - `alg`: `ES256` (default, international interoperability), `EdDSA` or `SM2` (GB/T 32918); `ES384`
 *   works too.
 * @param ctx - a provider that generates keys and signs.
 * @returns the device key.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown algorithm.
 * @example
 * ```ts
 * const deviceKey = await generateDeviceKey({ alg: 'SM2' }, { crypto: createNativeCrypto() });
 * ```
 * @see DESIGN.md "Hold"
 */
export async function generateDeviceKey(
  options: { readonly alg?: SignatureAlg },
  ctx: { readonly crypto: Pick<CryptoProvider, 'generateKeyPair' | 'sign'> },
): Promise<DeviceKey> {
  const alg: unknown = options.alg ?? 'ES256';
  if (!isSignatureAlg(alg)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'alg must be ES256, ES384, EdDSA or SM2', {
      details: { field: 'alg' },
    });
  }
  const { privateKey, publicKey } = await ctx.crypto.generateKeyPair(alg, {
    extractable: false,
  });
  return createDeviceKey({ privateKey, publicKey }, ctx);
}
