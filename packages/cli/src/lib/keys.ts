import {
  type CryptoProvider,
  DeltaIdError,
  deriveKid,
  type PrivateJwk,
  type PrivateKeyHandle,
  type PublicJwk,
  type PublicKeyHandle,
  type SignatureAlg,
  toHex,
} from '@deltaid/core';
import { readJson, UsageError, writeOut } from './io.js';

const ALGS: readonly SignatureAlg[] = ['ES256', 'ES384', 'EdDSA', 'SM2'];

/** A key file: a JWK with its algorithm (and `d` for a private key). Private key files are mode 0600. */
export interface KeyFile {
  readonly alg: SignatureAlg;
  readonly jwk: PublicJwk | PrivateJwk;
}

export function parseAlg(v: string | undefined): SignatureAlg {
  const alg = ALGS.find((a) => a === v);
  if (alg === undefined) throw new UsageError(`--alg must be one of ${ALGS.join(', ')}`);
  return alg;
}

export async function readKeyFile(path: string): Promise<KeyFile> {
  const v = await readJson(path);
  if (typeof v !== 'object' || v === null) throw new UsageError(`${path}: not a key file`);
  const { alg, ...jwk } = v as Record<string, unknown>;
  return { alg: parseAlg(typeof alg === 'string' ? alg : undefined), jwk: jwk as unknown as PublicJwk };
}

export async function writePrivateKey(
  path: string,
  alg: SignatureAlg,
  jwk: PrivateJwk,
  options: { force?: boolean } = {},
): Promise<void> {
  // A key file is never replaced by accident: an issuer's lost key cannot be recovered.
  await writeOut(path, `${JSON.stringify({ alg, ...jwk }, null, 2)}\n`, {
    secret: true,
    exclusive: !options.force,
  });
}

export async function loadPrivateKey(crypto: CryptoProvider, path: string): Promise<PrivateKeyHandle> {
  const k = await readKeyFile(path);
  if (!('d' in k.jwk)) throw new UsageError(`${path} holds a public key; a private key is needed`);
  return crypto.importPrivateKey(k.alg, k.jwk);
}

export async function loadPublicKey(crypto: CryptoProvider, path: string): Promise<PublicKeyHandle> {
  const k = await readKeyFile(path);
  const { d: _d, ...pub } = k.jwk as PrivateJwk;
  return crypto.importPublicKey(k.alg, pub);
}

export async function publicSummary(crypto: CryptoProvider, alg: SignatureAlg, jwk: PublicJwk) {
  const { kty, crv, x, y } = jwk;
  const publicJwk: PublicJwk = y === undefined ? { kty, crv, x } : { kty, crv, x, y };
  return { alg, kid: toHex(await deriveKid(publicJwk, crypto)), publicKey: publicJwk };
}

export function assertKey(cond: unknown, message: string): asserts cond {
  if (!cond) throw new DeltaIdError('ERR_KEY', message);
}
