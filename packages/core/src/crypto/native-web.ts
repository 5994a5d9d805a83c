/**
 * The native crypto provider for browsers, workers, Deno and Bun: WebCrypto (`crypto.subtle`) for ES256,
 * ES384 and, where the runtime has it, Ed25519; @noble/curves for Ed25519 elsewhere; the portable SM2 for
 * SM2. No `node:*` imports: this is what a verifier bundle gets.
 * @module
 */

import { fromBase64Url, fromHex, toBase64Url } from '../bytes.js';
import { DeltaIdError } from '../errors.js';
import { normaliseLowS } from './lib/ec.js';
import type { ParsedPrivateKey, ParsedPublicKey } from './lib/jwk.js';
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
import { buildProvider, type Engine, type GeneratedNative } from './lib/provider-base.js';
import { webRandomBytes } from './lib/random.js';
import { sm3 } from './sm3.js';
import type { CryptoProvider, SignatureAlg } from './types.js';

type WebAlg = Exclude<SignatureAlg, 'SM2'>;

/** A CryptoKey with the algorithm parameters `subtle.verify` / `subtle.sign` want, built once per key. */
interface WebKey {
  readonly kind: 'web';
  readonly key: CryptoKey;
  readonly params: AlgorithmIdentifier | EcdsaParams;
}

type WebPublic = WebKey | { readonly kind: 'portable'; readonly key: PortablePublicKey };
type WebPrivate = WebKey | { readonly kind: 'portable'; readonly key: PortablePrivateKey };

const IMPORT_PARAMS: Readonly<Record<WebAlg, AlgorithmIdentifier | EcKeyImportParams>> = {
  ES256: { name: 'ECDSA', namedCurve: 'P-256' },
  ES384: { name: 'ECDSA', namedCurve: 'P-384' },
  EdDSA: { name: 'Ed25519' },
};

const SIGN_PARAMS: Readonly<Record<WebAlg, AlgorithmIdentifier | EcdsaParams>> = {
  ES256: { name: 'ECDSA', hash: 'SHA-256' },
  ES384: { name: 'ECDSA', hash: 'SHA-384' },
  EdDSA: { name: 'Ed25519' },
};

/** RFC 8032 §7.1 TEST 1: public key and the signature of the empty message. */
const PROBE_PUBLIC = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const PROBE_SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';

/** WebCrypto rejects views on SharedArrayBuffer; copy those (and satisfy BufferSource's ArrayBuffer type). */
function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
    : new Uint8Array(bytes);
}

function subtleOrThrow(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new DeltaIdError(
      'ERR_UNSUPPORTED',
      'WebCrypto (crypto.subtle) is unavailable here (insecure context or mini-program): use createPortableCrypto',
    );
  }
  return subtle;
}

/** Options of {@link createNativeCrypto}. */
export interface NativeCryptoOptions {
  /** Default SM2 distinguishing ID for keys imported without one; default `1234567812345678` (GB/T 35276 §10). */
  readonly sm2UserId?: Uint8Array;
}

/**
 * Creates the native {@link CryptoProvider} for browsers and other WebCrypto runtimes. ES256 and ES384 run
 * on `crypto.subtle`; Ed25519 too when a one-time probe (RFC 8032 §7.1 TEST 1) shows the runtime supports
 * it, @noble/curves otherwise; SM2 on the portable GB/T 32918.2 code. Public keys are imported once and
 * cached. Verification accepts high-S ECDSA signatures; signatures made here are normalised to low-S.
 *
 * @param options - `sm2UserId`: default SM2 distinguishing ID for keys imported without one
 *   (default `1234567812345678`).
 * @returns a provider named `native-web`.
 * @throws DeltaIdError `ERR_UNSUPPORTED` when `crypto.subtle` is missing. From its methods: `ERR_KEY`
 *   (invalid JWK: wrong kty/crv, off-curve point, missing `y`, `d` not matching), `ERR_UNSUPPORTED`
 *   (unknown algorithm), `ERR_INVALID_ARGUMENT` (non-byte input, bad random length). `verify` never throws:
 *   it returns false.
 * @example
 * ```ts
 * import { createNativeCrypto } from '@deltaid/core/crypto/native';
 * const crypto = createNativeCrypto();
 * const key = await crypto.importPublicKey('ES256', issuerJwk);
 * await crypto.verify(key, sigStructure, signature);
 * ```
 * @see W3C Web Cryptography API §23 (ECDSA), §25 (Ed25519); RFC 9053 §2; GB/T 32918.2-2016.
 */
