import { DeltaIdError, fromBase64Url, toBase64Url, utf8 } from '@deltaid/core';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { IV_BYTES, importAesKey, open, seal } from './aead.js';

/**
 * The encrypted wallet file (docs/formats/wallet-file.md): a small JSON envelope — format, version, scrypt
 * parameters and salt, AES-256-GCM IV — around the ciphertext. The envelope fields are the AES-GCM additional data,
 * so changing a parameter is detected like changing the ciphertext. No node:* import here: the codec is portable.
 */

export const FILE_FORMAT = 'deltaid-wallet';
export const FILE_VERSION = 1;
export const SALT_BYTES = 16;

/** scrypt cost parameters (RFC 7914). */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's recommendation for scrypt (N = 2^17, r = 8, p = 1): about 2.6 s in @noble/hashes on a laptop, once per unlock. */
export const DEFAULT_SCRYPT: ScryptParams = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/** An opened file's secrets, kept in memory while the storage lives: the derived key is non-extractable. */
export interface FileKey {
  readonly key: CryptoKey;
  readonly salt: Uint8Array;
  readonly params: ScryptParams;
}

export interface WalletEnvelope {
  readonly params: ScryptParams;
  readonly salt: Uint8Array;
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

function corrupt(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STORAGE', `wallet file: ${message}`);
}

/**
 * Bounds the cost a file may ask for: a tampered or hostile file must not make the wallet allocate gigabytes or spin
 * for minutes, nor downgrade the derivation to something trivially brute-forced.
 */
export function checkScryptParams(params: ScryptParams, fail: (message: string) => DeltaIdError): void {
  const { N, r, p } = params;
  if (!Number.isSafeInteger(N) || N < 2 ** 14 || N > 2 ** 20 || (N & (N - 1)) !== 0)
    throw fail('scrypt N must be a power of two from 2^14 to 2^20');
  if (!Number.isSafeInteger(r) || r < 1 || r > 16) throw fail('scrypt r must be 1 to 16');
  if (!Number.isSafeInteger(p) || p < 1 || p > 4) throw fail('scrypt p must be 1 to 4');
  // scrypt needs 128·N·r bytes: keep it at 256 MiB or less, a phone's budget.
  if (N * r > 2 ** 21) throw fail('scrypt N·r must not exceed 2^21 (256 MiB)');
}

export async function deriveFileKey(
  passphrase: string,
  salt: Uint8Array,
  params: ScryptParams,
): Promise<FileKey> {
  // NFC so the same passphrase typed on two keyboards (composed or decomposed) opens the same file.
  const raw = await scryptAsync(utf8(passphrase.normalize('NFC')), salt, {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: 32,
    maxmem: 2 ** 28 + 2 ** 20,
  });
  try {
    return { key: await importAesKey(raw), salt, params };
  } finally {
    raw.fill(0);
  }
}

function aad(params: ScryptParams, salt: Uint8Array, iv: Uint8Array): Uint8Array {
  return utf8(
    JSON.stringify([
      FILE_FORMAT,
      FILE_VERSION,
      'scrypt',
      params.N,
      params.r,
      params.p,
      toBase64Url(salt),
      'A256GCM',
      toBase64Url(iv),
    ]),
  );
}

/** Encrypts `plaintext` under the file key with a fresh IV; returns the file's text. */
export async function sealWalletFile(
  fileKey: FileKey,
  plaintext: Uint8Array,
  iv: Uint8Array,
): Promise<string> {
  if (iv.length !== IV_BYTES) throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'iv must be 12 bytes');
  const { params, salt } = fileKey;
  const ciphertext = await seal(fileKey.key, iv, plaintext, aad(params, salt, iv));
  const envelope = {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    kdf: { name: 'scrypt', N: params.N, r: params.r, p: params.p, salt: toBase64Url(salt) },
    cipher: { name: 'A256GCM', iv: toBase64Url(iv) },
    ciphertext: toBase64Url(ciphertext),
  };
  return `${JSON.stringify(envelope, null, 2)}\n`;
}

function field(obj: unknown, name: string): unknown {
  return typeof obj === 'object' && obj !== null && !Array.isArray(obj) ? Reflect.get(obj, name) : undefined;
}

function b64(v: unknown, name: string): Uint8Array {
  if (typeof v !== 'string') throw corrupt(`${name} must be base64url text`);
  try {
    return fromBase64Url(v);
  } catch (cause) {
    throw new DeltaIdError('ERR_STORAGE', `wallet file: ${name} is not base64url`, { cause });
  }
}

/** Reads the envelope; `ERR_STORAGE` when it is not a wallet file of a version this code knows. */
export function parseWalletFile(text: string): WalletEnvelope {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new DeltaIdError('ERR_STORAGE', 'wallet file: not JSON', { cause });
  }
  if (field(doc, 'format') !== FILE_FORMAT) throw corrupt('not a Delta ID wallet file');
  if (field(doc, 'version') !== FILE_VERSION) throw corrupt('unsupported version');
  const kdf = field(doc, 'kdf');
  const cipher = field(doc, 'cipher');
  if (field(kdf, 'name') !== 'scrypt') throw corrupt('kdf must be scrypt');
  if (field(cipher, 'name') !== 'A256GCM') throw corrupt('cipher must be A256GCM');
  const N = field(kdf, 'N');
  const r = field(kdf, 'r');
  const p = field(kdf, 'p');
  if (typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number')
    throw corrupt('scrypt parameters must be numbers');
  const params = { N, r, p };
  checkScryptParams(params, corrupt);
  const salt = b64(field(kdf, 'salt'), 'salt');
  if (salt.length < SALT_BYTES || salt.length > 64) throw corrupt('salt must be 16 to 64 bytes');
  const iv = b64(field(cipher, 'iv'), 'iv');
  if (iv.length !== IV_BYTES) throw corrupt('iv must be 12 bytes');
  const ciphertext = b64(field(doc, 'ciphertext'), 'ciphertext');
  if (ciphertext.length < 16) throw corrupt('ciphertext is shorter than its tag');
  return { params, salt, iv, ciphertext };
}

/**
 * Decrypts. A tag that does not verify means a wrong passphrase — or a file changed on disk, which AES-GCM cannot
 * tell apart; both are `ERR_PASSPHRASE` and neither touches the file.
 */
export async function openWalletFile(envelope: WalletEnvelope, fileKey: FileKey): Promise<Uint8Array> {
  const plaintext = await open(
    fileKey.key,
    envelope.iv,
    envelope.ciphertext,
    aad(envelope.params, envelope.salt, envelope.iv),
  );
  if (plaintext === undefined) {
    throw new DeltaIdError('ERR_PASSPHRASE', 'wrong passphrase, or the wallet file was altered');
  }
  return plaintext;
}
