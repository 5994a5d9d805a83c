import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBase64Url, toBase64Url, toHex, utf8 } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type CredentialStorage,
  createIndexedDbCredentialStorage,
  createMemoryCredentialStorage,
  type StoredCredential,
} from '../src/index.js';
import { createFileCredentialStorage } from '../src/storage/create-file-storage.js';

const crypto = createNativeCrypto();
// The lowest cost the file format accepts: keeps the suite fast; real wallets use the default N = 2^17.
const FAST = { N: 2 ** 14, r: 8, p: 1 };

// Stands in for personal data: must never appear in clear in any persistent medium.
const SECRET = utf8('张三丰 310115199003071239 上海市浦东新区');

function record(id: string, receivedAt: number, extra = 0): StoredCredential {
  return {
    id,
    credential: Uint8Array.from([...SECRET, extra]),
    receivedAt,
    issuer: { id: 'sh-eid', region: 'CN-SH', name: { zh: '上海市公安局', en: 'Shanghai PSB' } },
  };
}

async function tempPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'deltaid-wallet-')), 'wallet.json');
}

const adapters: [string, () => Promise<CredentialStorage>][] = [
  ['memory', async () => createMemoryCredentialStorage()],
  [
    'file',
    async () =>
      createFileCredentialStorage(
        { path: await tempPath(), passphrase: 'correct horse', scrypt: FAST },
        { crypto },
      ),
  ],
  ['indexeddb', async () => createIndexedDbCredentialStorage({ indexedDB: new IDBFactory() }, { crypto })],
];

