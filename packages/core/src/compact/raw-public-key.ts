import type { SignatureAlg } from '../crypto/types.js';

/** A public key in raw form: SEC 1 (compressed `02|03‖x`, or `04‖x‖y`) for EC and SM2, 32 bytes for Ed25519. */
export interface RawPublicKey {
  readonly alg: SignatureAlg;
  readonly raw: Uint8Array;
}
