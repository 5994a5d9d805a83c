/**
 * The verification pipeline of docs/formats/compact-credential.md §Verification, one crafted input per error code,
 * in the order the pipeline checks them. Each failing case also asserts which checks passed before it, which pins the
 * order: a check that ran earlier or later would change `passed`.
 */
import {
  COMPACT_PREFIX,
  decodeCbor,
  deflate,
  encodeBase45,
  encodeCbor,
  encodeQrText,
  signSign1,
} from '@deltaid/core';
import { type IssuedCompact, issueCompact } from '@deltaid/issuer';
import { createStaticRegistry, createStatusCache, type TrustRegistry } from '@deltaid/trust';
import { presentCompact } from '@deltaid/wallet';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CHECKS,
  type CheckName,
  createChallenge,
  createMemoryReplayCache,
  createVerifier,
  definePolicy,
  MESSAGES,
  type Policy,
  type PolicyPreset,
  type VerificationResult,
  type VerifierOptions,
} from '../src/index.js';
import {
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  type Holder,
  issue,
  makeFederation,
  makeHolder,
  makeIssuer,
  NOW,
  VL_CLAIMS,
} from './fixtures.js';
import { idNumber, statusCache, statusManager } from './pipeline-fixtures.js';

const EID = 'cn.gov.mps.eid.1';
const DL = 'cn.gov.mps.dl.1';
const VL = 'cn.gov.mps.vl.1';
const SEC = Math.floor(NOW / 1000);
const at = (ms: number) => () => ms;

let f: Federation;
let holder: Holder;
let checkin: IssuedCompact;

beforeAll(async () => {
  f = await makeFederation();
  holder = await makeHolder(f.crypto);
  checkin = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS);
});

function verifier(over: Partial<VerifierOptions> = {}) {
  return createVerifier({
    trust: f.trust,
    policy: 'hotel-checkin',
    clock: at(NOW),
    crypto: f.crypto,
    replayCache: createMemoryReplayCache(),
    ...over,
  });
}

async function present(
  credential: Uint8Array,
  opts: { key?: Holder; time?: number; challenge?: { nonce: Uint8Array; audience?: string } } = {},
): Promise<string> {
  const { text } = await presentCompact(
    { credential, ...(opts.challenge === undefined ? {} : { challenge: opts.challenge }) },
    { deviceKey: (opts.key ?? holder).deviceKey, crypto: f.crypto, clock: at(opts.time ?? NOW) },
  );
  return text;
}

/** The checks that must have passed before `failing` ran. */
function before(failing: CheckName): CheckName[] {
  return CHECKS.slice(0, CHECKS.indexOf(failing));
}

function expectRefused(r: VerificationResult, code: string, check: CheckName, passed = before(check)): void {
  expect(r.valid).toBe(false);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]).toMatchObject({ code, check });
  expect(r.errors[0]?.message).toEqual(MESSAGES[r.errors[0]!.code]);
  expect(r.passed).toEqual(passed);
  expect(r.claims).toBeUndefined();
}

/** Signs an arbitrary holder payload (to craft structurally bad presentations that are otherwise well signed). */
async function signedPresentation(payload: Map<number, unknown>): Promise<string> {
  const bytes = await signSign1(
    { payload: encodeCbor(payload), tagged: false },
    { key: holder.deviceKey, crypto: f.crypto },
  );
  return encodeQrText(bytes);
}

