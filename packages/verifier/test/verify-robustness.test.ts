/**
 * Robustness of `verify`: random corruption of a valid QR text never verifies and never throws (property test);
 * concurrent calls give the same results as sequential ones; every code the pipeline can report has its bilingual
 * message; the portable provider (no WebCrypto) verifies what the native one issued.
 */
import { decodeBase45, type ErrorCode, encodeBase45 } from '@deltaid/core';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { createStaticRegistry } from '@deltaid/trust';
import { parseVerifierChallenge, presentCompact } from '@deltaid/wallet';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createChallenge,
  createMemoryReplayCache,
  createVerifier,
  MESSAGES,
  messageFor,
  parseChallenge,
} from '../src/index.js';
import {
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  type Holder,
  issue,
  makeFederation,
  makeHolder,
  NOW,
  VL_CLAIMS,
} from './fixtures.js';

const at = (ms: number) => () => ms;
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

let f: Federation;
let holder: Holder;
let texts: { eid: string; dl: string; vl: string };

beforeAll(async () => {
  f = await makeFederation();
  holder = await makeHolder(f.crypto);
  const show = async (c: Uint8Array) =>
    (
      await presentCompact(
        { credential: c },
        { deviceKey: holder.deviceKey, crypto: f.crypto, clock: at(NOW) },
      )
    ).text;
  texts = {
    eid: await show((await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS)).credential),
    dl: await show((await issue(f, f.js, holder, 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS)).credential),
    vl: await show((await issue(f, f.zj, holder, 'cn.gov.mps.vl.1', 'full', VL_CLAIMS)).credential),
  };
});

// Replay is off here on purpose: these tests verify the same texts many times to compare results.
const hotel = () =>
  createVerifier({
    trust: f.trust,
    policy: 'hotel-checkin',
    clock: at(NOW),
    crypto: f.crypto,
    replayCache: 'none',
  });
const traffic = () =>
  createVerifier({
    trust: f.trust,
    policy: 'traffic-stop',
    clock: at(NOW),
    crypto: f.crypto,
    replayCache: 'none',
  });