export function createNativeCrypto(options: NativeCryptoOptions = {}): CryptoProvider {
  const subtle = subtleOrThrow();
  let ed25519Probe: Promise<boolean> | undefined;

  /** Whether this runtime's WebCrypto does Ed25519 correctly; asked once. */
  function webEd25519(): Promise<boolean> {
    ed25519Probe ??= (async () => {
      try {
        const key = await subtle.importKey('raw', buffer(fromHex(PROBE_PUBLIC)), IMPORT_PARAMS.EdDSA, false, [
          'verify',
        ]);
        return await subtle.verify(
          IMPORT_PARAMS.EdDSA,
          key,
          buffer(fromHex(PROBE_SIGNATURE)),
          new Uint8Array(0),
        );
      } catch {
        return false;
      }
    })();
    return ed25519Probe;
  }

  /** SM2 always, Ed25519 without WebCrypto support: the portable engine. */
  async function usesPortable(alg: SignatureAlg): Promise<boolean> {
    return alg === 'SM2' || (alg === 'EdDSA' && !(await webEd25519()));
  }

  async function importPublic(key: ParsedPublicKey, sm2UserId: Uint8Array): Promise<WebPublic> {
    if (key.alg === 'SM2' || (await usesPortable(key.alg))) {
      return { kind: 'portable', key: portablePublicKey(key, sm2UserId) };
    }
    const cryptoKey = await subtle.importKey('raw', buffer(key.raw), IMPORT_PARAMS[key.alg], true, [
      'verify',
    ]);
    return { kind: 'web', key: cryptoKey, params: SIGN_PARAMS[key.alg] };
  }

  async function importPrivate(key: ParsedPrivateKey, sm2UserId: Uint8Array): Promise<WebPrivate> {
    if (key.alg === 'SM2' || (await usesPortable(key.alg))) {
      return { kind: 'portable', key: portablePrivateKey(key, sm2UserId) };
    }
    const { kty, crv, x, y } = key.jwk;
    const jwk: JsonWebKey = { kty, crv, x, d: toBase64Url(key.d), ...(y === undefined ? {} : { y }) };
    const cryptoKey = await subtle.importKey('jwk', jwk, IMPORT_PARAMS[key.alg], false, ['sign']);
    return { kind: 'web', key: cryptoKey, params: SIGN_PARAMS[key.alg] };
  }

  async function generate(
    alg: SignatureAlg,
    extractable: boolean,
    sm2UserId: Uint8Array,
  ): Promise<GeneratedNative<WebPrivate>> {
    if (alg === 'SM2' || (await usesPortable(alg))) {
      const d = portableSecretKey(alg, webRandomBytes);
      const publicRaw = portablePublicFromSecret(alg, d);
      return {
        privateKey: { kind: 'portable', key: portablePrivateKey({ alg, raw: publicRaw, d }, sm2UserId) },
        publicRaw,
        d,
      };
    }
    const pair = await subtle.generateKey(IMPORT_PARAMS[alg], extractable, ['sign', 'verify']);
    if (!('privateKey' in pair)) throw new DeltaIdError('ERR_KEY', 'WebCrypto generated no key pair');
    const publicRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    let d: Uint8Array | undefined;
    if (extractable) {
      const jwk = await subtle.exportKey('jwk', pair.privateKey);
      if (typeof jwk.d !== 'string') throw new DeltaIdError('ERR_KEY', 'WebCrypto exported a JWK without d');
      d = fromBase64Url(jwk.d);
    }
    return { privateKey: { kind: 'web', key: pair.privateKey, params: SIGN_PARAMS[alg] }, publicRaw, d };
  }

  const engine: Engine<WebPublic, WebPrivate> = {
    importPublic,
    importPrivate,
    generate,
    verify(alg, key, data, signature) {
      if (key.kind === 'portable') return portableVerify(alg, key.key, data, signature);
      return subtle.verify(key.params, key.key, buffer(signature), buffer(data));
    },
    async sign(alg, key, data) {
      if (key.kind === 'portable') return portableSign(alg, key.key, data, webRandomBytes(32));
      const sig = new Uint8Array(await subtle.sign(key.params, key.key, buffer(data)));
      return alg === 'ES256' || alg === 'ES384' ? normaliseLowS(alg, sig) : sig;
    },
    async digest(alg, data) {
      if (alg === 'SM3') return sm3(data);
      return new Uint8Array(await subtle.digest(alg, buffer(data)));
    },
    randomBytes: webRandomBytes,
  };
  return buildProvider('native-web', engine, options);
}
