/**
 * Regression tests for review findings: cross-issuer status lists, unprotected kid, iat in the future, the exp
 * boundary, replay protection on by default, and kid collisions resolved by document type.
 */
import { COSE_HEADER, decodeSign1, encodeCbor } from '@deltaid/core';
import { createMemoryStatusListStorage, createStatusListManager } from '@deltaid/issuer';
import { createStaticRegistry, createStatusCache } from '@deltaid/trust';
import { presentCompact } from '@deltaid/wallet';
import { describe, expect, it } from 'vitest';
import { createVerifier } from '../src/index.js';
import { clock, EID_CLAIMS, issue, makeFederation, makeHolder, makeIssuer, NOW } from './fixtures.js';
import { statusUri } from './pipeline-fixtures.js';

const f = await makeFederation();
const holder = await makeHolder(f.crypto);
const EID = 'cn.gov.mps.eid.1' as const;

async function present(credential: Uint8Array, at = NOW) {
  return (
    await presentCompact({ credential }, { deviceKey: holder.deviceKey, crypto: f.crypto, clock: () => at })
  ).text;
}

describe('a status list answers only for the issuer whose trust entry names its key', () => {
  it("a trusted issuer (Anhui) cannot publish Shanghai's list: Shanghai's revoked credential is not made valid", async () => {
    const shUri = statusUri(f.sh);
    const manager = (issuer: typeof f.sh) =>
      createStatusListManager({
        storage: createMemoryStatusListStorage(),
        random: f.crypto,
        now: () => new Date(NOW),
        signer: { key: issuer.identity.key, crypto: f.crypto, kid: issuer.entry.kid },
        uriOf: () => shUri,
        defaultSize: 1024,
      });
    const sh = manager(f.sh);
    await sh.createList({ listId: 1 });
    const ref = await sh.allocate({ listId: 1 });
    await sh.revoke(ref);
    // Anhui signs a list for Shanghai's URI in which every entry is valid.
    const forged = manager(f.ah);
    await forged.createList({ listId: 1 });
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      status: { list: 1, index: ref.index },
    });

    // Any trusted kid resolves (as a loader built from the registry does).
    const keys = new Map([f.sh, f.ah].map((i) => [Buffer.from(i.entry.kid).toString('hex'), i.publicKey]));
    const status = createStatusCache({
      crypto: f.crypto,
      key: async (kid) =>
        kid instanceof Uint8Array ? keys.get(Buffer.from(kid).toString('hex')) : undefined,
      now: () => new Date(NOW),
    });
    await status.add((await forged.publish(1)).token);
    const v = createVerifier({ trust: f.trust, status, policy: 'hotel-checkin', clock, crypto: f.crypto });
    const r = await v.verify(await present(credential));
    expect(r.valid).toBe(false);
    expect(r.errors[0]?.code).toBe('ERR_STATUS_UNAVAILABLE');

    // The genuine list still answers: revoked.
    const honest = createStatusCache({ crypto: f.crypto, key: f.sh.publicKey, now: () => new Date(NOW) });
    await honest.add((await sh.publish(1)).token);
    const v2 = createVerifier({
      trust: f.trust,
      status: honest,
      policy: 'hotel-checkin',
      clock,
      crypto: f.crypto,
    });
    expect((await v2.verify(await present(credential))).errors[0]?.code).toBe('ERR_REVOKED');
  });
});

describe('credential times and kid', () => {
  const v = () => createVerifier({ trust: f.trust, policy: 'hotel-checkin', clock, crypto: f.crypto });

  it('refuses a credential whose iat lies in the future beyond the skew', async () => {
    const future = NOW + 3600_000;
    const { credential } = await issueAt(future);
    const r = await v().verify(await present(credential, NOW));
    expect(r.errors[0]?.code).toBe('ERR_NOT_YET_VALID');
  });

  it('exp is exclusive (RFC 8392): refused exactly at exp + skew, accepted one second before', async () => {
    const exp = Math.floor(NOW / 1000) + 1000;
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, { expiresAt: exp });
    const at = (s: number) =>
      createVerifier({ trust: f.trust, policy: 'hotel-checkin', clock: () => s * 1000, crypto: f.crypto });
    expect((await at(exp + 59).verify(await present(credential, (exp + 59) * 1000))).valid).toBe(true);
    expect((await at(exp + 60).verify(await present(credential, (exp + 60) * 1000))).errors[0]?.code).toBe(
      'ERR_EXPIRED',
    );
  });

  it('a kid only in the unprotected header is refused (it is not signed)', async () => {
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
    const s = decodeSign1(credential);
    const moved = encodeCbor([
      encodeCbor(new Map([[1, -7]])),
      new Map([[COSE_HEADER.kid, f.sh.entry.kid]]),
      s.payload,
      s.signature,
    ]);
    const r = await v().verify(await present(moved));
    expect(r.errors[0]?.code).toBe('ERR_STRUCTURE');
  });

  async function issueAt(ms: number) {
    const { issueCompact } = await import('@deltaid/issuer');
    return issueCompact(
      { docType: EID, purpose: 'checkin', claims: EID_CLAIMS, holderKey: holder.publicKey },
      { issuer: f.sh.identity, crypto: f.crypto, clock: () => ms },
    );
  }
});

