/**
 * Key handles: the public, frozen `{ alg, jwk }` objects callers hold, and a provider-private WeakMap from
 * each handle to its native form (KeyObject, CryptoKey, raw bytes, SM2's Z). A WeakMap rather than a
 * property keeps the secret material unreachable from the handle and lets it be collected with the handle.
 * Internal.
 */
import type { PrivateKeyHandle, PublicJwk, PublicKeyHandle, SignatureAlg } from '../types.js';

export interface HandleStore<Pub, Priv> {
  publicHandle(alg: SignatureAlg, jwk: PublicJwk, native: Pub): PublicKeyHandle;
  privateHandle(alg: SignatureAlg, publicJwk: PublicJwk, native: Priv): PrivateKeyHandle;
  /** The native form of a handle made by this store, or undefined for a foreign or forged handle. */
  publicNative(handle: PublicKeyHandle): Pub | undefined;
  privateNative(handle: PrivateKeyHandle): Priv | undefined;
}

export function createHandleStore<Pub, Priv>(): HandleStore<Pub, Priv> {
  const publics = new WeakMap<object, Pub>();
  const privates = new WeakMap<object, Priv>();
  return {
    publicHandle(alg, jwk, native) {
      const handle: PublicKeyHandle = Object.freeze({ alg, jwk });
      publics.set(handle, native);
      return handle;
    },
    privateHandle(alg, publicJwk, native) {
      const handle: PrivateKeyHandle = Object.freeze({ alg, publicJwk });
      privates.set(handle, native);
      return handle;
    },
    publicNative: (handle) => publics.get(handle),
    privateNative: (handle) => privates.get(handle),
  };
}
