/**
 * The verifier's status cache (draft-ietf-oauth-status-list §8.3 validation, §13.7 caching): tokens
 * from URLs, files and storage are verified before use; results are data with distinct codes; the
 * policy decides what a missing or stale list means; the last good copy serves offline.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflate, type GeneratedKeyPair, utf8 } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryStatusStorage,
  createStatusCache,
  createStatusList,
  type FetchLike,
  STATUS,
  type StatusCacheOptions,
  type StatusList,
  setStatus,
  signStatusListCwt,
  signStatusListJwt,
} from '../src/index.js';
import { createFileStatusStorage, readFileBytes } from '../src/status-cache/file-storage.js';

const crypto = createNativeCrypto();
const URI = 'https://status.js.deltaid.example/lists/3';
const T0 = 1_780_000_000; // seconds
let issuer: GeneratedKeyPair;
let intruder: GeneratedKeyPair;
let tmp: string;

const REVOKED = 11;
const SUSPENDED = 12;
const APP_SPECIFIC = 13;

function list(): StatusList {
  const l = createStatusList({ size: 4096, bits: 2 });
  setStatus(l, REVOKED, STATUS.INVALID);
  setStatus(l, SUSPENDED, STATUS.SUSPENDED);
  setStatus(l, APP_SPECIFIC, 3);
  return l;
}

async function token(
  o: { iat?: number; exp?: number; ttl?: number; key?: GeneratedKeyPair; sub?: string; l?: StatusList } = {},
) {
  const iat = o.iat ?? T0;
  return signStatusListCwt(
    {
      claims: { sub: o.sub ?? URI, iat, exp: o.exp ?? iat + 7 * 86_400, ttl: o.ttl ?? 3600 },
      list: o.l ?? list(),
    },
    { key: (o.key ?? issuer).privateKey, crypto, kid: utf8('js-status') },
  );
}

/** A clock the test moves, and a server the test fills or takes offline. */
function world() {
  const state = { now: T0 * 1000 + 1000, online: true, calls: 0, served: new Map<string, Uint8Array>() };
  const fetch: FetchLike = async (url) => {
    state.calls++;
    if (!state.online) throw new TypeError('network down');
    const body = state.served.get(url);
    return {
      ok: body !== undefined,
      status: body === undefined ? 404 : 200,
      arrayBuffer: async () => (body ?? new Uint8Array()).slice().buffer,
    };
  };
  return { state, fetch, now: () => new Date(state.now) };
}

function cache(w: ReturnType<typeof world>, extra: Partial<StatusCacheOptions> = {}) {
  return createStatusCache({ crypto, key: issuer.publicKey, now: w.now, fetch: w.fetch, ...extra });
}