describe('verify: a valid check-in presentation', () => {
  it('is accepted with the claims, issuer, times and every check passed', async () => {
    const text = await present(checkin.credential);
    const r = await verifier({ replayCache: createMemoryReplayCache() }).verify(text);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.passed).toEqual([...CHECKS]);
    expect(r.warnings).toEqual([]);
    expect(r.docType).toBe(EID);
    expect(r.purpose).toBe('checkin');
    expect(r.claims).toEqual({
      name: EID_CLAIMS.name,
      sex: 1,
      ethnicity: '01',
      birth_date: '1990-03-07',
      id_number: EID_CLAIMS.id_number,
      address: EID_CLAIMS.address,
      valid_from: '2020-05-01',
      valid_until: '2040-05-01',
    });
    expect(r.issuer).toEqual({
      id: f.sh.entry.issuerId,
      name: f.sh.entry.name,
      region: 'CN-SH',
      creditCode: f.sh.entry.creditCode,
    });
    expect(r.presentedAt).toBe(SEC);
    expect(r.expiresAt).toBe(checkin.expiresAt);
  });

  it('accepts the same text as bytes (the presentation after base45)', async () => {
    const { bytes } = await presentCompact(
      { credential: checkin.credential },
      { deviceKey: holder.deviceKey, crypto: f.crypto, clock: at(NOW) },
    );
    expect((await verifier().verify(bytes)).valid).toBe(true);
  });
});

describe('verify: warnings', () => {
  it('a trust list past its next update is accepted with ERR_TRUST_LIST_STALE as a warning', async () => {
    const stale: TrustRegistry = {
      ...f.trust,
      lookup: async (q) => {
        const r = await f.trust.lookup(q);
        return r.ok ? { ...r, warnings: ['STALE'] } : r;
      },
    };
    const r = await verifier({ trust: stale }).verify(await present(checkin.credential));
    expect(r.valid).toBe(true);
    expect(r.warnings.map((w) => [w.code, w.check])).toEqual([['ERR_TRUST_LIST_STALE', 'issuer']]);
    expect(r.warnings[0]?.message).toEqual(MESSAGES.ERR_TRUST_LIST_STALE);
  });
});

