import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '@deltaid/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createCachedTrustSource } from '../src/registry/create-cached-trust-source.js';
import { createFederatedRegistry } from '../src/registry/create-federated-registry.js';
import { createFileStorage } from '../src/storage/create-file-storage.js';
import { createMemoryStorage } from '../src/storage/create-memory-storage.js';
import type { TrustStorage } from '../src/storage/types.js';
import { buildTrustList } from '../src/trust-list/build-trust-list.js';
import type { StalePolicy } from '../src/trust-list/types.js';
import { verifyListOfLists } from '../src/trust-list/verify-list-of-lists.js';
import { crypto, DAY, DL, EID, flip, listContent, makeFederation, publicPart, T0 } from './trust-fixtures.js';

const fed = await makeFederation();
const sh = fed.operators['CN-SH'];
const ctx = { key: sh.privateKey, kid: sh.kid, crypto };
const entries = fed.entries['CN-SH'];
const v1 = fed.lists['CN-SH'];
const v2 = await buildTrustList(
  listContent('CN-SH', entries, { sequence: 2, issuedAt: T0 + DAY, nextUpdate: T0 + 31 * DAY }),
  ctx,
);
const kid = fed.issuers['CN-SH'][0].kid;
const hex = (b: Uint8Array | undefined) => (b === undefined ? 'missing' : toHex(new Uint8Array(b)));
const query = { kid, docType: EID, at: T0 };

/** A network that serves what the test puts in `current`, or fails when it is undefined. */
function network() {
  const net = { current: undefined as Uint8Array | undefined, loads: 0 };
  const load = async () => {
    net.loads++;
    if (net.current === undefined) throw new TypeError('fetch failed');
    return net.current;
  };
  return { net, load };
}

function source(
  load: () => Promise<Uint8Array>,
  storage: TrustStorage,
  now: { t: number },
  stalePolicy?: StalePolicy,
) {
  return createCachedTrustSource({
    load,
    storage,
    anchors: fed.regionalAnchors,
    region: 'CN-SH',
    crypto,
    clock: () => now.t * 1000,
    stalePolicy: stalePolicy ?? { graceSeconds: DAY, after: 'reject' },
  });
}

