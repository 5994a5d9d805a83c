/**
 * The issuer's status-list manager (draft-ietf-oauth-status-list §13.3, §12.7): random, unbiased,
 * never-reused index allocation; status changes; persistence through the file storage across restarts.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedKeyPair, Randomness } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { getStatus, STATUS, verifyStatusListCwt, verifyStatusListJwt } from '@deltaid/trust';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createFileStatusListStorage,
  createMemoryStatusListStorage,
  createStatusListManager,
  type StatusListStorage,
} from '../src/index.js';
import { allocationMap, isAllocated, mark, pickFreeIndex, pooled } from '../src/status/lib/allocate.js';

const crypto = createNativeCrypto();
const NOW = new Date('2026-05-01T08:00:00Z');
const uriOf = (n: number) => `https://status.police.sh.example/lists/${n}`;
let keys: GeneratedKeyPair;
const dirs: string[] = [];

/** A seeded xorshift source, so failures reproduce. */
function seeded(seed: number): Randomness {
  let x = seed >>> 0 || 1;
  return {
    randomBytes(length) {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        x ^= x << 13;
        x >>>= 0;
        x ^= x >>> 17;
        x ^= x << 5;
        x >>>= 0;
        out[i] = x & 0xff;
      }
      return out;
    },
  };
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deltaid-status-'));
  dirs.push(dir);
  return dir;
}

function manager(storage: StatusListStorage, extra: { defaultSize?: number; random?: Randomness } = {}) {
  return createStatusListManager({
    storage,
    random: extra.random ?? crypto,
    now: () => NOW,
    signer: { key: keys.privateKey, crypto, kid: new TextEncoder().encode('sh-status') },
    uriOf,
    defaultSize: extra.defaultSize ?? 1000,
  });
}

