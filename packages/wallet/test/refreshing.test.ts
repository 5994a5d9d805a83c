import { decodePresentation, toHex, verifyPresentationSignatures } from '@deltaid/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CompactPresentation,
  type CredentialStorage,
  createMemoryCredentialStorage,
  createRefreshingPresentation,
  type DeviceKey,
  generateDeviceKey,
  importCredential,
} from '../src/index.js';
import { EID_CLAIMS, type Federation, fakeTimers, issue, makeFederation, NOW, NOW_S } from './fixtures.js';

let f: Federation;
let deviceKey: DeviceKey;
let storage: CredentialStorage;
let credentialId: string;

beforeAll(async () => {
  f = await makeFederation();
  deviceKey = await generateDeviceKey({ alg: 'SM2' }, { crypto: f.crypto });
  storage = createMemoryCredentialStorage();
  const bytes = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
  credentialId = (
    await importCredential(bytes, { storage, deviceKey, trust: f.trust, crypto: f.crypto, clock: () => NOW })
  ).id;
});

/** Resolves once `n` presentations arrived. */
function collector() {
  const got: CompactPresentation[] = [];
  let waiter: { n: number; resolve: () => void } | undefined;
  return {
    got,
    push(p: CompactPresentation) {
      got.push(p);
      if (waiter !== undefined && got.length >= waiter.n) waiter.resolve();
    },
    until(n: number): Promise<void> {
      if (got.length >= n) return Promise.resolve();
      return new Promise((resolve) => {
        waiter = { n, resolve };
      });
    },
  };
}

