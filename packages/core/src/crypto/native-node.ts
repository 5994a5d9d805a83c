/**
 * The native crypto provider for Node: node:crypto (OpenSSL) for ES256, ES384 and EdDSA, the portable code
 * for SM2 (node:crypto's SM2 signs with an empty distinguishing ID, not GB/T's `1234567812345678`).
 * Browsers and workers get `native-web.ts` under the same import path.
 * @module
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  ECDH,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign as nodeSign,
  verify as nodeVerify,
  randomFillSync,
} from 'node:crypto';
import { concatBytes, fromBase64Url, toBase64Url } from '../bytes.js';
import { DeltaIdError } from '../errors.js';
import { normaliseLowS } from './lib/ec.js';
import type { ParsedPublicKey } from './lib/jwk.js';
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
import { assertRandomLength } from './lib/random.js';
import { sm3 } from './sm3.js';
import type { CryptoProvider, SignatureAlg } from './types.js';

type NodeAlg = Exclude<SignatureAlg, 'SM2'>;
type NodeHash = 'sha256' | 'sha384' | null;

/**
 * A KeyObject with everything `crypto.verify` / `crypto.sign` needs prepared once, so the hot path passes
 * pre-built arguments and allocates nothing of its own.
 */
interface NodeKey {
  readonly kind: 'node';
  readonly hash: NodeHash;
  readonly input: { readonly key: KeyObject; readonly dsaEncoding?: 'ieee-p1363' };
}

type NodePublic = NodeKey | { readonly kind: 'portable'; readonly key: PortablePublicKey };
type NodePrivate = NodeKey | { readonly kind: 'portable'; readonly key: PortablePrivateKey };

/** Hash per algorithm; EdDSA hashes internally (RFC 8032 §5.1.6), so node:crypto wants `null`. */
const HASH: Readonly<Record<NodeAlg, NodeHash>> = { ES256: 'sha256', ES384: 'sha384', EdDSA: null };

const NODE_DIGEST = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' } as const;

function nodeKey(alg: NodeAlg, key: KeyObject): NodeKey {
  // COSE and JOSE carry ECDSA signatures as raw r‖s (RFC 9053 §2.1), OpenSSL's default is DER.
  const input = alg === 'EdDSA' ? { key } : { key, dsaEncoding: 'ieee-p1363' as const };
  return { kind: 'node', hash: HASH[alg], input };
}

function jwkForNode(key: ParsedPublicKey): JsonWebKey {
  const { kty, crv, x, y } = key.jwk;
  return y === undefined ? { kty, crv, x } : { kty, crv, x, y };
}

const OPENSSL_CURVE = { ES256: 'prime256v1', ES384: 'secp384r1' } as const;

/**
 * SEC 1 point decoding by OpenSSL (EC_POINT_oct2point: range and curve checks, square root for compressed
 * points), several times faster than bigint arithmetic on the verifier's per-QR holder-key path. The caller
 * has already refused hybrid and identity encodings, which OpenSSL would accept.
 */
function decodePoint(alg: 'ES256' | 'ES384', sec1: Uint8Array): Uint8Array {
  const out = ECDH.convertKey(sec1, OPENSSL_CURVE[alg], undefined, undefined, 'uncompressed');
  if (typeof out === 'string') throw new Error('ECDH.convertKey returned a string');
  return view(out);
}

function view(buf: Buffer): Uint8Array {
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function randomBytes(length: number): Uint8Array {
  assertRandomLength(length);
  return randomFillSync(new Uint8Array(length));
}

function generateNode(alg: NodeAlg, extractable: boolean): GeneratedNative<NodePrivate> {
  const pair =
    alg === 'EdDSA'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: alg === 'ES256' ? 'P-256' : 'P-384' });
  const jwk = pair.privateKey.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string' || typeof jwk.d !== 'string') {
    throw new DeltaIdError('ERR_KEY', 'node:crypto exported an incomplete JWK');
  }
  const x = fromBase64Url(jwk.x);
  let publicRaw = x;
  if (alg !== 'EdDSA') {
    if (typeof jwk.y !== 'string')
      throw new DeltaIdError('ERR_KEY', 'node:crypto exported an EC JWK without y');
    publicRaw = concatBytes(Uint8Array.of(0x04), x, fromBase64Url(jwk.y));
  }
  // A non-extractable key's `d` is never decoded into our memory; the KeyObject alone keeps it.
  return {
    privateKey: nodeKey(alg, pair.privateKey),
    publicRaw,
    d: extractable ? fromBase64Url(jwk.d) : undefined,
  };
}