describe.each(adapters)('%s credential storage: the CredentialStorage contract', (_name, make) => {
  let storage: CredentialStorage;
  beforeEach(async () => {
    storage = await make();
  });

  it('starts empty', async () => {
    expect(await storage.list()).toEqual([]);
    expect(await storage.get('00')).toBeUndefined();
  });

  it('puts, gets, lists in import order, replaces by id, deletes', async () => {
    await storage.put(record('aa01', 100));
    await storage.put(record('bb02', 200));
    expect((await storage.get('aa01'))?.credential).toEqual(record('aa01', 100).credential);
    expect((await storage.list()).map((r) => r.id)).toEqual(['aa01', 'bb02']);
    await storage.put(record('aa01', 300, 7));
    const replaced = await storage.get('aa01');
    expect(replaced?.receivedAt).toBe(300);
    expect(replaced?.credential.at(-1)).toBe(7);
    expect((await storage.list()).map((r) => r.id)).toEqual(['bb02', 'aa01']);
    expect(await storage.delete('aa01')).toBe(true);
    expect(await storage.delete('aa01')).toBe(false);
    expect((await storage.list()).map((r) => r.id)).toEqual(['bb02']);
    expect(await storage.get('aa01')).toBeUndefined();
  });

  it('keeps the issuer metadata', async () => {
    await storage.put(record('cc03', 5));
    expect((await storage.get('cc03'))?.issuer).toEqual(record('cc03', 5).issuer);
  });

  it('is not changed by callers mutating bytes they passed in or got out', async () => {
    const r = record('dd04', 1);
    await storage.put(r);
    r.credential.fill(0);
    const got = await storage.get('dd04');
    got?.credential.fill(1);
    expect((await storage.get('dd04'))?.credential).toEqual(record('dd04', 1).credential);
  });

  it('refuses a malformed record', async () => {
    await expect(storage.put({ ...record('ee05', 1), id: 'NOT HEX' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(storage.put({ ...record('ee05', 1), credential: new Uint8Array() })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(storage.put({ ...record('ee05', 1), receivedAt: -1 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    expect(await storage.list()).toEqual([]);
  });
});

function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  return toHex(haystack).includes(toHex(needle));
}

describe('encrypted file storage (docs/formats/wallet-file.md)', () => {
  it('writes the documented envelope, mode 0600, with no personal data in clear and no temporary file left', async () => {
    const path = await tempPath();
    const storage = createFileCredentialStorage({ path, passphrase: 'pw-1', scrypt: FAST }, { crypto });
    await storage.put(record('aa01', 100));
    const text = await readFile(path, 'utf8');
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(['format', 'version', 'kdf', 'cipher', 'ciphertext']);
    expect(doc.format).toBe('deltaid-wallet');
    expect(doc.version).toBe(1);
    expect(doc.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
    expect(fromBase64Url(doc.kdf.salt)).toHaveLength(16);
    expect(doc.cipher.name).toBe('A256GCM');
    expect(fromBase64Url(doc.cipher.iv)).toHaveLength(12);
    const raw = await readFile(path);
    expect(containsBytes(raw, SECRET)).toBe(false);
    expect(text).not.toContain('张三丰');
    expect(text).not.toContain('310115199003071239');
    expect(text).not.toContain(toBase64Url(SECRET).slice(0, 12));
    expect(text).not.toContain('pw-1');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(path, '..'))).toEqual(['wallet.json']);
  });

  it('persists: a second storage with the same passphrase reads what the first wrote', async () => {
    const path = await tempPath();
    await createFileCredentialStorage({ path, passphrase: 'pw', scrypt: FAST }, { crypto }).put(
      record('aa01', 1),
    );
    const again = createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto });
    expect((await again.list()).map((r) => r.id)).toEqual(['aa01']);
  });

  it('uses a fresh IV on every write, keeping the salt', async () => {
    const path = await tempPath();
    const storage = createFileCredentialStorage({ path, passphrase: 'pw', scrypt: FAST }, { crypto });
    await storage.put(record('aa01', 1));
    const first = JSON.parse(await readFile(path, 'utf8'));
    await storage.put(record('aa01', 1));
    const second = JSON.parse(await readFile(path, 'utf8'));
    expect(second.kdf.salt).toBe(first.kdf.salt);
    expect(second.cipher.iv).not.toBe(first.cipher.iv);
    expect(second.ciphertext).not.toBe(first.ciphertext);
  });

  it('a wrong passphrase is ERR_PASSPHRASE, and the file is left byte for byte as it was', async () => {
    const path = await tempPath();
    await createFileCredentialStorage({ path, passphrase: 'right', scrypt: FAST }, { crypto }).put(
      record('aa01', 1),
    );
    const before = await readFile(path);
    const wrong = createFileCredentialStorage({ path, passphrase: 'wrong', scrypt: FAST }, { crypto });
    await expect(wrong.list()).rejects.toMatchObject({ code: 'ERR_PASSPHRASE' });
    await expect(wrong.put(record('bb02', 2))).rejects.toMatchObject({ code: 'ERR_PASSPHRASE' });
    await expect(wrong.delete('aa01')).rejects.toMatchObject({ code: 'ERR_PASSPHRASE' });
    expect(await readFile(path)).toEqual(before);
    expect(await readdir(join(path, '..'))).toEqual(['wallet.json']);
    const right = createFileCredentialStorage({ path, passphrase: 'right' }, { crypto });
    expect((await right.list()).map((r) => r.id)).toEqual(['aa01']);
  });

  it('the passphrase is normalised (NFC): composed and decomposed forms open the same file', async () => {
    const path = await tempPath();
    await createFileCredentialStorage({ path, passphrase: 'caf\u00e9', scrypt: FAST }, { crypto }).put(
      record('aa01', 1),
    );
    const decomposed = createFileCredentialStorage({ path, passphrase: 'cafe\u0301' }, { crypto });
    expect(await decomposed.list()).toHaveLength(1);
  });

  it('an altered ciphertext or parameter fails closed', async () => {
    const path = await tempPath();
    await createFileCredentialStorage({ path, passphrase: 'pw', scrypt: FAST }, { crypto }).put(
      record('aa01', 1),
    );
    const doc = JSON.parse(await readFile(path, 'utf8'));

    const flipped = fromBase64Url(doc.ciphertext);
    flipped[0] = flipped[0]! ^ 1;
    await writeFile(path, JSON.stringify({ ...doc, ciphertext: toBase64Url(flipped) }));
    await expect(
      createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto }).list(),
    ).rejects.toMatchObject({
      code: 'ERR_PASSPHRASE',
    });

    // r is bound as additional data: changing it is detected even though it derives a different key anyway.
    await writeFile(path, JSON.stringify({ ...doc, kdf: { ...doc.kdf, r: 9 } }));
    await expect(
      createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto }).list(),
    ).rejects.toMatchObject({
      code: 'ERR_PASSPHRASE',
    });

    const iv = fromBase64Url(doc.cipher.iv);
    iv[0] = iv[0]! ^ 1;
    await writeFile(path, JSON.stringify({ ...doc, cipher: { ...doc.cipher, iv: toBase64Url(iv) } }));
    await expect(
      createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto }).list(),
    ).rejects.toMatchObject({
      code: 'ERR_PASSPHRASE',
    });
  });

  it('refuses files that are not wallet files, or ask for too much or too little work', async () => {
    const path = await tempPath();
    await createFileCredentialStorage({ path, passphrase: 'pw', scrypt: FAST }, { crypto }).put(
      record('aa01', 1),
    );
    const doc = JSON.parse(await readFile(path, 'utf8'));
    const cases: unknown[] = [
      'not json',
      { ...doc, format: 'other' },
      { ...doc, version: 2 },
      { ...doc, kdf: { ...doc.kdf, name: 'pbkdf2' } },
      { ...doc, kdf: { ...doc.kdf, N: 2 ** 30 } },
      { ...doc, kdf: { ...doc.kdf, N: 2 ** 10 } },
      { ...doc, kdf: { ...doc.kdf, N: 3 * 2 ** 14 } },
      { ...doc, kdf: { ...doc.kdf, r: 64 } },
      { ...doc, kdf: { ...doc.kdf, p: 100 } },
      { ...doc, kdf: { ...doc.kdf, salt: 'AAAA' } },
      { ...doc, cipher: { ...doc.cipher, name: 'A128CBC' } },
      { ...doc, cipher: { ...doc.cipher, iv: 'AAAA' } },
      { ...doc, ciphertext: 'AAAA' },
      { ...doc, ciphertext: '!!' },
    ];
    for (const c of cases) {
      await writeFile(path, typeof c === 'string' ? c : JSON.stringify(c));
      const storage = createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto });
      await expect(storage.list(), JSON.stringify(c).slice(0, 80)).rejects.toMatchObject({
        code: 'ERR_STORAGE',
      });
      // A file the wallet cannot read is never replaced by a fresh one.
      await expect(storage.put(record('bb02', 2))).rejects.toMatchObject({ code: 'ERR_STORAGE' });
      expect(await readFile(path, 'utf8')).toBe(typeof c === 'string' ? c : JSON.stringify(c));
    }
  });

  it('refuses bad options at creation', async () => {
    const path = await tempPath();
    expect(() => createFileCredentialStorage({ path, passphrase: '' }, { crypto })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => createFileCredentialStorage({ path: '', passphrase: 'x' }, { crypto })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() =>
      createFileCredentialStorage({ path, passphrase: 'x', scrypt: { N: 1024, r: 8, p: 1 } }, { crypto }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('an I/O failure is ERR_STORAGE and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deltaid-wallet-'));
    // The wallet path is an existing folder: reading it fails, nothing is written.
    const storage = createFileCredentialStorage({ path: dir, passphrase: 'pw', scrypt: FAST }, { crypto });
    await expect(storage.put(record('aa01', 1))).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('serialises concurrent writes: none is lost', async () => {
    const path = await tempPath();
    const storage = createFileCredentialStorage({ path, passphrase: 'pw', scrypt: FAST }, { crypto });
    await Promise.all(['a1', 'b2', 'c3', 'd4', 'e5'].map((id, i) => storage.put(record(id, i))));
    const again = createFileCredentialStorage({ path, passphrase: 'pw' }, { crypto });
    expect((await again.list()).map((r) => r.id).sort()).toEqual(['a1', 'b2', 'c3', 'd4', 'e5']);
  });
});

describe('IndexedDB storage', () => {
  async function rawRecords(
    factory: IDBFactory,
  ): Promise<{ keys: unknown[]; values: unknown[]; key: unknown }> {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open('deltaid-wallet', 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const get = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const tx = db.transaction(['credentials', 'keys'], 'readonly');
    const [keys, values, key] = await Promise.all([
      get(tx.objectStore('credentials').getAllKeys()),
      get(tx.objectStore('credentials').getAll()),
      get(tx.objectStore('keys').get('records-aes-gcm')),
    ]);
    db.close();
    return { keys, values, key };
  }

  it('stores only ids, IVs and ciphertext, under a non-extractable key', async () => {
    const factory = new IDBFactory();
    const storage = createIndexedDbCredentialStorage({ indexedDB: factory }, { crypto });
    await storage.put(record('aa01', 1));
    const { keys, values, key } = await rawRecords(factory);
    expect(keys).toEqual(['aa01']);
    const v = values[0] as { iv: Uint8Array; ciphertext: Uint8Array };
    expect(Object.keys(v).sort()).toEqual(['ciphertext', 'iv']);
    expect(v.iv).toHaveLength(12);
    expect(containsBytes(v.ciphertext, SECRET)).toBe(false);
    expect(key).toBeInstanceOf(CryptoKey);
    expect((key as CryptoKey).extractable).toBe(false);
    expect((key as CryptoKey).algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
  });

  it('persists across storage objects on the same database', async () => {
    const factory = new IDBFactory();
    await createIndexedDbCredentialStorage({ indexedDB: factory }, { crypto }).put(record('aa01', 1));
    const again = createIndexedDbCredentialStorage({ indexedDB: factory }, { crypto });
    expect((await again.get('aa01'))?.credential).toEqual(record('aa01', 1).credential);
  });

  it('a record moved to another id, or read with another key, fails closed with ERR_STORAGE', async () => {
    const factory = new IDBFactory();
    const storage = createIndexedDbCredentialStorage({ indexedDB: factory }, { crypto });
    await storage.put(record('aa01', 1));
    const { values } = await rawRecords(factory);
    // Copy aa01's sealed value under the id bb02: the id is the additional data, so it must not decrypt.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const req = factory.open('deltaid-wallet', 1);
      req.onsuccess = () => resolve(req.result);
    });
    await new Promise<void>((resolve) => {
      const tx = db.transaction('credentials', 'readwrite');
      tx.objectStore('credentials').put(values[0], 'bb02');
      tx.oncomplete = () => resolve();
    });
    db.close();
    await expect(storage.get('bb02')).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    await expect(storage.list()).rejects.toMatchObject({ code: 'ERR_STORAGE' });

    const otherKey = await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    const withOtherKey = createIndexedDbCredentialStorage({ indexedDB: factory, key: otherKey }, { crypto });
    await expect(withOtherKey.get('aa01')).rejects.toMatchObject({ code: 'ERR_STORAGE' });
  });
});