describe('cached trust source', () => {
  it('loads, serves, and upgrades to a higher sequence', async () => {
    const { net, load } = network();
    const now = { t: T0 + DAY };
    const s = source(load, createMemoryStorage(), now);
    expect(await s.registry.lookup(query)).toMatchObject({ ok: false, code: 'ERR_UNKNOWN_ISSUER' });
    net.current = v1;
    expect(await s.refresh()).toEqual({ ok: true, updated: true, sequence: 1, from: 'network' });
    expect(await s.registry.lookup(query)).toMatchObject({ ok: true });
    net.current = v2;
    expect(await s.refresh()).toEqual({ ok: true, updated: true, sequence: 2, from: 'network' });
    expect(await s.refresh()).toEqual({ ok: true, updated: false, sequence: 2, from: 'network' });
  });

  it('refuses a rollback to a lower sequence and keeps the newer copy', async () => {
    const { net, load } = network();
    const s = source(load, createMemoryStorage(), { t: T0 + 2 * DAY });
    net.current = v2;
    await s.refresh();
    net.current = v1;
    expect(await s.refresh()).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_ROLLBACK', kept: 2 });
    expect(s.current()?.sequence).toBe(2);
  });

  it('refuses the same sequence with different content', async () => {
    const { net, load } = network();
    const s = source(load, createMemoryStorage(), { t: T0 + 2 * DAY });
    net.current = v1;
    await s.refresh();
    net.current = await buildTrustList(listContent('CN-SH', entries.slice(0, 1)), ctx);
    expect(await s.refresh()).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_ROLLBACK', kept: 1 });
    expect(s.current()?.entries).toHaveLength(2);
  });

  it('refuses a bad signature and keeps the old good copy', async () => {
    const { net, load } = network();
    const storage = createMemoryStorage();
    const s = source(load, storage, { t: T0 + 2 * DAY });
    net.current = v1;
    await s.refresh();
    const tampered = v2.slice();
    tampered.set(flip(tampered, -5));
    net.current = tampered;
    expect(await s.refresh()).toMatchObject({ ok: false, code: 'ERR_SIGNATURE', kept: 1 });
    expect(s.current()?.sequence).toBe(1);
    expect(hex(await storage.get('trust-list-CN-SH'))).toBe(hex(v1));
    expect(await s.registry.lookup(query)).toMatchObject({ ok: true });
  });

  it('refuses a list for another region signed by its own operator', async () => {
    const { net, load } = network();
    const s = source(load, createMemoryStorage(), { t: T0 + DAY });
    net.current = fed.lists['CN-JS'];
    expect(await s.refresh()).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST', kept: undefined });
  });

  it('serves offline after the source disappears', async () => {
    const { net, load } = network();
    const s = source(load, createMemoryStorage(), { t: T0 + DAY });
    net.current = v1;
    await s.refresh();
    net.current = undefined;
    expect(await s.refresh()).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_UNAVAILABLE', kept: 1 });
    expect(await s.registry.lookup(query)).toMatchObject({ ok: true });
  });

  it('stale: within grace ok, then reject (ERR_TRUST_LIST_STALE) or warn', async () => {
    const { net, load } = network();
    net.current = v1;
    const next = T0 + 30 * DAY;
    const now = { t: T0 + DAY };
    const reject = source(load, createMemoryStorage(), now, { graceSeconds: DAY, after: 'reject' });
    const warn = source(load, createMemoryStorage(), now, { graceSeconds: DAY, after: 'warn' });
    await reject.refresh();
    await warn.refresh();
    now.t = next + DAY;
    expect(await reject.registry.lookup(query)).toMatchObject({ ok: true, warnings: [] });
    expect(await warn.registry.lookup(query)).toMatchObject({ ok: true, warnings: [] });
    now.t = next + DAY + 1;
    expect(await reject.registry.lookup(query)).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_STALE' });
    expect(await warn.registry.lookup(query)).toMatchObject({ ok: true, warnings: ['STALE'] });
    // A federated registry over a stale source reports the staleness, not an unknown issuer.
    const hotel = createFederatedRegistry({
      registries: [reject.registry],
      policy: { regions: 'all', docTypes: 'all' },
    });
    expect(await hotel.lookup(query)).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_STALE' });
    // A fresh list brings it back.
    net.current = await buildTrustList(
      listContent('CN-SH', entries, { sequence: 3, issuedAt: now.t, nextUpdate: now.t + 30 * DAY }),
      ctx,
    );
    expect(await reject.refresh()).toMatchObject({ ok: true, sequence: 3 });
    expect(await reject.registry.lookup(query)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('file storage: the cache survives a process restart', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a new source over the same directory serves the stored copy offline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deltaid-trust-'));
    dirs.push(dir);
    const { net, load } = network();
    net.current = v2;
    const first = source(load, createFileStorage(dir), { t: T0 + 2 * DAY });
    await first.refresh();
    expect(hex(await readFile(join(dir, 'trust-list-CN-SH.cbor')))).toBe(hex(v2));

    // "Restart": a new source, a new storage object, and no network.
    const offline = network();
    const second = source(offline.load, createFileStorage(dir), { t: T0 + 2 * DAY });
    expect(await second.refresh()).toEqual({ ok: true, updated: true, sequence: 2, from: 'storage' });
    expect(await second.registry.lookup(query)).toMatchObject({ ok: true });

    // After restart a rollback is still refused: the stored sequence is the floor.
    offline.net.current = v1;
    expect(await second.refresh()).toMatchObject({ ok: false, code: 'ERR_TRUST_LIST_ROLLBACK', kept: 2 });
  });

  it('a stored copy edited on disk is ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deltaid-trust-'));
    dirs.push(dir);
    const tampered = v1.slice();
    tampered.set(flip(tampered, -3));
    await writeFile(join(dir, 'trust-list-CN-SH.cbor'), tampered);
    const { load } = network();
    const s = source(load, createFileStorage(dir), { t: T0 + DAY });
    expect(await s.refresh()).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST_UNAVAILABLE',
      kept: undefined,
    });
    expect(s.current()).toBeUndefined();
  });

  it('refuses storage keys that are not plain file names', async () => {
    const storage = createFileStorage(tmpdir());
    await expect(storage.get('../etc/passwd')).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    await expect(storage.set('.hidden', new Uint8Array(1))).rejects.toMatchObject({ code: 'ERR_STORAGE' });
  });
});

describe('the whole federation, cached: list of lists → four cached regional sources → hotel', () => {
  it('resolves a Jiangsu licence at a Shanghai hotel, then again offline after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deltaid-fed-'));
    try {
      const now = T0 + DAY;
      const lol = await verifyListOfLists(fed.listOfLists, { anchors: [publicPart(fed.joint)], crypto, now });
      if (!lol.ok) throw new Error(lol.code);
      const start = async (online: boolean) => {
        const sources = lol.list.lists.map((ref) =>
          createCachedTrustSource({
            load: async () => {
              if (!online) throw new TypeError('offline');
              return fed.lists[ref.region];
            },
            storage: createFileStorage(dir),
            anchors: lol.list.anchors,
            region: ref.region,
            crypto,
            clock: () => now * 1000,
            stalePolicy: { graceSeconds: 7 * DAY, after: 'warn' },
          }),
        );
        const results = await Promise.all(sources.map((s) => s.refresh()));
        const hotel = createFederatedRegistry({
          registries: sources.map((s) => s.registry),
          policy: { regions: 'all', docTypes: 'all' },
        });
        return { results, hotel };
      };
      const online = await start(true);
      expect(online.results.map((r) => r.ok && r.from)).toEqual(['network', 'network', 'network', 'network']);
      const jsDl = { kid: fed.issuers['CN-JS'][0].kid, docType: DL, at: now };
      expect(await online.hotel.lookup(jsDl)).toMatchObject({ ok: true, issuer: { region: 'CN-JS' } });

      const offline = await start(false);
      expect(offline.results.map((r) => r.ok && r.from)).toEqual([
        'storage',
        'storage',
        'storage',
        'storage',
      ]);
      expect(await offline.hotel.lookup(jsDl)).toMatchObject({ ok: true, issuer: { region: 'CN-JS' } });
      expect(
        await offline.hotel.lookup({ kid: fed.issuers['CN-ZJ'][1].kid, docType: EID, at: now }),
      ).toMatchObject({ ok: false, code: 'ERR_ISSUER_NOT_AUTHORISED' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