describe('verify: every refusal, in pipeline order', () => {
  it('1. ERR_QR_PREFIX: another prefix, and an unsupported version', async () => {
    const v = verifier();
    const text = await present(checkin.credential);
    expectRefused(await v.verify(`HC1:${text.slice(5)}`), 'ERR_QR_PREFIX', 'decode');
    expectRefused(await v.verify(`YRD2:${text.slice(5)}`), 'ERR_QR_PREFIX', 'decode');
    expectRefused(await v.verify(''), 'ERR_QR_PREFIX', 'decode');
  });

  it('2. ERR_BASE45: a character outside the alphabet, a dangling character', async () => {
    const v = verifier();
    const text = await present(checkin.credential);
    expectRefused(await v.verify(`${COMPACT_PREFIX}${text.slice(5, 20)}a`), 'ERR_BASE45', 'decode');
    expectRefused(await v.verify(`${COMPACT_PREFIX}ABCD`), 'ERR_BASE45', 'decode');
    // ':::' is 3 × 44 + … > 65535: an out-of-range group.
    expectRefused(await v.verify(`${COMPACT_PREFIX}:::`), 'ERR_BASE45', 'decode');
  });

  it('3. ERR_INFLATE_LIMIT: a zlib body inflating beyond 8 KiB', async () => {
    const bomb = await deflate(new Uint8Array(64 * 1024));
    expect(bomb[0]).toBe(0x78);
    expectRefused(
      await verifier().verify(COMPACT_PREFIX + encodeBase45(bomb)),
      'ERR_INFLATE_LIMIT',
      'decode',
    );
  });

  it('4. ERR_CBOR: truncated and trailing CBOR', async () => {
    const v = verifier();
    expectRefused(
      await v.verify(COMPACT_PREFIX + encodeBase45(Uint8Array.of(0x84, 0x43, 1))),
      'ERR_CBOR',
      'decode',
    );
    const { bytes } = await presentCompact(
      { credential: checkin.credential },
      { deviceKey: holder.deviceKey, crypto: f.crypto, clock: at(NOW) },
    );
    const trailing = new Uint8Array([...bytes, 0x00]);
    expectRefused(await v.verify(COMPACT_PREFIX + encodeBase45(trailing)), 'ERR_CBOR', 'decode');
  });

  it('4b. ERR_CBOR_LIMIT and ERR_INFLATE: a text longer than any presentation, a corrupt zlib stream', async () => {
    const v = verifier();
    expectRefused(await v.verify(COMPACT_PREFIX + '0'.repeat(13_000)), 'ERR_CBOR_LIMIT', 'decode');
    const z = await deflate(new TextEncoder().encode('a'.repeat(500)));
    const corrupt = z.slice(0, 2 + 3); // header and a truncated block
    expectRefused(await v.verify(COMPACT_PREFIX + encodeBase45(corrupt)), 'ERR_INFLATE', 'decode');
  });

  it('5. ERR_STRUCTURE: an unknown presentation key, a credential with an extra claim', async () => {
    const v = verifier();
    const credentialValue = decodeCbor(checkin.credential);
    const extraKey = await signedPresentation(
      new Map<number, unknown>([
        [1, credentialValue],
        [2, SEC],
        [3, new Uint8Array(8).fill(7)],
        [9, 'extra'],
      ]),
    );
    expectRefused(await v.verify(extraKey), 'ERR_STRUCTURE', 'decode');
    const noNonce = await signedPresentation(
      new Map<number, unknown>([
        [1, credentialValue],
        [2, SEC],
      ]),
    );
    expectRefused(await v.verify(noNonce), 'ERR_STRUCTURE', 'decode');
    // A credential whose claims carry an unknown claim, properly signed by a trusted issuer.
    const claims = decodeCbor((decodeCbor(checkin.credential) as unknown[])[2] as Uint8Array) as Map<
      number,
      unknown
    >;
    claims.set(99, 'smuggled');
    const forged = await signSign1(
      { payload: encodeCbor(claims), protectedHeader: new Map([[4, f.sh.entry.kid]]), tagged: false },
      { key: f.sh.identity.key, crypto: f.crypto },
    );
    expectRefused(await v.verify(await present(forged)), 'ERR_STRUCTURE', 'decode');
    // A signed e-ID number whose MOD 11-2 check character is wrong (an issuer bug) is refused as well.
    const claims2 = decodeCbor((decodeCbor(checkin.credential) as unknown[])[2] as Uint8Array) as Map<
      number,
      unknown
    >;
    const elements = (claims2.get(-65537) as Map<number, unknown>).get(4) as Map<number, Uint8Array>;
    const packed = elements.get(5)!.slice();
    packed[8] = (packed[8]! & 0xf0) | (((packed[8]! & 0x0f) + 1) % 10); // last digit 9 → 0
    elements.set(5, packed);
    const badCheck = await signSign1(
      { payload: encodeCbor(claims2), protectedHeader: new Map([[4, f.sh.entry.kid]]), tagged: false },
      { key: f.sh.identity.key, crypto: f.crypto },
    );
    const r = await v.verify(await present(badCheck));
    expectRefused(r, 'ERR_STRUCTURE', 'decode');
    expect(r.errors[0]?.detail).toContain('id_number');
  });

  it('6. ERR_UNKNOWN_ISSUER: a key the registry does not hold', async () => {
    const rogue = await makeIssuer(f.crypto, 'CN-SH', 'ES256', [EID]);
    const c = await issue(f, rogue, holder, EID, 'checkin', EID_CLAIMS);
    expectRefused(await verifier().verify(await present(c.credential)), 'ERR_UNKNOWN_ISSUER', 'issuer');
  });

  it('6b. a retired or compromised issuer key (trust list status)', async () => {
    const iat = SEC;
    const retired = await makeIssuer(f.crypto, 'CN-SH', 'ES256', [EID], {
      status: { state: 'retired', at: iat - 86_400 },
    });
    const compromised = await makeIssuer(f.crypto, 'CN-SH', 'ES256', [EID], {
      status: { state: 'compromised', at: iat + 86_400 },
    });
    const trust = createStaticRegistry([retired.entry, compromised.entry], { crypto: f.crypto });
    const v = verifier({ trust });
    const r1 = await issue(f, retired, holder, EID, 'checkin', EID_CLAIMS);
    expectRefused(await v.verify(await present(r1.credential)), 'ERR_ISSUER_KEY_RETIRED', 'issuer');
    // Compromised: refused even for credentials claiming an earlier issue time (whoever holds the key writes iat).
    const r2 = await issue(f, compromised, holder, EID, 'checkin', EID_CLAIMS);
    expectRefused(await v.verify(await present(r2.credential)), 'ERR_ISSUER_KEY_COMPROMISED', 'issuer');
  });

  it('7. ERR_SIGNATURE: a credential whose issuer signature was altered', async () => {
    const tampered = checkin.credential.slice();
    tampered[tampered.length - 1]! ^= 0x01;
    expectRefused(await verifier().verify(await present(tampered)), 'ERR_SIGNATURE', 'signature');
    // An element changed after signing: same key id, signature no longer matches.
    const parts = decodeCbor(checkin.credential) as unknown[];
    const payload = (parts[2] as Uint8Array).slice();
    const zhang = new TextEncoder().encode('张三丰');
    const i = payload.findIndex((_, j) => zhang.every((b, k) => payload[j + k] === b));
    expect(i).toBeGreaterThan(0);
    payload[i + 2] = 0x89; // 张 (e5 bc a0) → 弉 (e5 bc 89)
    const altered = encodeCbor([parts[0], parts[1], payload, parts[3]]);
    expectRefused(await verifier().verify(await present(altered)), 'ERR_SIGNATURE', 'signature');
  });

  it('8. ERR_ISSUER_NOT_AUTHORISED: the Jiangsu driving-licence issuer signs an e-ID', async () => {
    const c = await issue(f, f.js, holder, EID, 'checkin', EID_CLAIMS);
    expectRefused(
      await verifier().verify(await present(c.credential)),
      'ERR_ISSUER_NOT_AUTHORISED',
      'authorisation',
    );
  });

  it('9. ERR_REGION_NOT_ACCEPTED: an Anhui e-ID at a Shanghai-only desk', async () => {
    const shOnly = definePolicy({
      name: 'sh-residents',
      docTypes: [EID],
      regions: ['CN-SH'],
      requiredElements: { [EID]: ['name', 'id_number'] },
    });
    const ah = await issue(f, f.ah, holder, EID, 'checkin', EID_CLAIMS);
    const v = verifier({ policy: shOnly });
    expectRefused(await v.verify(await present(ah.credential)), 'ERR_REGION_NOT_ACCEPTED', 'authorisation');
    expect((await v.verify(await present(checkin.credential))).valid).toBe(true);
  });

  it('9b. ERR_POLICY at authorisation: a document type the desk does not take', async () => {
    const dl = await issue(f, f.js, holder, DL, 'traffic', DL_CLAIMS);
    expectRefused(await verifier().verify(await present(dl.credential)), 'ERR_POLICY', 'authorisation');
  });

  it('10. ERR_NOT_YET_VALID: nbf beyond the clock skew', async () => {
    const c = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      notBefore: SEC + 3600,
      expiresAt: SEC + 7200,
    });
    expectRefused(await verifier().verify(await present(c.credential)), 'ERR_NOT_YET_VALID', 'validity');
    // Within the skew (default 60 s) it is valid.
    const soon = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      notBefore: SEC + 30,
      expiresAt: SEC + 7200,
    });
    expect((await verifier().verify(await present(soon.credential))).valid).toBe(true);
    expectRefused(
      await verifier({ clockSkewSeconds: 0 }).verify(await present(soon.credential)),
      'ERR_NOT_YET_VALID',
      'validity',
    );
  });

  it('11. ERR_EXPIRED: the credential exp, and the document valid_until', async () => {
    const old = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      notBefore: SEC - 7200,
      expiresAt: SEC - 3600,
    });
    expectRefused(await verifier().verify(await present(old.credential)), 'ERR_EXPIRED', 'validity');
    // The card's own validity ended yesterday (China time) while the credential is still within exp.
    const card = await issue(f, f.sh, holder, EID, 'checkin', {
      ...EID_CLAIMS,
      valid_from: '2006-11-27',
      valid_until: '2026-11-27',
    });
    const r = await verifier().verify(await present(card.credential));
    expectRefused(r, 'ERR_EXPIRED', 'validity');
    expect(r.errors[0]?.detail).toContain('valid_until');
    // A long-term (长期) card never ends.
    const longTerm = await issue(f, f.sh, holder, EID, 'checkin', {
      ...EID_CLAIMS,
      valid_from: '2006-11-27',
      valid_until: 'long-term',
    });
    expect((await verifier().verify(await present(longTerm.credential))).valid).toBe(true);
  });

  it('12. ERR_HOLDER_SIGNATURE: presented by a device other than the bound one', async () => {
    const thief = await makeHolder(f.crypto);
    expectRefused(
      await verifier().verify(await present(checkin.credential, { key: thief })),
      'ERR_HOLDER_SIGNATURE',
      'holder',
    );
    const sm2Thief = await makeHolder(f.crypto, 'SM2');
    expectRefused(
      await verifier().verify(await present(checkin.credential, { key: sm2Thief })),
      'ERR_HOLDER_SIGNATURE',
      'holder',
    );
  });

  it('13. ERR_STALE_PRESENTATION: older than the window, or from the future', async () => {
    const v = verifier();
    expectRefused(
      await v.verify(await present(checkin.credential, { time: NOW - 121_000 })),
      'ERR_STALE_PRESENTATION',
      'freshness',
    );
    expect((await v.verify(await present(checkin.credential, { time: NOW - 119_000 }))).valid).toBe(true);
    expectRefused(
      await v.verify(await present(checkin.credential, { time: NOW + 61_000 })),
      'ERR_STALE_PRESENTATION',
      'freshness',
    );
    const strict = verifier({ freshnessSeconds: 30 });
    expectRefused(
      await strict.verify(await present(checkin.credential, { time: NOW - 31_000 })),
      'ERR_STALE_PRESENTATION',
      'freshness',
    );
  });

  it('14. ERR_CHALLENGE: missing, wrong or expired answer to the desk challenge', async () => {
    const challenge = createChallenge(
      { audience: 'hotel:310101-0042' },
      { crypto: f.crypto, clock: at(NOW) },
    );
    const v = verifier();
    expectRefused(
      await v.verify(await present(checkin.credential), { challenge }),
      'ERR_CHALLENGE',
      'challenge',
    );
    const wrong = await present(checkin.credential, {
      challenge: { nonce: new Uint8Array(16).fill(1), audience: challenge.audience },
    });
    expectRefused(await v.verify(wrong, { challenge }), 'ERR_CHALLENGE', 'challenge');
    const answer = await present(checkin.credential, {
      challenge: { nonce: challenge.nonce, audience: challenge.audience },
    });
    expect((await v.verify(answer, { challenge })).valid).toBe(true);
    const later = verifier({ clock: at(NOW + 100_000) });
    const oldChallenge = createChallenge(
      { audience: 'hotel:310101-0042', ttlSeconds: 10 },
      { crypto: f.crypto, clock: at(NOW) },
    );
    const lateAnswer = await present(checkin.credential, {
      time: NOW + 100_000,
      challenge: { nonce: oldChallenge.nonce, audience: oldChallenge.audience },
    });
    expectRefused(await later.verify(lateAnswer, { challenge: oldChallenge }), 'ERR_CHALLENGE', 'challenge');
    // A policy that requires the two-step flow refuses a plain presentation.
    const strict = verifier({
      policy: { ...POLICY('hotel-checkin'), name: 'strict', requireChallenge: true },
    });
    expectRefused(await strict.verify(await present(checkin.credential)), 'ERR_CHALLENGE', 'challenge');
  });

  it('15. ERR_AUDIENCE: the challenge answered for another verifier', async () => {
    const challenge = createChallenge(
      { audience: 'hotel:310101-0042' },
      { crypto: f.crypto, clock: at(NOW) },
    );
    const other = await present(checkin.credential, {
      challenge: { nonce: challenge.nonce, audience: 'hotel:320101-0001' },
    });
    expectRefused(await verifier().verify(other, { challenge }), 'ERR_AUDIENCE', 'challenge');
    const named = await present(checkin.credential, {
      challenge: { nonce: new Uint8Array(16).fill(3), audience: 'hotel:320101-0001' },
    });
    expectRefused(
      await verifier({ audience: 'hotel:310101-0042' }).verify(named),
      'ERR_AUDIENCE',
      'challenge',
    );
  });

  it('16. ERR_REPLAY: the same presentation twice inside its window', async () => {
    const v = verifier({ replayCache: createMemoryReplayCache() });
    const text = await present(checkin.credential);
    expect((await v.verify(text)).valid).toBe(true);
    expectRefused(await v.verify(text), 'ERR_REPLAY', 'replay');
    // A fresh presentation of the same credential is fine.
    expect((await v.verify(await present(checkin.credential))).valid).toBe(true);
  });
});

