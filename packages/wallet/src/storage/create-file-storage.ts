import { mkdir, open as openFile, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeltaIdError, type Randomness, toHex } from '@deltaid/core';
import { IV_BYTES } from '../lib/aead.js';
import { checkRecord, decodeRecords, encodeRecords } from '../lib/records.js';
import {
  checkScryptParams,
  DEFAULT_SCRYPT,
  deriveFileKey,
  type FileKey,
  openWalletFile,
  parseWalletFile,
  SALT_BYTES,
  type ScryptParams,
  sealWalletFile,
} from '../lib/wallet-file.js';
import type { CredentialStorage, StoredCredential } from './types.js';

export { DEFAULT_SCRYPT, type ScryptParams } from '../lib/wallet-file.js';

/** Options of {@link createFileCredentialStorage}. */
export interface FileCredentialStorageOptions {
  /** The wallet file; created (mode 0600) on the first write. */
  readonly path: string;
  /** Unlocks the file. Never stored; the derived AES key lives in memory as a non-extractable CryptoKey. */
  readonly passphrase: string;
  /** scrypt cost for a new file (default N = 2^17, r = 8, p = 1); an existing file keeps its own. */
  readonly scrypt?: ScryptParams;
}

interface Opened {
  readonly fileKey: FileKey;
  readonly records: ReadonlyMap<string, StoredCredential>;
}

function isMissing(err: unknown): boolean {
  return typeof err === 'object' && err !== null && Reflect.get(err, 'code') === 'ENOENT';
}

// Callers get their own bytes: mutating them must not change what the next write persists.
function copy(r: StoredCredential): StoredCredential {
  return { ...r, credential: r.credential.slice(), issuer: { ...r.issuer, name: { ...r.issuer.name } } };
}

function storageError(message: string, cause: unknown): DeltaIdError {
  return new DeltaIdError('ERR_STORAGE', message, { cause });
}

/**
 * A {@link CredentialStorage} in one file, encrypted at rest: scrypt (from a passphrase and a random salt) derives
 * an AES-256-GCM key; the whole credential list is encrypted with a fresh IV on every write. Writes are atomic (a
 * temporary file in the same folder, fsync, rename), so a crash leaves the old file or the new one, never half of
 * either. A wrong passphrase fails with `ERR_PASSPHRASE` before anything is written: the file stays as it was.
 * Node only (this is the package's one module importing `node:*`); browsers use the IndexedDB adapter.
 *
 * Operations on one storage object run one at a time. Two processes writing one file at once are not supported.
 *
 * @param options - path, passphrase and, for a new file, scrypt parameters.
 * @param ctx - randomness for salt, IVs and temporary names.
 * @returns the storage; the file is read and the key derived on first use.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (empty passphrase, scrypt parameters out of bounds); from its methods:
 *   `ERR_PASSPHRASE` (wrong passphrase or altered file), `ERR_STORAGE` (unreadable, not a wallet file, I/O failure).
 * @example
 * ```ts
 * import { createFileCredentialStorage } from '@deltaid/wallet/storage/file';
 * const storage = createFileCredentialStorage({ path: 'wallet.json', passphrase }, { crypto });
 * ```
 * @see docs/formats/wallet-file.md
 */
export function createFileCredentialStorage(
  options: FileCredentialStorageOptions,
  ctx: { readonly crypto: Randomness },
): CredentialStorage {
  if (typeof options.path !== 'string' || options.path.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'path must be a file name', {
      details: { field: 'path' },
    });
  }
  if (typeof options.passphrase !== 'string' || options.passphrase.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'passphrase must not be empty', {
      details: { field: 'passphrase' },
    });
  }
  const newParams = options.scrypt ?? DEFAULT_SCRYPT;
  checkScryptParams(
    newParams,
    (message) => new DeltaIdError('ERR_INVALID_ARGUMENT', message, { details: { field: 'scrypt' } }),
  );
  const { path, passphrase } = options;

  let opened: Opened | undefined;
  // Every operation waits for the previous one: a write never races a read of the state it replaces.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(op: () => Promise<T>): Promise<T> {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<Opened> {
    if (opened !== undefined) return opened;
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if (!isMissing(err)) throw storageError('wallet file: cannot read', err);
    }
    if (text === undefined) {
      const fileKey = await deriveFileKey(passphrase, ctx.crypto.randomBytes(SALT_BYTES), newParams);
      opened = { fileKey, records: new Map() };
      return opened;
    }
    const envelope = parseWalletFile(text);
    const fileKey = await deriveFileKey(passphrase, envelope.salt, envelope.params);
    const records = decodeRecords(await openWalletFile(envelope, fileKey));
    opened = { fileKey, records: new Map(records.map((r) => [r.id, r])) };
    return opened;
  }

  async function write(state: Opened, records: Map<string, StoredCredential>): Promise<void> {
    const text = await sealWalletFile(
      state.fileKey,
      encodeRecords(records.values()),
      ctx.crypto.randomBytes(IV_BYTES),
    );
    const tmp = `${path}.${toHex(ctx.crypto.randomBytes(6))}.tmp`;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // 'wx': never follow or reuse a file someone placed at the temporary name.
      const handle = await openFile(tmp, 'wx', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, path);
    } catch (err) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw storageError('wallet file: cannot write', err);
    }
    opened = { fileKey: state.fileKey, records };
  }

  return {
    list: () => serial(async () => [...(await load()).records.values()].map(copy)),
    get: (id) =>
      serial(async () => {
        const r = (await load()).records.get(id);
        return r === undefined ? undefined : copy(r);
      }),
    put: (record) =>
      serial(async () => {
        checkRecord(record);
        const state = await load();
        const next = new Map(state.records);
        next.delete(record.id);
        next.set(record.id, copy(record));
        await write(state, next);
      }),
    delete: (id) =>
      serial(async () => {
        const state = await load();
        if (!state.records.has(id)) return false;
        const next = new Map(state.records);
        next.delete(id);
        await write(state, next);
        return true;
      }),
  };
}