beforeAll(async () => {
  keys = await crypto.generateKeyPair('ES256');
});
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('allocation', () => {
  it('hands out distinct, in-range, non-sequential indexes and creates list 1 on first use', async () => {
    const m = manager(createMemoryStatusListStorage());
    const refs = await Promise.all(Array.from({ length: 200 }, () => m.allocate()));
    const indexes = refs.map((r) => r.index);
    expect(new Set(indexes).size).toBe(200);
    expect(refs.every((r) => r.listId === 1 && r.uri === uriOf(1))).toBe(true);
    expect(indexes.every((i) => i >= 0 && i < 1000)).toBe(true);
    // Sequential allocation would give 0…199; random allocation spreads over the list.
    expect(Math.max(...indexes)).toBeGreaterThan(800);
    const ascending = indexes.filter((v, i) => i > 0 && v > indexes[i - 1]!).length;
    expect(ascending).toBeGreaterThan(60);
    expect(ascending).toBeLessThan(140);
  });

  it('fills a list to the last entry, then opens the next list', async () => {
    const m = manager(createMemoryStatusListStorage(), { defaultSize: 100 });
    const refs = await m.allocateMany(100);
    expect(new Set(refs.map((r) => r.index)).size).toBe(100);
    await expect(m.allocate({ listId: 1 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    const next = await m.allocate();
    expect(next.listId).toBe(2);
    expect((await m.lists()).map((l) => [l.listId, l.allocated])).toEqual([
      [1, 100],
      [2, 1],
    ]);
  });

  it('stays fast at 90 % full and past 99.99 % (rank fallback): 1,000,000 entries', async () => {
    const m = manager(createMemoryStatusListStorage(), { defaultSize: 1_000_000 });
    await m.allocateMany(900_000);
    const start = performance.now();
    const refs = await m.allocateMany(1000);
    const perAllocation = (performance.now() - start) / 1000;
    expect(new Set(refs.map((r) => r.index)).size).toBe(1000);
    expect(perAllocation).toBeLessThan(1); // ms; measured ≈ 0.01 ms
    await m.allocateMany(98_990);
    const last = await m.allocateMany(10); // 10 free among 1,000,000: found by the rank scan
    expect(new Set(last.map((r) => r.index)).size).toBe(10);
    const [info] = await m.lists();
    expect(info?.allocated).toBe(1_000_000);
  }, 120_000);

  it('property: random allocation never returns a used index', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.nat(), { maxLength: 600 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (size, used, seed) => {
          const map = allocationMap(new Uint8Array(Math.ceil(size / 8)), size);
          for (const u of used) if (!isAllocated(map.bitmap, u % size)) mark(map, u % size);
          const next32 = pooled(seeded(seed));
          while (map.count < size) {
            const index = pickFreeIndex(map, next32);
            if (index < 0 || index >= size || isAllocated(map.bitmap, index)) return false;
            mark(map, index);
          }
          return allocationMap(map.bitmap, size).count === size;
        },
      ),
    );
  });

  it('is unbiased: every free index equally likely, on both the rejection and the rank path', () => {
    // [size, used indexes, chi-square 99.9th percentile for (free − 1) degrees of freedom]
    const cases: Array<[number, number[], number]> = [
      // 10 of 13 free: rejection sampling (13 is not a power of two, so a modulo shortcut would show)
      [13, [0, 5, 6], 27.88],
      // 50 of 1000 free (< 1/16): the rank search through the block counts
      [1000, Array.from({ length: 950 }, (_, i) => (i * 7 + 3) % 1000), 85.35],
    ];
    for (const [size, used, critical] of cases) {
      const map = allocationMap(new Uint8Array(Math.ceil(size / 8)), size);
      for (const u of used) mark(map, u);
      const free = size - used.length;
      const counts = new Array<number>(size).fill(0);
      const next32 = pooled(seeded(12345));
      const draws = free * 2000;
      for (let i = 0; i < draws; i++) counts[pickFreeIndex(map, next32)]! += 1;
      const expected = draws / free;
      let chi2 = 0;
      const usedSet = new Set(used);
      counts.forEach((c, i) => {
        if (usedSet.has(i)) expect(c).toBe(0);
        else chi2 += (c - expected) ** 2 / expected;
      });
      expect(chi2).toBeLessThan(critical);
    }
  });

  it('refuses a full list and bad counts', async () => {
    const full = allocationMap(Uint8Array.of(0xff), 8);
    expect(() => pickFreeIndex(full, pooled(crypto))).toThrow(
      expect.objectContaining({ code: 'ERR_STATUS_INDEX' }),
    );
    const m = manager(createMemoryStatusListStorage());
    await expect(m.allocateMany(0)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(m.allocate({ listId: 9 })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});

describe('status changes', () => {
  it('revoke, suspend, reinstate with the draft values, and revocation is final', async () => {
    const m = manager(createMemoryStatusListStorage());
    const a = await m.allocate();
    const b = await m.allocate();
    expect(await m.status(a)).toBe(STATUS.VALID);
    await m.suspend(a);
    expect(await m.status(a)).toBe(STATUS.SUSPENDED);
    await m.reinstate(a);
    expect(await m.status(a)).toBe(STATUS.VALID);
    await m.revoke(b);
    expect(await m.status(b)).toBe(STATUS.INVALID);
    await expect(m.reinstate(b)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(m.suspend(b)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await m.revoke(b); // idempotent
    expect(await m.status(b)).toBe(STATUS.INVALID);
  });

  it('refuses indexes never allocated or outside the list, and suspension in a 1-bit list', async () => {
    const m = manager(createMemoryStatusListStorage());
    const a = await m.allocate();
    const unused = a.index === 0 ? 1 : 0;
    await expect(m.revoke({ listId: 1, index: unused })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(m.revoke({ listId: 1, index: 1000 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    await expect(m.revoke({ listId: 1, index: -1 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    const one = await m.createList({ bits: 1, size: 64 });
    const ref = await m.allocate({ listId: one.listId });
    await expect(m.suspend(ref)).rejects.toMatchObject({ code: 'ERR_UNSUPPORTED' });
    await m.revoke(ref);
    expect(await m.status(ref)).toBe(1);
  });

  it('a failed save leaves nothing changed and reports ERR_STORAGE', async () => {
    const inner = createMemoryStatusListStorage();
    let fail = false;
    const flaky: StatusListStorage = {
      load: (id) => inner.load(id),
      listIds: () => inner.listIds(),
      save: async (r) => {
        if (fail) throw new Error('disk full');
        await inner.save(r);
      },
    };
    const m = manager(flaky);
    const a = await m.allocate();
    fail = true;
    await expect(m.revoke(a)).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    await expect(m.allocate()).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    fail = false;
    expect(await m.status(a)).toBe(STATUS.VALID);
    expect((await m.lists())[0]?.allocated).toBe(1);
    expect((await inner.load(1))?.allocatedCount).toBe(1);
  });
});

describe('file storage and restart', () => {
  it('a new manager on the same directory keeps every allocation and status, and never reuses an index', async () => {
    const dir = await tempDir();
    const first = manager(createFileStatusListStorage({ dir }), { defaultSize: 2000 });
    const before = await first.allocateMany(1500);
    await first.revoke(before[0]!);
    await first.suspend(before[1]!);

    const second = manager(createFileStatusListStorage({ dir }), { defaultSize: 2000 });
    const [info] = await second.lists();
    expect(info).toMatchObject({ listId: 1, allocated: 1500, bits: 2, size: 2000 });
    expect(await second.status(before[0]!)).toBe(STATUS.INVALID);
    expect(await second.status(before[1]!)).toBe(STATUS.SUSPENDED);
    for (const ref of before.slice(2, 50)) expect(await second.status(ref)).toBe(STATUS.VALID);
    const after = await second.allocateMany(500);
    const all = new Set([...before, ...after].map((r) => r.index));
    expect(all.size).toBe(2000);
    await expect(second.allocate({ listId: 1 })).rejects.toMatchObject({ code: 'ERR_STATUS_INDEX' });
    // Only the record itself is left: temporary files were renamed away.
    expect(await readdir(dir)).toEqual(['list-1.cbor']);
  });

  it('a damaged file is an error, never a fresh list', async () => {
    const dir = await tempDir();
    const m = manager(createFileStatusListStorage({ dir }));
    await m.allocate();
    const path = join(dir, 'list-1.cbor');
    const bytes = new Uint8Array(await readFile(path));
    bytes[bytes.length - 1]! ^= 0x01; // flips an allocation bit: count and bitmap disagree
    await writeFile(path, bytes);
    await expect(manager(createFileStatusListStorage({ dir })).allocate()).rejects.toMatchObject({
      code: 'ERR_STORAGE',
    });
    await writeFile(path, 'not cbor');
    await expect(manager(createFileStatusListStorage({ dir })).lists()).rejects.toMatchObject({
      code: 'ERR_STORAGE',
    });
  });
});

describe('publishing', () => {
  it('publishes a signed CWT and JWT of the current state', async () => {
    const m = manager(createMemoryStatusListStorage());
    const a = await m.allocate();
    await m.revoke(a);
    const cwt = await m.publish(1);
    expect(cwt).toMatchObject({ listId: 1, uri: uriOf(1), format: 'cwt', ttl: 3600 });
    expect(cwt.exp - cwt.iat).toBe(7 * 24 * 3600);
    if (!(cwt.token instanceof Uint8Array)) throw new Error('expected bytes');
    const verified = await verifyStatusListCwt(cwt.token, keys.publicKey, {
      crypto,
      now: NOW,
      uri: uriOf(1),
    });
    expect(getStatus(verified.list, a.index)).toBe(1);
    expect(verified.list.size).toBe(1000);
    const jwt = await m.publish(1, { format: 'jwt' });
    if (typeof jwt.token !== 'string') throw new Error('expected text');
    const fromJwt = await verifyStatusListJwt(jwt.token, keys.publicKey, { crypto, now: NOW });
    expect(getStatus(fromJwt.list, a.index)).toBe(1);
    await expect(m.publish(5)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});
