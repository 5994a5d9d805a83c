/**
 * The part every provider shares: argument checks, JWK validation, the imported-key cache, handle
 * bookkeeping, foreign handles and the never-throw rule of `verify`. A provider supplies an {@link Engine}
 * that only sees validated input. Internal.
 */

import { toHex } from '../../bytes.js';
import { DeltaIdError } from '../../errors.js';
import { SM2_DEFAULT_USER_ID } from '../sm2.js';
import {
  type CryptoProvider,
  CURVE_OF_ALG,
  type DigestAlg,
  type GeneratedKeyPair,
  type KeyOptions,
  type PrivateKeyHandle,
  type PublicKeyHandle,
  type SignatureAlg,
} from '../types.js';
import { createHandleStore } from './handles.js';
import {
  type ParsedPrivateKey,
  type ParsedPublicKey,
  type PointDecoder,
  parsePrivateJwk,
  parsePublicJwk,
  parseRawPublicKey,
  privateJwkFromRaw,
  publicJwkFromRaw,
} from './jwk.js';
import { createKeyCache, publicKeyCacheId } from './key-cache.js';

/** What a freshly generated key pair gives back: the native private key, its raw public key, and `d` if exportable. */
export interface GeneratedNative<Priv> {
  readonly privateKey: Priv;
  readonly publicRaw: Uint8Array;
  readonly d: Uint8Array | undefined;
}

/** The algorithm-specific half of a provider. Inputs are validated; outputs are raw bytes. */
export interface Engine<Pub, Priv> {
  /** Platform SEC 1 point decoding for ES256 / ES384 raw keys; @noble's is used when absent. */
  readonly decodePoint?: PointDecoder;
  importPublic(key: ParsedPublicKey, sm2UserId: Uint8Array): Pub | Promise<Pub>;
  importPrivate(key: ParsedPrivateKey, sm2UserId: Uint8Array): Priv | Promise<Priv>;
  generate(alg: SignatureAlg, extractable: boolean, sm2UserId: Uint8Array): Promise<GeneratedNative<Priv>>;
  /** May throw or reject; the base turns that into `false`. */
  verify(alg: SignatureAlg, key: Pub, data: Uint8Array, signature: Uint8Array): boolean | Promise<boolean>;
  sign(alg: SignatureAlg, key: Priv, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  digest(alg: DigestAlg, data: Uint8Array): Uint8Array | Promise<Uint8Array>;
  randomBytes(length: number): Uint8Array;
}

/** Options common to every provider factory. */
export interface ProviderOptions {
  /** Default SM2 distinguishing ID for keys imported without one; default `1234567812345678`. */
  readonly sm2UserId?: Uint8Array;
}

const DIGEST_ALGS: ReadonlySet<string> = new Set<DigestAlg>(['SHA-256', 'SHA-384', 'SHA-512', 'SM3']);

// Settled promises are immutable, so verify can hand out the same two instead of allocating one per call.
const TRUE = Promise.resolve(true);
const FALSE = Promise.resolve(false);

function isSignatureAlg(alg: unknown): alg is SignatureAlg {
  return typeof alg === 'string' && Object.hasOwn(CURVE_OF_ALG, alg);
}

function assertAlg(alg: unknown): asserts alg is SignatureAlg {
  if (!isSignatureAlg(alg)) {
    throw new DeltaIdError('ERR_UNSUPPORTED', 'unsupported signature algorithm', {
      details: { alg: String(alg) },
    });
  }
}

function assertBytes(value: unknown, field: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array))
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `${field} must be a Uint8Array`);
}

function userIdOf(options: KeyOptions | undefined, fallback: Uint8Array): Uint8Array {
  const id = options?.sm2UserId ?? fallback;
  assertBytes(id, 'sm2UserId');
  return id;
}

async function asKeyError<T>(work: () => T | Promise<T>, message: string): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    if (cause instanceof DeltaIdError) throw cause;
    throw new DeltaIdError('ERR_KEY', message, { cause });
  }
}