describe('createRefreshingPresentation', () => {
  it('yields a fresh presentation every 30 s by default; each verifies and none repeats', async () => {
    const timers = fakeTimers();
    let now = NOW;
    const qr = createRefreshingPresentation(
      { credentialId },
      { storage, deviceKey, crypto: f.crypto, clock: () => now, timers },
    );
    const c = collector();
    const unsubscribe = qr.subscribe((p) => c.push(p));
    await c.until(1);
    for (let i = 2; i <= 4; i++) {
      expect(timers.pending.size).toBe(1);
      now += 30_000;
      expect(timers.fire()).toBe(30_000);
      await c.until(i);
    }
    expect(c.got.map((p) => p.time)).toEqual([NOW_S, NOW_S + 30, NOW_S + 60, NOW_S + 90]);
    expect(new Set(c.got.map((p) => p.text)).size).toBe(4);
    expect(new Set(c.got.map((p) => toHex(p.nonce))).size).toBe(4);
    for (const p of c.got) {
      const decoded = await decodePresentation(p.text);
      expect(decoded.time).toBe(p.time);
      expect(decoded.nonce).toEqual(p.nonce);
      const r = await verifyPresentationSignatures(decoded, { issuerKey: f.sh.publicKey, crypto: f.crypto });
      expect(r.ok).toBe(true);
    }
    unsubscribe();
    expect(timers.pending.size).toBe(0);
    qr.stop();
  });

  it('honours intervalSeconds; a late subscriber gets the current code at once', async () => {
    const timers = fakeTimers();
    const qr = createRefreshingPresentation(
      { credentialId, intervalSeconds: 10 },
      { storage, deviceKey, crypto: f.crypto, clock: () => NOW, timers },
    );
    const a = collector();
    qr.subscribe((p) => a.push(p));
    await a.until(1);
    const b = collector();
    qr.subscribe((p) => b.push(p));
    expect(b.got).toEqual([a.got[0]]);
    expect(timers.fire()).toBe(10_000);
    await a.until(2);
    await b.until(2);
    expect(b.got[1]).toBe(a.got[1]);
    qr.stop();
    expect(timers.pending.size).toBe(0);
    // After stop nothing subscribes again.
    const c = collector();
    qr.subscribe((p) => c.push(p));
    expect(timers.pending.size).toBe(0);
    expect(c.got).toEqual([]);
  });

  it('works as an async iterator; stop() ends the loop and clears its timer', async () => {
    const timers = fakeTimers();
    let now = NOW;
    const qr = createRefreshingPresentation(
      { credentialId, intervalSeconds: 5 },
      { storage, deviceKey, crypto: f.crypto, clock: () => now, timers },
    );
    const seen: number[] = [];
    const loop = (async () => {
      for await (const p of qr) {
        seen.push(p.time);
        if (seen.length === 3) qr.stop();
      }
    })();
    for (let i = 0; i < 2; i++) {
      while (timers.pending.size === 0) await new Promise((r) => setImmediate(r));
      now += 5_000;
      expect(timers.fire()).toBe(5_000);
    }
    await loop;
    expect(seen).toEqual([NOW_S, NOW_S + 5, NOW_S + 10]);
    expect(timers.pending.size).toBe(0);
  });

  it('stop() wakes an iterator waiting for its next tick', async () => {
    const timers = fakeTimers();
    const qr = createRefreshingPresentation(
      { credentialId },
      { storage, deviceKey, crypto: f.crypto, clock: () => NOW, timers },
    );
    const it = qr[Symbol.asyncIterator]();
    expect((await it.next()).done).toBe(false);
    const pending = it.next();
    while (timers.pending.size === 0) await new Promise((r) => setImmediate(r));
    qr.stop();
    expect((await pending).done).toBe(true);
    expect(timers.pending.size).toBe(0);
  });

  it('reports a refresh that fails (credential deleted) to onError and stops', async () => {
    const timers = fakeTimers();
    const s = createMemoryCredentialStorage();
    const record = await storage.get(credentialId);
    await s.put(record!);
    const qr = createRefreshingPresentation(
      { credentialId },
      { storage: s, deviceKey, crypto: f.crypto, clock: () => NOW, timers },
    );
    const c = collector();
    let error: unknown;
    const failed = new Promise<void>((resolve) => {
      qr.subscribe(
        (p) => c.push(p),
        (e) => {
          error = e;
          resolve();
        },
      );
    });
    await c.until(1);
    await s.delete(credentialId);
    timers.fire();
    await failed;
    expect(error).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(timers.pending.size).toBe(0);
  });

  it('refuses a bad interval or id', () => {
    const ctx = { storage, deviceKey, crypto: f.crypto, clock: () => NOW, timers: fakeTimers() };
    for (const intervalSeconds of [0, -1, 3601, Number.NaN]) {
      expect(() => createRefreshingPresentation({ credentialId, intervalSeconds }, ctx)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
    expect(() => createRefreshingPresentation({ credentialId: '' }, ctx)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('createRefreshingPresentation: one loop at a time', () => {
  it('unsubscribing and subscribing again while a refresh is in flight keeps a single timer', async () => {
    const timers = fakeTimers();
    const qr = createRefreshingPresentation(
      { credentialId },
      { storage, deviceKey, crypto: f.crypto, clock: () => NOW, timers },
    );
    const first = qr.subscribe(() => undefined);
    first(); // the first refresh is still building
    const c = collector();
    qr.subscribe((p) => c.push(p));
    await c.until(1);
    await new Promise((r) => setImmediate(r));
    expect(timers.pending.size).toBe(1);
    timers.fire();
    await c.until(2);
    await new Promise((r) => setImmediate(r));
    expect(timers.pending.size).toBe(1);
    qr.stop();
  });
});

describe('createRefreshingPresentation: app callbacks', () => {
  it('a subscriber that throws gets its own onError and does not stop the refreshing', async () => {
    const timers = fakeTimers();
    const qr = createRefreshingPresentation(
      { credentialId },
      { storage, deviceKey, crypto: f.crypto, clock: () => NOW, timers },
    );
    const boom = new Error('render failed');
    const errors: unknown[] = [];
    qr.subscribe(
      () => {
        throw boom;
      },
      (e) => errors.push(e),
    );
    const c = collector();
    qr.subscribe((p) => c.push(p));
    await c.until(1);
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual([boom]);
    expect(timers.pending.size).toBe(1);
    qr.stop();
  });
});