beforeAll(async () => {
  issuer = await crypto.generateKeyPair('ES256');
  intruder = await crypto.generateKeyPair('ES256');
  tmp = await mkdtemp(join(tmpdir(), 'deltaid-status-cache-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('check: results as data with distinct codes', () => {
  it('valid, revoked, suspended, unknown value, index outside the list', async () => {
    const w = world();
    w.state.served.set(URI, await token());
    const c = cache(w);
    expect(await c.check({ uri: URI, index: 0 })).toEqual({
      ok: true,
      uri: URI,
      index: 0,
      status: 0,
      warnings: [],
    });
    expect(await c.check({ uri: URI, index: REVOKED })).toMatchObject({
      ok: false,
      code: 'ERR_REVOKED',
      status: 1,
    });
    expect(await c.check({ uri: URI, index: SUSPENDED })).toMatchObject({
      ok: false,
      code: 'ERR_SUSPENDED',
      status: 2,
    });
    expect(await c.check({ uri: URI, index: APP_SPECIFIC })).toMatchObject({
      ok: false,
      code: 'ERR_STATUS_UNKNOWN',
      status: 3,
    });
    for (const index of [4096, -1, 0.5]) {
      expect(await c.check({ uri: URI, index })).toMatchObject({ ok: false, code: 'ERR_STATUS_INDEX' });
    }
    expect(w.state.calls).toBe(1);
  });

  it('checks by list alias', async () => {
    const w = world();
    w.state.served.set('https://mirror.example/3', await token());
    const c = cache(w, { lists: [{ uri: URI, listId: 'js-3', location: 'https://mirror.example/3' }] });
    expect(await c.check({ listId: 'js-3', index: REVOKED })).toMatchObject({
      ok: false,
      code: 'ERR_REVOKED',
    });
    expect(await c.check({ listId: 'nope', index: 1 })).toMatchObject({
      ok: false,
      code: 'ERR_STATUS_UNAVAILABLE',
    });
  });

  it('accepts the JWT form too', async () => {
    const w = world();
    const jwt = await signStatusListJwt(
      { claims: { sub: URI, iat: T0, exp: T0 + 86_400, ttl: 3600 }, list: list() },
      { key: issuer.privateKey, crypto },
    );
    w.state.served.set(URI, utf8(jwt));
    expect(await cache(w).check({ uri: URI, index: SUSPENDED })).toMatchObject({ code: 'ERR_SUSPENDED' });
  });
});

describe('policy: missing and stale lists', () => {
  it('a missing list: reject, warn or accept', async () => {
    const w = world();
    w.state.online = false;
    const missing = { uri: URI, index: 5 };
    expect(await cache(w).check(missing)).toMatchObject({ ok: false, code: 'ERR_STATUS_UNAVAILABLE' });
    expect(await cache(w, { policy: { unavailable: 'warn' } }).check(missing)).toEqual({
      ok: true,
      uri: URI,
      index: 5,
      status: undefined,
      warnings: ['ERR_STATUS_UNAVAILABLE'],
    });
    expect(await cache(w, { policy: { unavailable: 'accept' } }).check(missing)).toMatchObject({
      ok: true,
      warnings: [],
    });
  });

  it('past its ttl and offline, the last good copy is stale: reject, warn or accept; revocations still count', async () => {
    for (const [stale, expected] of [
      ['reject', { ok: false, code: 'ERR_STATUS_STALE' }],
      ['warn', { ok: true, status: 0, warnings: ['ERR_STATUS_STALE'] }],
      ['accept', { ok: true, status: 0, warnings: [] }],
    ] as const) {
      const w = world();
      w.state.served.set(URI, await token());
      const c = cache(w, { policy: { stale } });
      expect(await c.check({ uri: URI, index: 1 })).toMatchObject({ ok: true });
      w.state.online = false;
      w.state.now += 3601 * 1000;
      expect(await c.check({ uri: URI, index: 1 })).toMatchObject(expected);
      expect(await c.check({ uri: URI, index: REVOKED })).toMatchObject({ ok: false, code: 'ERR_REVOKED' });
    }
  });

  it('an expired list is not used, whatever the stale policy', async () => {
    const w = world();
    w.state.served.set(URI, await token({ exp: T0 + 7200 }));
    const c = cache(w, { policy: { stale: 'accept' } });
    expect(await c.check({ uri: URI, index: 1 })).toMatchObject({ ok: true });
    w.state.online = false;
    w.state.now = (T0 + 7200) * 1000;
    expect(await c.check({ uri: URI, index: 1 })).toMatchObject({
      ok: false,
      code: 'ERR_STATUS_UNAVAILABLE',
    });
  });
});

describe('refresh by ttl, and what is refused', () => {
  it('refetches once the ttl has run out, picks up a revocation, and backs off while offline', async () => {
    const w = world();
    w.state.served.set(URI, await token());
    const c = cache(w, { retryAfterSeconds: 300 });
    expect(await c.check({ uri: URI, index: 7 })).toMatchObject({ ok: true });
    expect(await c.check({ uri: URI, index: 7 })).toMatchObject({ ok: true });
    expect(w.state.calls).toBe(1);
    const updated = list();
    setStatus(updated, 7, STATUS.INVALID);
    w.state.served.set(URI, await token({ iat: T0 + 3000, l: updated }));
    w.state.now += 3601 * 1000;
    expect(await c.check({ uri: URI, index: 7 })).toMatchObject({ ok: false, code: 'ERR_REVOKED' });
    expect(w.state.calls).toBe(2);
    w.state.online = false;
    w.state.now += 3601 * 1000;
    await c.check({ uri: URI, index: 7 });
    await c.check({ uri: URI, index: 7 });
    expect(w.state.calls).toBe(3); // the second check waits for retryAfterSeconds
  });

  it('refuses a list signed by another issuer, a tampered list, a rollback, a bomb, a list for another URI', async () => {
    const w = world();
    w.state.now = (T0 + 1000) * 1000;
    const c = cache(w);
    const good = await token({ iat: T0 + 100 });
    w.state.served.set(URI, good);
    expect(await c.refresh(URI)).toEqual([{ uri: URI, ok: true, iat: T0 + 100 }]);

    const cases: Array<[Uint8Array, string]> = [];
    cases.push([await token({ iat: T0 + 200, key: intruder }), 'ERR_SIGNATURE']);
    const tampered = (await token({ iat: T0 + 200 })).slice();
    tampered[tampered.length - 1]! ^= 0x01;
    cases.push([tampered, 'ERR_SIGNATURE']);
    cases.push([await token({ iat: T0 }), 'ERR_TRUST_LIST_ROLLBACK']);
    cases.push([
      await token({ iat: T0 + 200, sub: 'https://status.js.deltaid.example/lists/4' }),
      'ERR_STRUCTURE',
    ]);
    const bomb = await deflate(new Uint8Array(16 * 1024 * 1024));
    const bombToken = await signStatusListCwt(
      { claims: { sub: URI, iat: T0 + 200, ttl: 60 }, list: { bits: 2, lst: bomb } },
      { key: issuer.privateKey, crypto },
    );
    cases.push([bombToken, 'ERR_INFLATE_LIMIT']);
    for (const [bytes, code] of cases) {
      w.state.served.set(URI, bytes);
      expect(await c.refresh(URI)).toEqual([{ uri: URI, ok: false, code, iat: T0 + 100 }]);
      // The last good copy is still what answers.
      expect(c.get(URI)?.iat).toBe(T0 + 100);
      expect(c.checkCached({ uri: URI, index: REVOKED })).toMatchObject({ code: 'ERR_REVOKED' });
    }
    await expect(c.add(await token({ key: intruder }))).rejects.toMatchObject({ code: 'ERR_SIGNATURE' });
    await expect(c.add(await token({ iat: T0 - 30 * 86_400, exp: T0 - 86_400 }))).rejects.toMatchObject({
      code: 'ERR_EXPIRED',
    });
    w.state.served.delete(URI);
    expect(await c.refresh(URI)).toMatchObject([{ ok: false, code: 'ERR_STATUS_UNAVAILABLE' }]);
  });

  it('asks a key resolver with the kid', async () => {
    const w = world();
    w.state.served.set(URI, await token());
    const asked: string[] = [];
    const c = cache(w, {
      key: async (ref) => {
        asked.push(typeof ref === 'string' ? ref : new TextDecoder().decode(ref));
        return issuer.publicKey;
      },
    });
    expect(await c.check({ uri: URI, index: REVOKED })).toMatchObject({ code: 'ERR_REVOKED' });
    expect(asked).toEqual(['js-status']);
  });
});

describe('offline: last good copy in storage', () => {
  it('a new cache on the same storage serves offline; a tampered stored copy is not used', async () => {
    const storage = createMemoryStatusStorage();
    const w = world();
    w.state.served.set(URI, await token());
    await cache(w, { storage }).check({ uri: URI, index: 1 });
    const offline = world();
    offline.state.online = false;
    const restarted = cache(offline, { storage });
    expect(await restarted.check({ uri: URI, index: REVOKED })).toMatchObject({ code: 'ERR_REVOKED' });
    expect(await restarted.check({ uri: URI, index: 1 })).toMatchObject({ ok: true, status: 0 });

    const stored = await storage.get(URI);
    if (stored === undefined) throw new Error('nothing stored');
    const forged = stored.slice();
    forged[forged.length - 20]! ^= 0x01;
    await storage.set(URI, forged);
    expect(await cache(offline, { storage }).check({ uri: URI, index: 1 })).toMatchObject({
      code: 'ERR_STATUS_UNAVAILABLE',
    });
  });

  it('file adapter and file source: load from a file, survive a restart, atomic writes', async () => {
    const dir = join(tmp, 'cache');
    const path = join(tmp, 'list-3.cwt');
    await writeFile(path, await token());
    const options = {
      crypto,
      key: issuer.publicKey,
      now: () => new Date((T0 + 10) * 1000),
      readFile: readFileBytes,
      storage: createFileStatusStorage({ dir }),
      lists: [{ uri: URI, location: path }],
    };
    const first = createStatusCache(options);
    expect(await first.refresh()).toEqual([{ uri: URI, ok: true, iat: T0 }]);
    await rm(path);
    const second = createStatusCache({ ...options, storage: createFileStatusStorage({ dir }) });
    expect(await second.check({ uri: URI, index: SUSPENDED })).toMatchObject({ code: 'ERR_SUSPENDED' });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(await second.refresh()).toMatchObject([{ ok: false, code: 'ERR_STATUS_UNAVAILABLE', iat: T0 }]);
  });
});

describe('bundle boundary', () => {
  it('only status-cache/file-storage.ts imports node: modules', () => {
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    const offenders: string[] = [];
    for (const area of ['status-list', 'status-cache']) {
      const walk = (dir: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          const full = join(dir, entry.name);
          if (entry.isDirectory()) walk(full);
          else if (/from 'node:/.test(readFileSync(full, 'utf8'))) offenders.push(full.slice(src.length));
        }
      };
      walk(join(src, area));
    }
    expect(offenders).toEqual(['status-cache/file-storage.ts']);
    expect(readFileSync(join(src, 'index.ts'), 'utf8')).not.toMatch(/file-storage/);
  });
});
