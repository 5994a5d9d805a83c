import type { PublicKeyHandle, SignatureAlg } from '@deltaid/core';

/**
 * The holder's device key as the wallet sees it: an algorithm, the public key the issuer binds into `cnf`, and a
 * `sign` operation. The private key never leaves whatever implements this — a WebCrypto non-extractable key, a Node
 * KeyObject, or a platform keystore (Secure Enclave, Android Keystore) behind an app's own adapter.
 *
 * `sign` receives the whole message (COSE Sig_structure) and returns a raw signature: `r‖s` for ES256/ES384/SM2
 * (SM2 with the default user ID `1234567812345678`), 64 bytes for Ed25519 — the form COSE uses (RFC 9053 §2.1).
 * A keystore that returns DER ECDSA signatures must convert them.
 *
 * @see docs/formats/compact-credential.md §Presentation
 */
export interface DeviceKey {
  readonly alg: SignatureAlg;
  /** The public key (`{ alg, jwk }`); an adapter for a platform keystore builds it from the key's public point. */
  readonly publicKey: PublicKeyHandle;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/**
 * Where a wallet keeps its device key. The store creates the key on first use and returns the same key afterwards,
 * so an app can back it with a platform keystore (look the alias up, generate when missing) without forking the SDK.
 */
export interface DeviceKeyStore {
  deviceKey(): Promise<DeviceKey>;
}