describe('verify never accepts a corrupted QR text and never throws', () => {
  it('the originals verify (so the properties below are not vacuous)', async () => {
    expect((await hotel().verify(texts.eid)).valid).toBe(true);
    expect((await traffic().verify(texts.dl)).valid).toBe(true);
    expect((await traffic().verify(texts.vl)).valid).toBe(true);
  });

  it('one character changed anywhere (prefix included)', async () => {
    const v = hotel();
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: texts.eid.length - 1 }),
        fc.constantFrom(...BASE45, 'a', 'ü', '张', '\u0000'),
        async (i, ch) => {
          fc.pre(texts.eid[i] !== ch);
          const mutated = texts.eid.slice(0, i) + ch + texts.eid.slice(i + 1);
          const r = await v.verify(mutated);
          expect(r.valid).toBe(false);
          expect(r.errors).toHaveLength(1);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('one bit flipped anywhere in the presentation bytes (re-encoded as valid base45)', async () => {
    for (const [text, v] of [
      [texts.eid, hotel()],
      [texts.dl, traffic()],
      [texts.vl, traffic()],
    ] as const) {
      const bytes = decodeBase45(text.slice(5));
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), fc.nat({ max: 7 }), async (i, bit) => {
          const flipped = bytes.slice();
          flipped[i]! ^= 1 << bit;
          const r = await v.verify(`YRD1:${encodeBase45(flipped)}`);
          expect(r.valid).toBe(false);
          expect(r.errors).toHaveLength(1);
          // Raw bytes take the same path after base45.
          expect((await v.verify(flipped)).valid).toBe(false);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('random bytes replacing a random slice, truncation and garbage', async () => {
    const v = hotel();
    const bytes = decodeBase45(texts.eid.slice(5));
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: bytes.length - 1 }),
        fc.uint8Array({ minLength: 0, maxLength: 40 }),
        fc.nat({ max: 40 }),
        async (i, junk, drop) => {
          const mutated = new Uint8Array([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i + drop)]);
          fc.pre(!mutated.every((b, k) => b === bytes[k]) || mutated.length !== bytes.length);
          const r = await v.verify(`YRD1:${encodeBase45(mutated)}`);
          expect(r.valid).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (s) => {
        expect((await v.verify(s)).valid).toBe(false);
        expect((await v.verify(`YRD1:${s}`)).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('verify with input of the wrong type', () => {
  it('answers with data, never an exception', async () => {
    const v = hotel();
    for (const input of [undefined, null, 42, {}, [], new Uint8Array(0), new Uint8Array(9000)]) {
      const r = await v.verify(input as unknown as string);
      expect(r.valid).toBe(false);
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]?.check).toBe('decode');
    }
  });
});

describe('concurrency', () => {
  it('many verify() calls in parallel give the same results as one at a time', async () => {
    const v = hotel();
    const thief = await makeHolder(f.crypto);
    const stolen = (
      await presentCompact(
        { credential: (await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS)).credential },
        { deviceKey: thief.deviceKey, crypto: f.crypto, clock: at(NOW) },
      )
    ).text;
    const ah = (
      await presentCompact(
        { credential: (await issue(f, f.ah, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS)).credential },
        { deviceKey: holder.deviceKey, crypto: f.crypto, clock: at(NOW) },
      )
    ).text;
    const inputs = [texts.eid, texts.dl, stolen, ah, 'YRD1:%%%', `${texts.eid.slice(0, -2)}00`];
    const sequential = [];
    for (const input of inputs) sequential.push(await v.verify(input));
    expect(sequential.map((r) => r.valid)).toEqual([true, false, false, true, false, false]);
    const order = Array.from({ length: 300 }, (_, i) => (i * 7) % inputs.length);
    const parallel = await Promise.all(order.map((k) => v.verify(inputs[k]!)));
    for (const [i, r] of parallel.entries()) expect(r).toEqual(sequential[order[i]!]);
  });

  it('with a replay cache, exactly one of many simultaneous uses of one code is accepted', async () => {
    const v = createVerifier({
      trust: f.trust,
      policy: 'hotel-checkin',
      clock: at(NOW),
      crypto: f.crypto,
      replayCache: createMemoryReplayCache(),
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => v.verify(texts.eid)));
    expect(results.filter((r) => r.valid)).toHaveLength(1);
    expect(results.filter((r) => r.errors[0]?.code === 'ERR_REPLAY')).toHaveLength(49);
  });
});

describe('bilingual messages', () => {
  const PIPELINE_CODES: readonly ErrorCode[] = [
    'ERR_QR_PREFIX',
    'ERR_BASE45',
    'ERR_INFLATE',
    'ERR_INFLATE_LIMIT',
    'ERR_CBOR',
    'ERR_CBOR_LIMIT',
    'ERR_STRUCTURE',
    'ERR_UNKNOWN_ISSUER',
    'ERR_ISSUER_KEY_RETIRED',
    'ERR_ISSUER_KEY_COMPROMISED',
    'ERR_TRUST_LIST_STALE',
    'ERR_SIGNATURE',
    'ERR_ISSUER_NOT_AUTHORISED',
    'ERR_REGION_NOT_ACCEPTED',
    'ERR_NOT_YET_VALID',
    'ERR_EXPIRED',
    'ERR_HOLDER_SIGNATURE',
    'ERR_STALE_PRESENTATION',
    'ERR_CHALLENGE',
    'ERR_AUDIENCE',
    'ERR_REPLAY',
    'ERR_REVOKED',
    'ERR_SUSPENDED',
    'ERR_STATUS_UNKNOWN',
    'ERR_STATUS_UNAVAILABLE',
    'ERR_STATUS_STALE',
    'ERR_STATUS_INDEX',
    'ERR_POLICY',
  ];
  it('every code the pipeline reports has its own Chinese and English message', () => {
    const fallback = messageFor('ERR_INTERNAL' as ErrorCode);
    for (const code of PIPELINE_CODES) {
      const m = MESSAGES[code];
      expect(m, code).toBeDefined();
      expect(m?.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(m?.en, code).toMatch(/^[A-Z][^\u4e00-\u9fff]+\.$/);
      expect(messageFor(code)).toBe(m);
      expect(m).not.toEqual(fallback);
    }
  });
});

describe('the portable provider (no WebCrypto, no node:crypto)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('verifies ES256, SM2 and EdDSA issuers with ES256, EdDSA and SM2 holders', async () => {
    const portable = createPortableCrypto();
    const trust = createStaticRegistry([f.sh.entry, f.js.entry, f.zj.entry, f.ah.entry], {
      crypto: portable,
    });
    const cases = [
      [f.sh, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS, 'hotel-checkin'],
      [f.js, 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS, 'traffic-stop'],
      [f.zj, 'cn.gov.mps.vl.1', 'full', VL_CLAIMS, 'traffic-stop'],
    ] as const;
    const prepared: { text: string; policy: 'hotel-checkin' | 'traffic-stop'; thief: string }[] = [];
    for (const [issuer, docType, purpose, claims, policy] of cases) {
      for (const alg of ['ES256', 'EdDSA', 'SM2'] as const) {
        const h = await makeHolder(f.crypto, alg);
        const { credential } = await issue(f, issuer, h, docType, purpose, claims);
        const show = async (key: Holder) =>
          (
            await presentCompact(
              { credential },
              { deviceKey: key.deviceKey, crypto: f.crypto, clock: at(NOW) },
            )
          ).text;
        prepared.push({ text: await show(h), policy, thief: await show(await makeHolder(f.crypto, alg)) });
      }
    }
    // From here on there is no WebCrypto at all: the portable provider must not need it to verify.
    vi.stubGlobal('crypto', undefined);
    expect(globalThis.crypto).toBeUndefined();
    for (const { text, policy, thief } of prepared) {
      const v = createVerifier({ trust, policy, clock: at(NOW), crypto: portable });
      const r = await v.verify(text);
      expect(r.errors, policy).toEqual([]);
      expect(r.valid).toBe(true);
      expect((await v.verify(thief)).errors[0]?.code).toBe('ERR_HOLDER_SIGNATURE');
    }
  });
});

describe('two-step flow with the wallet', () => {
  it('the wallet reads the desk challenge QR, answers it, and the desk accepts the answer once', async () => {
    const challenge = createChallenge(
      { audience: 'hotel:310101-0042' },
      { crypto: f.crypto, clock: at(NOW) },
    );
    expect(challenge.text.startsWith('YRDC1:')).toBe(true);
    const scanned = parseVerifierChallenge(challenge.text);
    expect(parseChallenge(challenge.text)).toEqual(scanned);
    expect(scanned).toEqual({
      nonce: challenge.nonce,
      audience: 'hotel:310101-0042',
      expiresAt: challenge.expiresAt,
    });
    const { credential } = await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential, challenge: scanned },
      { deviceKey: holder.deviceKey, crypto: f.crypto, clock: at(NOW + 5000) },
    );
    const v = createVerifier({
      trust: f.trust,
      policy: 'hotel-checkin',
      clock: at(NOW + 6000),
      crypto: f.crypto,
      audience: 'hotel:310101-0042',
      replayCache: createMemoryReplayCache(),
    });
    const r = await v.verify(text, { challenge });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect((await v.verify(text, { challenge })).errors[0]?.code).toBe('ERR_REPLAY');
    expect(() => parseChallenge('YRD1:')).toThrow(expect.objectContaining({ code: 'ERR_QR_PREFIX' }));
    expect(() => createChallenge({ audience: '' }, { crypto: f.crypto, clock: at(NOW) })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
    expect(() =>
      createChallenge({ audience: 'a', ttlSeconds: 0 }, { crypto: f.crypto, clock: at(NOW) }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});
