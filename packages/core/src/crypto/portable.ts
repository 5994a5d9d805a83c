/**
 * The portable crypto provider: @noble/curves and @noble/hashes only, no WebCrypto and no `node:*`, for
 * runtimes without either (WeChat and Alipay mini-programs, some embedded JS engines).
 * @module
 */
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes as nobleRandomBytes } from '@noble/hashes/utils.js';
import { DeltaIdError } from '../errors.js';
import {
  type PortablePrivateKey,
  type PortablePublicKey,
  portablePrivateKey,
  portablePublicFromSecret,
  portablePublicKey,
  portableSecretKey,
  portableSign,
  portableVerify,
} from './lib/portable-engine.js';
import { buildProvider, type Engine } from './lib/provider-base.js';
import { assertRandomLength, hasGetRandomValues, webRandomBytes } from './lib/random.js';
import { sm3 } from './sm3.js';
import type { CryptoProvider, DigestAlg } from './types.js';

/** Options of {@link createPortableCrypto}. */
export interface PortableCryptoOptions {
  /** Default SM2 distinguishing ID for keys imported without one; default `1234567812345678` (GB/T 35276 §10). */
  readonly sm2UserId?: Uint8Array;
  /**
   * A CSPRNG for runtimes without `crypto.getRandomValues` (e.g. bytes pre-fetched from `wx.getRandomValues`).
   * Must return `length` fresh uniformly random bytes.
   */
  readonly randomBytes?: (length: number) => Uint8Array;
}

const HASHES = {
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
  SM3: sm3,
} as const satisfies Record<DigestAlg, (data: Uint8Array) => Uint8Array>;

function defaultRandom(): (length: number) => Uint8Array {
  if (hasGetRandomValues()) return webRandomBytes;
  return (length) => {
    assertRandomLength(length);
    try {
      return nobleRandomBytes(length);
    } catch (cause) {
      throw new DeltaIdError('ERR_UNSUPPORTED', 'no CSPRNG: pass createPortableCrypto({ randomBytes })', {
        cause,
      });
    }
  };
}

/**
 * Creates the portable {@link CryptoProvider}: ES256, ES384, EdDSA (Ed25519) and SM2 on @noble/curves,
 * SHA-2 on @noble/hashes, SM3 on the Delta ID implementation. Verification accepts high-S ECDSA signatures;
 * signing is RFC 6979 deterministic, hedged with fresh randomness, and low-S. Imported public keys are
 * validated once and cached (SM2 with its Z_A).
 *
 * @param options - `sm2UserId`: default SM2 distinguishing ID (default `1234567812345678`); `randomBytes`: a
 *   CSPRNG where `crypto.getRandomValues` is missing.
 * @returns a provider named `portable`.
 * @throws from its methods: DeltaIdError `ERR_KEY` (invalid JWK: wrong kty/crv, off-curve point, missing
 *   `y`, `d` not matching), `ERR_UNSUPPORTED` (unknown algorithm, no randomness source),
 *   `ERR_INVALID_ARGUMENT` (non-byte input, bad random length). `verify` never throws: it returns false.
 * @example
 * ```ts
 * import { createPortableCrypto } from '@deltaid/core/crypto/portable';
 * const crypto = createPortableCrypto();
 * const { privateKey, publicKey } = await crypto.generateKeyPair('ES256');
 * const sig = await crypto.sign(privateKey, data);
 * await crypto.verify(publicKey, data, sig); // true
 * ```
 * @see RFC 9053 §2 (ECDSA, EdDSA in COSE), RFC 6979, GB/T 32918.2-2016, GB/T 32905-2016.
 */
export function createPortableCrypto(options: PortableCryptoOptions = {}): CryptoProvider {
  const random = options.randomBytes ?? defaultRandom();
  const randomBytes = (length: number): Uint8Array => {
    assertRandomLength(length);
    const out = random(length);
    if (!(out instanceof Uint8Array) || out.length !== length) {
      throw new DeltaIdError('ERR_UNSUPPORTED', 'randomBytes source returned the wrong length');
    }
    return out;
  };
  // Hedging entropy (RFC 6979 §3.6); without any source, signing stays deterministic rather than failing.
  const entropy = (): Uint8Array | undefined => {
    try {
      return randomBytes(32);
    } catch {
      return undefined;
    }
  };

  const engine: Engine<PortablePublicKey, PortablePrivateKey> = {
    importPublic: portablePublicKey,
    importPrivate: portablePrivateKey,
    async generate(alg, _extractable, sm2UserId) {
      const d = portableSecretKey(alg, randomBytes);
      const publicRaw = portablePublicFromSecret(alg, d);
      return { privateKey: portablePrivateKey({ alg, raw: publicRaw, d }, sm2UserId), publicRaw, d };
    },
    verify: portableVerify,
    sign: (alg, key, data) => portableSign(alg, key, data, alg === 'EdDSA' ? undefined : entropy()),
    digest: (alg, data) => HASHES[alg](data),
    randomBytes,
  };
  return buildProvider('portable', engine, options);
}