/** Options of {@link createNativeCrypto}. */
export interface NativeCryptoOptions {
  /** Default SM2 distinguishing ID for keys imported without one; default `1234567812345678` (GB/T 35276 §10). */
  readonly sm2UserId?: Uint8Array;
}

/**
 * Creates the native {@link CryptoProvider} for Node: node:crypto for ES256, ES384 and EdDSA, the portable
 * SM2 (GB/T 32918.2 with the distinguishing ID) for SM2. Each public key is imported into a KeyObject once
 * (and cached by JWK), so `verify` is one synchronous `crypto.verify` call. Verification accepts high-S
 * ECDSA signatures; signatures made here are normalised to low-S.
 *
 * @param options - `sm2UserId`: default SM2 distinguishing ID for keys imported without one
 *   (default `1234567812345678`).
 * @returns a provider named `native-node`.
 * @throws from its methods: DeltaIdError `ERR_KEY` (invalid JWK: wrong kty/crv, off-curve point, missing
 *   `y`, `d` not matching), `ERR_UNSUPPORTED` (unknown algorithm), `ERR_INVALID_ARGUMENT` (non-byte input,
 *   bad random length). `verify` never throws: it returns false.
 * @example
 * ```ts
 * import { createNativeCrypto } from '@deltaid/core/crypto/native';
 * const crypto = createNativeCrypto();
 * const key = await crypto.importPublicKey('ES256', issuerJwk);
 * await crypto.verify(key, sigStructure, signature);
 * ```
 * @see RFC 9053 §2 (ECDSA, EdDSA in COSE), GB/T 32918.2-2016 (SM2), GB/T 32905-2016 (SM3).
 */
export function createNativeCrypto(options: NativeCryptoOptions = {}): CryptoProvider {
  const engine: Engine<NodePublic, NodePrivate> = {
    decodePoint,
    importPublic(key, sm2UserId) {
      if (key.alg === 'SM2') return { kind: 'portable', key: portablePublicKey(key, sm2UserId) };
      return nodeKey(key.alg, createPublicKey({ key: jwkForNode(key), format: 'jwk' }));
    },
    importPrivate(key, sm2UserId) {
      if (key.alg === 'SM2') return { kind: 'portable', key: portablePrivateKey(key, sm2UserId) };
      const jwk = { ...jwkForNode(key), d: toBase64Url(key.d) };
      return nodeKey(key.alg, createPrivateKey({ key: jwk, format: 'jwk' }));
    },
    async generate(alg, extractable, sm2UserId) {
      if (alg !== 'SM2') return generateNode(alg, extractable);
      const d = portableSecretKey(alg, randomBytes);
      const publicRaw = portablePublicFromSecret(alg, d);
      const key = portablePrivateKey({ alg, raw: publicRaw, d }, sm2UserId);
      return { privateKey: { kind: 'portable', key }, publicRaw, d };
    },
    verify(alg, key, data, signature) {
      if (key.kind === 'node') return nodeVerify(key.hash, data, key.input, signature);
      return portableVerify(alg, key.key, data, signature);
    },
    sign(alg, key, data) {
      if (key.kind === 'portable') return portableSign(alg, key.key, data, randomBytes(32));
      const sig = view(nodeSign(key.hash, data, key.input));
      return alg === 'ES256' || alg === 'ES384' ? normaliseLowS(alg, sig) : sig;
    },
    digest(alg, data) {
      if (alg === 'SM3') return sm3(data);
      return view(createHash(NODE_DIGEST[alg]).update(data).digest());
    },
    randomBytes,
  };
  return buildProvider('native-node', engine, options);
}
