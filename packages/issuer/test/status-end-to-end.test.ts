/**
 * Issue 5 end to end: an issuer allocates, revokes, suspends and publishes; an offline verifier
 * holding the published list refuses the revoked and the suspended credential with their own codes,
 * accepts the suspended one again after reinstatement and republication, and refuses lists signed by
 * another issuer, tampered or expired. The manager restarts on its files without losing an allocation.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratedKeyPair } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createStatusCache, getStatus } from '@deltaid/trust';
import { createFileStatusStorage, readFileBytes } from '@deltaid/trust/status-cache/file-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStatusListStorage, createStatusListManager, type StatusReference } from '../src/index.js';

const crypto = createNativeCrypto();
const uriOf = (n: number) => `https://status.police.js.example/lists/${n}`;
let dir: string;
let issuerKeys: GeneratedKeyPair;
let otherKeys: GeneratedKeyPair;
const clock = { ms: Date.parse('2026-06-01T09:00:00Z') };
const now = () => new Date(clock.ms);

function issuer(keys: GeneratedKeyPair = issuerKeys, storeDir = join(dir, 'issuer')) {
  return createStatusListManager({
    storage: createFileStatusListStorage({ dir: storeDir }),
    random: crypto,
    now,
    signer: { key: keys.privateKey, crypto, kid: new TextEncoder().encode('js-traffic-status') },
    uriOf,
    defaultSize: 1_000_000,
    defaultBits: 2,
  });
}

async function publishTo(path: string, m: ReturnType<typeof issuer>, listId = 1): Promise<void> {
  const { token } = await m.publish(listId);
  await writeFile(path, token);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deltaid-e2e-status-'));
  issuerKeys = await crypto.generateKeyPair('ES256');
  otherKeys = await crypto.generateKeyPair('ES256');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('issue, revoke, publish, verify offline', () => {
  let refs: readonly StatusReference[];
  const published = () => join(dir, 'published-1.cwt');
  const verifier = () =>
    createStatusCache({
      crypto,
      key: issuerKeys.publicKey,
      now,
      readFile: readFileBytes,
      storage: createFileStatusStorage({ dir: join(dir, 'verifier') }),
      lists: [{ uri: uriOf(1), location: published() }],
    });

  it('a revoked credential is refused, a suspended one with its own code, a valid one accepted', async () => {
    const m = issuer();
    refs = await m.allocateMany(3);
    const [revoked, suspended, valid] = refs as [StatusReference, StatusReference, StatusReference];
    await m.revoke(revoked);
    await m.suspend(suspended);
    await publishTo(published(), m);

    const cache = verifier();
    expect(await cache.refresh()).toMatchObject([{ uri: uriOf(1), ok: true }]);
    expect(await cache.check({ uri: revoked.uri, index: revoked.index })).toMatchObject({
      ok: false,
      code: 'ERR_REVOKED',
    });
    expect(await cache.check({ uri: suspended.uri, index: suspended.index })).toMatchObject({
      ok: false,
      code: 'ERR_SUSPENDED',
    });
    expect(await cache.check({ uri: valid.uri, index: valid.index })).toMatchObject({ ok: true, status: 0 });
  });

  it('after a restart, the manager keeps every allocation and status; reinstate + republish is accepted again', async () => {
    const [revoked, suspended] = refs as [StatusReference, StatusReference];
    clock.ms += 2 * 3600 * 1000; // past the ttl: the verifier will refresh
    const restarted = issuer();
    expect((await restarted.lists())[0]).toMatchObject({ listId: 1, allocated: 3 });
    expect(await restarted.status(revoked)).toBe(1);
    expect(await restarted.status(suspended)).toBe(2);
    const more = await restarted.allocateMany(1000);
    const taken = new Set(refs.map((r) => r.index));
    expect(more.some((r) => taken.has(r.index))).toBe(false);
    await restarted.reinstate(suspended);
    await publishTo(published(), restarted);

    const cache = verifier(); // a restarted verifier, with the last good copy on disk
    expect(await cache.check({ uri: suspended.uri, index: suspended.index })).toMatchObject({
      ok: true,
      status: 0,
    });
    expect(await cache.check({ uri: revoked.uri, index: revoked.index })).toMatchObject({
      code: 'ERR_REVOKED',
    });
  });

  it('refuses a list signed by another issuer, a tampered list, an expired list; keeps the good copy', async () => {
    const [revoked] = refs as [StatusReference];
    const cache = verifier();
    await cache.refresh();
    const goodIat = cache.get(uriOf(1))?.iat;
    expect(goodIat).toBeDefined();

    clock.ms += 60_000;
    // Another issuer runs a manager with the same list URI and publishes a list in which nothing is revoked.
    const impostor = issuer(otherKeys, join(dir, 'impostor'));
    await impostor.allocate();
    await publishTo(published(), impostor);
    expect(await cache.refresh()).toMatchObject([{ ok: false, code: 'ERR_SIGNATURE', iat: goodIat }]);

    const genuine = issuer();
    await publishTo(published(), genuine);
    const bytes = await readFileBytes(published());
    bytes[bytes.length - 3]! ^= 0x40;
    await writeFile(published(), bytes);
    expect(await cache.refresh()).toMatchObject([{ ok: false, code: 'ERR_SIGNATURE', iat: goodIat }]);
    expect(await cache.check({ uri: revoked.uri, index: revoked.index })).toMatchObject({
      code: 'ERR_REVOKED',
    });

    // A list published long ago has expired (7 days by default): refused on load, unusable when held.
    await publishTo(published(), genuine);
    clock.ms += 8 * 24 * 3600 * 1000;
    const late = verifier();
    expect(await late.refresh()).toMatchObject([{ ok: false, code: 'ERR_EXPIRED' }]);
    expect(await late.check({ uri: revoked.uri, index: revoked.index })).toMatchObject({
      ok: false,
      code: 'ERR_STATUS_UNAVAILABLE',
    });
  });

  it('the published 1,000,000-entry list decodes to the manager state', async () => {
    const m = issuer();
    const { token } = await m.publish(1);
    const cache = createStatusCache({ crypto, key: issuerKeys.publicKey, now });
    const verified = await cache.add(token);
    expect(verified.list.size).toBe(1_000_000);
    for (const ref of refs) expect(getStatus(verified.list, ref.index)).toBe(await m.status(ref));
  });
});
