import { DeltaIdError, type Randomness, utf8 } from '@deltaid/core';
import { generateAesKey, IV_BYTES, open, seal } from '../lib/aead.js';
import { checkRecord, decodeOne, encodeOne } from '../lib/records.js';
import type { CredentialStorage, StoredCredential } from './types.js';

/** Options of {@link createIndexedDbCredentialStorage}. */
export interface IndexedDbCredentialStorageOptions {
  /** The IndexedDB factory: `globalThis.indexedDB` in a browser, or a test double. */
  readonly indexedDB: IDBFactory;
  /** Database name; default `deltaid-wallet`. */
  readonly name?: string;
  /**
   * The AES-GCM key that encrypts the records. Default: a non-extractable key the adapter generates once and keeps in
   * the database (a `CryptoKey` is stored by structured clone, its bytes never reach script).
   */
  readonly key?: CryptoKey;
}

const CREDENTIALS = 'credentials';
const KEYS = 'keys';
const KEY_NAME = 'records-aes-gcm';

interface SealedRecord {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
}

function storageError(message: string, cause?: unknown): DeltaIdError {
  return new DeltaIdError('ERR_STORAGE', `IndexedDB: ${message}`, cause === undefined ? {} : { cause });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(storageError('request failed', req.error));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(storageError('transaction failed', tx.error));
    tx.onabort = () => reject(storageError('transaction aborted', tx.error));
  });
}

function isSealed(v: unknown): v is SealedRecord {
  return (
    typeof v === 'object' &&
    v !== null &&
    Reflect.get(v, 'iv') instanceof Uint8Array &&
    Reflect.get(v, 'ciphertext') instanceof Uint8Array
  );
}

function isCryptoKey(v: unknown): v is CryptoKey {
  return typeof CryptoKey !== 'undefined' && v instanceof CryptoKey;
}

/**
 * A {@link CredentialStorage} in IndexedDB for browsers and web views. Each record is encrypted with AES-256-GCM
 * (its id as additional data, so records cannot be swapped); the database holds only ids, IVs and ciphertext, plus
 * the non-extractable key unless the app supplies its own.
 *
 * IndexedDB transactions close when they wait on anything else, so encryption happens before a transaction opens
 * and decryption after it completes.
 *
 * @param options - the factory, database name, optional key.
 * @param ctx - randomness for IVs.
 * @returns the storage; the database is opened on first use.
 * @throws DeltaIdError from its methods: `ERR_STORAGE` (IndexedDB failed, or a record does not decrypt),
 *   `ERR_INVALID_ARGUMENT` (a malformed record to `put`).
 * @example
 * ```ts
 * const storage = createIndexedDbCredentialStorage({ indexedDB: globalThis.indexedDB }, { crypto });
 * ```
 * @see docs/formats/wallet-file.md §IndexedDB
 */
export function createIndexedDbCredentialStorage(
  options: IndexedDbCredentialStorageOptions,
  ctx: { readonly crypto: Randomness },
): CredentialStorage {
  const name = options.name ?? 'deltaid-wallet';
  let db: Promise<IDBDatabase> | undefined;
  let key: Promise<CryptoKey> | undefined;

  function database(): Promise<IDBDatabase> {
    if (db === undefined) {
      db = new Promise<IDBDatabase>((resolve, reject) => {
        const req = options.indexedDB.open(name, 1);
        req.onupgradeneeded = () => {
          const d = req.result;
          if (!d.objectStoreNames.contains(CREDENTIALS)) d.createObjectStore(CREDENTIALS);
          if (!d.objectStoreNames.contains(KEYS)) d.createObjectStore(KEYS);
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(storageError('cannot open the database', req.error));
        req.onblocked = () => reject(storageError('database upgrade blocked by another tab'));
      });
      db.catch(() => {
        db = undefined;
      });
    }
    return db;
  }

  async function recordsKey(): Promise<CryptoKey> {
    if (options.key !== undefined) return options.key;
    if (key === undefined) {
      key = (async () => {
        const d = await database();
        const found: unknown = await request(d.transaction(KEYS, 'readonly').objectStore(KEYS).get(KEY_NAME));
        if (found !== undefined) {
          if (!isCryptoKey(found)) throw storageError('the stored key is not a CryptoKey');
          return found;
        }
        const fresh = await generateAesKey();
        const tx = d.transaction(KEYS, 'readwrite');
        // add, not put: if another tab stored a key meanwhile, this fails and we read theirs on the next call.
        tx.objectStore(KEYS).add(fresh, KEY_NAME);
        await done(tx);
        return fresh;
      })();
      key.catch(() => {
        key = undefined;
      });
    }
    return key;
  }

  async function unseal(id: string, v: unknown): Promise<StoredCredential> {
    if (!isSealed(v)) throw storageError(`record ${id} is not an encrypted record`);
    const plaintext = await open(await recordsKey(), v.iv, v.ciphertext, utf8(id));
    if (plaintext === undefined) throw storageError(`record ${id} does not decrypt (wrong key or altered)`);
    const record = decodeOne(plaintext);
    if (record.id !== id) throw storageError(`record ${id} holds another id`);
    return record;
  }

  return {
    async list() {
      const d = await database();
      const store = d.transaction(CREDENTIALS, 'readonly').objectStore(CREDENTIALS);
      const [ids, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      const records: StoredCredential[] = [];
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i];
        if (typeof id !== 'string') throw storageError('a record key is not a string');
        records.push(await unseal(id, values[i]));
      }
      return records.sort((a, b) => a.receivedAt - b.receivedAt);
    },
    async get(id) {
      const d = await database();
      const v: unknown = await request(
        d.transaction(CREDENTIALS, 'readonly').objectStore(CREDENTIALS).get(id),
      );
      return v === undefined ? undefined : unseal(id, v);
    },
    async put(record) {
      checkRecord(record);
      const iv = ctx.crypto.randomBytes(IV_BYTES);
      const sealed: SealedRecord = {
        iv,
        ciphertext: await seal(await recordsKey(), iv, encodeOne(record), utf8(record.id)),
      };
      const tx = (await database()).transaction(CREDENTIALS, 'readwrite');
      tx.objectStore(CREDENTIALS).put(sealed, record.id);
      await done(tx);
    },
    async delete(id) {
      const tx = (await database()).transaction(CREDENTIALS, 'readwrite');
      const store = tx.objectStore(CREDENTIALS);
      const count = await request(store.count(id));
      if (count > 0) store.delete(id);
      await done(tx);
      return count > 0;
    },
  };
}
