/**
 * The crypto provider contract. Issuer, wallet and verifier receive a provider; nothing reaches for a
 * global. Two implementations ship: `@deltaid/core/crypto/native` (node:crypto on Node, WebCrypto in
 * browsers; SM2 through the portable code since neither platform does real SM2) and
 * `@deltaid/core/crypto/portable` (@noble/curves only, for mini-programs without WebCrypto).
 */

/** Signature algorithms. COSE ids: ES256 -7, ES384 -35, EdDSA -8, SM2 -65537 (private use). */
export type SignatureAlg = 'ES256' | 'ES384' | 'EdDSA' | 'SM2';

/** Digest algorithms. */
export type DigestAlg = 'SHA-256' | 'SHA-384' | 'SHA-512' | 'SM3';

/** A public key as a JWK. EC keys carry `crv` P-256, P-384 or SM2; OKP keys `crv` Ed25519. */
export interface PublicJwk {
  readonly kty: 'EC' | 'OKP';
  readonly crv: 'P-256' | 'P-384' | 'SM2' | 'Ed25519';
  readonly x: string;
  readonly y?: string;
  readonly kid?: string;
}

/** A private key as a JWK: the public fields plus `d`. Never logged, never written in clear. */
export interface PrivateJwk extends PublicJwk {
  readonly d: string;
}

/** Per-key options. `sm2UserId` is SM2's distinguishing ID (GB/T 32918.2 §5.5), default `1234567812345678`. */
export interface KeyOptions {
  readonly sm2UserId?: Uint8Array;
}

/**
 * An imported public key. Providers keep their native form (a KeyObject, CryptoKey or noble point, and for
 * SM2 the precomputed Z value) behind it, so a key used many times is parsed once.
 */
export interface PublicKeyHandle {
  readonly alg: SignatureAlg;
  readonly jwk: PublicJwk;
}

/** An imported private key; may be non-extractable (WebCrypto) or live in an HSM. */
export interface PrivateKeyHandle {
  readonly alg: SignatureAlg;
  /** The matching public key. */
  readonly publicJwk: PublicJwk;
}

/** A generated key pair; `privateJwk` is absent when the key was made non-extractable. */
export interface GeneratedKeyPair {
  readonly privateKey: PrivateKeyHandle;
  readonly publicKey: PublicKeyHandle;
  readonly privateJwk?: PrivateJwk;
}

/**
 * What Delta ID needs from cryptography. Signatures are raw `r‖s` for ECDSA and SM2 (COSE and JOSE form),
 * 64 bytes for Ed25519. Verification accepts high-S ECDSA signatures (real issuers produce them); our own
 * signatures are low-S.
 */
export interface CryptoProvider {
  readonly name: string;
  importPublicKey(alg: SignatureAlg, jwk: PublicJwk, options?: KeyOptions): Promise<PublicKeyHandle>;
  /**
   * Imports a raw public key: SEC 1 (compressed `02|03‖x` or uncompressed `04‖x‖y`) for ES256/ES384/SM2, the 32-byte
   * key for EdDSA. The compact credential carries holder keys compressed; providers decompress natively (OpenSSL on
   * Node) because this import is on the verifier's per-QR path. Throws DeltaIdError `ERR_KEY` for an invalid key.
   */
  importRawPublicKey(alg: SignatureAlg, raw: Uint8Array, options?: KeyOptions): Promise<PublicKeyHandle>;
  importPrivateKey(alg: SignatureAlg, jwk: PrivateJwk, options?: KeyOptions): Promise<PrivateKeyHandle>;
  generateKeyPair(
    alg: SignatureAlg,
    options?: KeyOptions & { readonly extractable?: boolean },
  ): Promise<GeneratedKeyPair>;
  /** Signs `data` (the whole message; hashing is part of the algorithm). */
  sign(key: PrivateKeyHandle, data: Uint8Array): Promise<Uint8Array>;
  /** Verifies; returns false for any bad signature, wrong length or malformed input, never throws for those. */
  verify(key: PublicKeyHandle, data: Uint8Array, signature: Uint8Array): Promise<boolean>;
  digest(alg: DigestAlg, data: Uint8Array): Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;
}

/** The parts of a provider an operation needs; operations ask for the narrowest (STYLE.md, animo-id/mdoc). */
export type Verifies = Pick<CryptoProvider, 'importPublicKey' | 'importRawPublicKey' | 'verify'>;
export type Signs = Pick<CryptoProvider, 'sign'>;
export type Digests = Pick<CryptoProvider, 'digest'>;
export type Randomness = Pick<CryptoProvider, 'randomBytes'>;

/** The curve each algorithm uses. */
export const CURVE_OF_ALG: Readonly<Record<SignatureAlg, PublicJwk['crv']>> = {
  ES256: 'P-256',
  ES384: 'P-384',
  EdDSA: 'Ed25519',
  SM2: 'SM2',
};