function POLICY(name: PolicyPreset): Policy {
  return verifier({ policy: name }).policy;
}

describe('verify: status', () => {
  let clockMs = NOW;
  const now = () => clockMs;

  async function withStatus(size = 1024) {
    clockMs = NOW;
    const manager = await statusManager(f.crypto, f.sh, now, { size, ttlSeconds: 3600 });
    const status = statusCache(f, [f.sh], now);
    const ref = await manager.allocate({ listId: 1 });
    const c = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      status: { list: 1, index: ref.index },
    });
    const publish = async () => status.add((await manager.publish(1)).token);
    return { manager, status, ref, c, publish };
  }

  it('17. ERR_REVOKED', async () => {
    const { manager, status, ref, c, publish } = await withStatus();
    await publish();
    const v = verifier({ status, clock: now });
    expect((await v.verify(await present(c.credential))).valid).toBe(true);
    await manager.revoke(ref);
    await publish();
    expectRefused(await v.verify(await present(c.credential)), 'ERR_REVOKED', 'status');
  });

  it('18. ERR_SUSPENDED, and accepted again after reinstatement and republication', async () => {
    const { manager, status, ref, c, publish } = await withStatus();
    const v = verifier({ status, clock: now });
    await manager.suspend(ref);
    await publish();
    expectRefused(await v.verify(await present(c.credential)), 'ERR_SUSPENDED', 'status');
    await manager.reinstate(ref);
    clockMs += 1000; // the republished token must be newer (iat) than the held one
    await publish();
    const r = await v.verify(await present(c.credential, { time: clockMs }));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('19. ERR_STATUS_UNAVAILABLE: no list held, under reject / warn / accept', async () => {
    const { status, c } = await withStatus();
    const text = await present(c.credential);
    expectRefused(await verifier({ status }).verify(text), 'ERR_STATUS_UNAVAILABLE', 'status');
    // Without any status cache it is the same.
    expectRefused(await verifier().verify(text), 'ERR_STATUS_UNAVAILABLE', 'status');
    const warn = await verifier({
      status,
      policy: { ...POLICY('hotel-checkin'), statusUnavailable: 'warn' },
    }).verify(text);
    expect(warn.valid).toBe(true);
    expect(warn.warnings.map((w) => w.code)).toEqual(['ERR_STATUS_UNAVAILABLE']);
    expect(warn.warnings[0]?.message).toEqual(MESSAGES.ERR_STATUS_UNAVAILABLE);
    const accept = await verifier({
      status,
      policy: { ...POLICY('hotel-checkin'), statusUnavailable: 'accept' },
    }).verify(text);
    expect(accept.valid).toBe(true);
    expect(accept.warnings).toEqual([]);
  });

  it('20. ERR_STATUS_STALE: list older than its ttl, under reject / warn / accept', async () => {
    const { status, c, publish } = await withStatus();
    await publish();
    clockMs = NOW + 2 * 3600_000; // past ttl (1 h), before exp (7 days)
    const text = await present(c.credential, { time: clockMs });
    const policy = (statusUnavailable: 'reject' | 'warn' | 'accept') =>
      verifier({ status, clock: now, policy: { ...POLICY('hotel-checkin'), statusUnavailable } });
    expectRefused(await policy('reject').verify(text), 'ERR_STATUS_STALE', 'status');
    const warn = await policy('warn').verify(text);
    expect(warn.valid).toBe(true);
    expect(warn.warnings.map((w) => w.code)).toEqual(['ERR_STATUS_STALE']);
    const accept = await policy('accept').verify(text);
    expect(accept.valid).toBe(true);
    expect(accept.warnings).toEqual([]);
  });

  it('20b. a cache with its own lenient policy does not override the desk policy', async () => {
    clockMs = NOW;
    const manager = await statusManager(f.crypto, f.sh, now);
    const ref = await manager.allocate({ listId: 1 });
    const c = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, {
      status: { list: 1, index: ref.index },
    });
    const lenient = createStatusCache({
      crypto: f.crypto,
      key: f.sh.publicKey,
      now: () => new Date(clockMs),
      policy: { unavailable: 'accept', stale: 'accept' },
    });
    expectRefused(
      await verifier({ status: lenient }).verify(await present(c.credential)),
      'ERR_STATUS_UNAVAILABLE',
      'status',
    );
  });

  it('21. ERR_STATUS_INDEX: an index outside the published list', async () => {
    const { status, publish } = await withStatus(1024);
    await publish();
    const c = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, { status: { list: 1, index: 5000 } });
    expectRefused(
      await verifier({ status }).verify(await present(c.credential)),
      'ERR_STATUS_INDEX',
      'status',
    );
    // An index even the lenient policy cannot excuse.
    expectRefused(
      await verifier({ status, policy: { ...POLICY('hotel-checkin'), statusUnavailable: 'accept' } }).verify(
        await present(c.credential),
      ),
      'ERR_STATUS_INDEX',
      'status',
    );
  });

  it('21b. a list number the issuer entry does not map is unavailable', async () => {
    const { status, publish } = await withStatus();
    await publish();
    const c = await issue(f, f.sh, holder, EID, 'checkin', EID_CLAIMS, { status: { list: 7, index: 1 } });
    expectRefused(
      await verifier({ status }).verify(await present(c.credential)),
      'ERR_STATUS_UNAVAILABLE',
      'status',
    );
  });
});