/** Builds a {@link CryptoProvider} around an engine. */
export function buildProvider<Pub, Priv>(
  name: string,
  engine: Engine<Pub, Priv>,
  options: ProviderOptions = {},
): CryptoProvider {
  const defaultUserId = options.sm2UserId ?? SM2_DEFAULT_USER_ID;
  assertBytes(defaultUserId, 'sm2UserId');
  const store = createHandleStore<Pub, Priv>();
  const cache = createKeyCache<PublicKeyHandle>();

  async function importPublicKey(
    alg: SignatureAlg,
    jwk: unknown,
    keyOptions?: KeyOptions,
  ): Promise<PublicKeyHandle> {
    assertAlg(alg);
    const userId = userIdOf(keyOptions, defaultUserId);
    const id = publicKeyCacheId(alg, jwk, alg === 'SM2' ? toHex(userId) : '');
    const cached = id === undefined ? undefined : cache.get(id);
    if (cached !== undefined) return cached;
    const parsed = parsePublicJwk(alg, jwk);
    const native = await asKeyError(
      () => engine.importPublic(parsed, userId),
      `cannot import ${alg} public key`,
    );
    const handle = store.publicHandle(alg, parsed.jwk, native);
    if (id !== undefined) cache.set(id, handle);
    return handle;
  }

  async function importRawPublicKey(
    alg: SignatureAlg,
    raw: Uint8Array,
    keyOptions?: KeyOptions,
  ): Promise<PublicKeyHandle> {
    assertAlg(alg);
    const userId = userIdOf(keyOptions, defaultUserId);
    if (!(raw instanceof Uint8Array))
      throw new DeltaIdError('ERR_KEY', 'raw public key must be a Uint8Array');
    const id = `${alg}:${toHex(raw)}:${alg === 'SM2' ? toHex(userId) : ''}`;
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const parsed = parseRawPublicKey(alg, raw, engine.decodePoint);
    const native = await asKeyError(
      () => engine.importPublic(parsed, userId),
      `cannot import ${alg} public key`,
    );
    const handle = store.publicHandle(alg, parsed.jwk, native);
    cache.set(id, handle);
    return handle;
  }

  /** A handle made by another provider (or by hand): import its JWK here; any failure means "not verified". */
  async function verifyForeign(
    key: PublicKeyHandle,
    data: Uint8Array,
    signature: Uint8Array,
  ): Promise<boolean> {
    try {
      const own = await importPublicKey(key.alg, key.jwk);
      const native = store.publicNative(own);
      return native !== undefined && (await engine.verify(own.alg, native, data, signature)) === true;
    } catch {
      return false;
    }
  }

  const provider: CryptoProvider = {
    name,
    importPublicKey,
    importRawPublicKey,

    async importPrivateKey(alg, jwk, keyOptions): Promise<PrivateKeyHandle> {
      assertAlg(alg);
      const userId = userIdOf(keyOptions, defaultUserId);
      const parsed = parsePrivateJwk(alg, jwk);
      const native = await asKeyError(
        () => engine.importPrivate(parsed, userId),
        `cannot import ${alg} private key`,
      );
      return store.privateHandle(alg, parsed.jwk, native);
    },

    async generateKeyPair(alg, genOptions = {}): Promise<GeneratedKeyPair> {
      assertAlg(alg);
      const userId = userIdOf(genOptions, defaultUserId);
      const extractable = genOptions.extractable ?? true;
      const generated = await engine.generate(alg, extractable, userId);
      const publicJwk = publicJwkFromRaw(alg, generated.publicRaw);
      const parsed: ParsedPublicKey = { alg, jwk: publicJwk, raw: generated.publicRaw };
      const publicKey = store.publicHandle(alg, publicJwk, await engine.importPublic(parsed, userId));
      const privateKey = store.privateHandle(alg, publicJwk, generated.privateKey);
      if (!extractable || generated.d === undefined) return { privateKey, publicKey };
      return { privateKey, publicKey, privateJwk: privateJwkFromRaw(alg, generated.d, generated.publicRaw) };
    },

    async sign(key, data): Promise<Uint8Array> {
      assertBytes(data, 'data');
      const native = store.privateNative(key);
      if (native === undefined) {
        throw new DeltaIdError('ERR_KEY', `private key handle was not made by the ${name} provider`);
      }
      return engine.sign(key.alg, native, data);
    },

    verify(key, data, signature): Promise<boolean> {
      if (!(data instanceof Uint8Array) || !(signature instanceof Uint8Array)) return FALSE;
      const native = store.publicNative(key);
      if (native === undefined) return verifyForeign(key, data, signature);
      try {
        const result = engine.verify(key.alg, native, data, signature);
        if (result === true) return TRUE;
        if (result === false) return FALSE;
        return result.then(
          (ok) => ok === true,
          () => false,
        );
      } catch {
        return FALSE;
      }
    },

    async digest(alg, data): Promise<Uint8Array> {
      if (!DIGEST_ALGS.has(alg)) {
        throw new DeltaIdError('ERR_UNSUPPORTED', 'unsupported digest algorithm', {
          details: { alg: String(alg) },
        });
      }
      assertBytes(data, 'data');
      return engine.digest(alg, data);
    },

    randomBytes: (length) => engine.randomBytes(length),
  };
  return Object.freeze(provider);
}