describe('replay protection is on by default', () => {
  it('the same QR text is accepted once; `replayCache: "none"` turns the check off deliberately', async () => {
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
    const text = await present(credential);
    const v = createVerifier({ trust: f.trust, policy: 'hotel-checkin', clock, crypto: f.crypto });
    expect((await v.verify(text)).valid).toBe(true);
    expect((await v.verify(text)).errors[0]?.code).toBe('ERR_REPLAY');
    const off = createVerifier({
      trust: f.trust,
      policy: 'hotel-checkin',
      clock,
      crypto: f.crypto,
      replayCache: 'none',
    });
    expect((await off.verify(text)).valid).toBe(true);
    expect((await off.verify(text)).valid).toBe(true);
  });
});

describe('a kid shared by two entries resolves to the one authorised for the document type', () => {
  it('same key listed as a DL issuer and as an e-ID issuer: the e-ID verifies with the e-ID entry', async () => {
    const dlEntry = { ...f.sh.entry, issuerId: 'sh-dl', docTypes: ['cn.gov.mps.dl.1'] as const };
    const trust = createStaticRegistry([dlEntry, f.sh.entry], { crypto: f.crypto });
    const v = createVerifier({ trust, policy: 'hotel-checkin', clock, crypto: f.crypto });
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
    const r = await v.verify(await present(credential));
    expect(r.valid, JSON.stringify(r.errors)).toBe(true);
    expect(r.issuer?.id).toBe(f.sh.entry.issuerId);
    // Only the DL entry: not authorised, reported after the signature check passed.
    const dlOnly = createVerifier({
      trust: createStaticRegistry([dlEntry], { crypto: f.crypto }),
      policy: 'hotel-checkin',
      clock,
      crypto: f.crypto,
    });
    const r2 = await dlOnly.verify(await present(credential));
    expect(r2.errors[0]?.code).toBe('ERR_ISSUER_NOT_AUTHORISED');
    expect(r2.passed).toEqual(['decode', 'issuer', 'signature']);
    void makeIssuer;
  });
});

describe('trust-list rollback inside one registry', () => {
  it('given an old and a new list of one region, only the newest counts', async () => {
    const { buildTrustList, createTrustListRegistry, verifyTrustList } = await import('@deltaid/trust');
    const op = await f.crypto.generateKeyPair('ES256');
    const { deriveKid } = await import('@deltaid/core');
    const opKid = await deriveKid(op.publicKey.jwk, f.crypto);
    const anchors = [
      { kid: opKid, alg: 'ES256' as const, publicKey: op.publicKey.jwk, region: 'CN-SH' as const },
    ];
    const now = Math.floor(NOW / 1000);
    const list = (sequence: number, state: 'active' | 'compromised') =>
      buildTrustList(
        {
          version: 1,
          region: 'CN-SH',
          operator: { zh: '上海', en: 'Shanghai' },
          sequence,
          issuedAt: now - 10,
          nextUpdate: now + 86_400,
          entries: [{ ...f.sh.entry, status: state === 'active' ? { state } : { state, at: now - 100_000 } }],
        },
        { key: op.privateKey, kid: opKid, crypto: f.crypto },
      );
    const verified = async (b: Uint8Array) => {
      const r = await verifyTrustList(b, { anchors, crypto: f.crypto, now });
      if (!r.ok) throw new Error(r.reason);
      return r.list;
    };
    const oldList = await verified(await list(5, 'active'));
    const newList = await verified(await list(6, 'compromised'));
    const trust = createTrustListRegistry([oldList, newList], { crypto: f.crypto, clock });
    const v = createVerifier({ trust, policy: 'hotel-checkin', clock, crypto: f.crypto });
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
    expect((await v.verify(await present(credential))).errors[0]?.code).toBe('ERR_ISSUER_KEY_COMPROMISED');
    // Same sequence, different content: refused outright.
    const forkList = await verified(await list(6, 'active'));
    expect(() => createTrustListRegistry([newList, forkList], { crypto: f.crypto, clock })).toThrow(
      expect.objectContaining({ code: 'ERR_TRUST_LIST_ROLLBACK' }),
    );
  });
});

describe('policy values', () => {
  it('a required value is refused when the element is absent, not only when it differs', async () => {
    const v = createVerifier({
      trust: f.trust,
      policy: {
        name: 'adult-guest',
        docTypes: [EID],
        regions: 'all',
        requiredElements: { [EID]: ['name'] },
        requiredValues: { age_over_18: true },
      },
      clock,
      crypto: f.crypto,
    });
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS); // check-in carries no age_over_18
    const r = await v.verify(await present(credential));
    expect(r.errors[0]?.code).toBe('ERR_POLICY');
  });
});

describe('authorisation does not rely on the registry honouring docType', () => {
  it('a TrustRegistry that ignores the docType still cannot make a DL-only issuer vouch for an e-ID', async () => {
    const dlOnly = { ...f.sh.entry, docTypes: ['cn.gov.mps.dl.1'] as const };
    const inner = createStaticRegistry([dlOnly], { crypto: f.crypto });
    // An app's own registry that drops the docType before asking.
    const careless = {
      ...inner,
      lookup: ({ docType: _ignored, ...q }: Parameters<typeof inner.lookup>[0]) => inner.lookup(q),
    };
    const v = createVerifier({ trust: careless, policy: 'hotel-checkin', clock, crypto: f.crypto });
    const { credential } = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
    const r = await v.verify(await present(credential));
    expect(r.errors[0]).toMatchObject({ code: 'ERR_ISSUER_NOT_AUTHORISED', check: 'authorisation' });
  });
});