describe('verify: policy', () => {
  it('22. ERR_POLICY: a check-in desk given an age-only credential (name missing)', async () => {
    const age = await issue(f, f.sh, holder, EID, 'age', EID_CLAIMS);
    const r = await verifier().verify(await present(age.credential));
    expectRefused(r, 'ERR_POLICY', 'policy');
    expect(r.errors[0]?.detail).toBe('element name is required');
  });

  it('23. car-rental: a C2-only licence is refused, C1 and A1 (implies C1) accepted', async () => {
    const rental = verifier({ policy: 'car-rental' });
    const licence = async (classes: string) =>
      present((await issue(f, f.js, holder, DL, 'traffic', { ...DL_CLAIMS, classes })).credential);
    const r = await rental.verify(await licence('C2'));
    expectRefused(r, 'ERR_POLICY', 'policy');
    expect(r.errors[0]?.detail).toContain('C1');
    expect((await rental.verify(await licence('C1'))).valid).toBe(true);
    const a1 = await rental.verify(await licence('A1'));
    expect(a1.valid).toBe(true);
    expect(a1.claims?.classes).toBe('A1');
    expect((await rental.verify(await licence('D'))).valid).toBe(false);
    // Status other than 正常 (A) is refused for rental, shown (accepted) at a traffic stop.
    const suspended = await present(
      (await issue(f, f.js, holder, DL, 'traffic', { ...DL_CLAIMS, status: 'D' })).credential,
    );
    expectRefused(await rental.verify(suspended), 'ERR_POLICY', 'policy');
    const stop = await verifier({ policy: 'traffic-stop' }).verify(suspended);
    expect(stop.valid).toBe(true);
    expect(stop.claims?.status).toBe('D');
  });

  it('24. age-18: age_over_18 false is refused, true accepted', async () => {
    const minorId = idNumber('31011520100307123');
    const minor = await issue(f, f.sh, holder, EID, 'age', {
      ...EID_CLAIMS,
      birth_date: '2010-03-07',
      id_number: minorId,
      valid_from: '2020-05-01',
      valid_until: '2030-05-01',
    });
    const v = verifier({ policy: 'age-18' });
    const r = await v.verify(await present(minor.credential));
    expectRefused(r, 'ERR_POLICY', 'policy');
    expect(r.errors[0]?.detail).toBe('element age_over_18 must be true');
    const adult = await issue(f, f.sh, holder, EID, 'age', EID_CLAIMS);
    const ok = await v.verify(await present(adult.credential));
    expect(ok.valid).toBe(true);
    expect(ok.claims).toEqual({ valid_until: '2040-05-01', age_over_18: true, age_over_60: false });
  });

  it('definePolicy refuses malformed policies at creation (misuse throws)', () => {
    const base = { name: 'p', docTypes: [EID], regions: 'all', requiredElements: {} } as const;
    const bad: unknown[] = [
      { ...base, name: '' },
      { ...base, docTypes: [] },
      { ...base, docTypes: ['org.iso.18013.5.1.mDL'] },
      { ...base, regions: ['CN-BJ'] },
      { ...base, regions: [] },
      { ...base, requiredElements: { [DL]: ['name'] } },
      { ...base, requiredElements: { [EID]: [1] } },
      { ...base, requiredElements: { [EID]: ['no_such_element'] } },
      { ...base, requiredClass: ['Z9'] },
      { ...base, statusUnavailable: 'maybe' },
    ];
    for (const p of bad) {
      expect(() => definePolicy(p as Policy), JSON.stringify(p)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
    expect(() =>
      createVerifier({ trust: f.trust, policy: 'no-such' as PolicyPreset, clock: at(NOW), crypto: f.crypto }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => verifier({ freshnessSeconds: 0 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() => verifier({ clockSkewSeconds: -1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(definePolicy({ ...base, regions: ['CN-SH'] }).regions).toEqual(['CN-SH']);
  });
});

describe('verify: every document type from every region under the presets', () => {
  it('accepts e-ID (hotel-checkin), driving and vehicle licences (traffic-stop) from SH, JS, ZJ, AH', async () => {
    const { makeFullFederation } = await import('./pipeline-fixtures.js');
    const full = await makeFullFederation(f.crypto);
    const plates = { 'CN-SH': '沪A12345', 'CN-JS': '苏A12345', 'CN-ZJ': '浙A12345', 'CN-AH': '皖A12345' };
    const hotel = createVerifier({
      trust: full.trust,
      policy: 'hotel-checkin',
      clock: at(NOW),
      crypto: f.crypto,
    });
    const traffic = createVerifier({
      trust: full.trust,
      policy: 'traffic-stop',
      clock: at(NOW),
      crypto: f.crypto,
    });
    let accepted = 0;
    for (const { region, docType, issuer } of full.issuers) {
      const [purpose, claims, v] =
        docType === EID
          ? (['checkin', EID_CLAIMS, hotel] as const)
          : docType === DL
            ? (['traffic', DL_CLAIMS, traffic] as const)
            : (['traffic', { ...VL_CLAIMS, plate_number: plates[region] }, traffic] as const);
      for (const holderAlg of ['ES256', 'EdDSA', 'SM2'] as const) {
        const h = await makeHolder(f.crypto, holderAlg);
        const c = await issueCompact(
          { docType, purpose, claims, holderKey: h.publicKey },
          { issuer: issuer.identity, crypto: f.crypto, clock: at(NOW) },
        );
        const r = await v.verify(await present(c.credential, { key: h }));
        expect(r.errors, `${region} ${docType} holder ${holderAlg}`).toEqual([]);
        expect(r.valid).toBe(true);
        expect(r.docType).toBe(docType);
        expect(r.issuer?.region).toBe(region);
        if (docType === VL) expect(r.claims?.plate_number).toBe(plates[region]);
        accepted++;
      }
      // And the other desk refuses it as a document type it does not take.
      const other = v === hotel ? traffic : hotel;
      const c = await issueCompact(
        { docType, purpose, claims, holderKey: holder.publicKey },
        { issuer: issuer.identity, crypto: f.crypto, clock: at(NOW) },
      );
      expectRefused(await other.verify(await present(c.credential)), 'ERR_POLICY', 'authorisation');
    }
    expect(accepted).toBe(36);
  });
});
