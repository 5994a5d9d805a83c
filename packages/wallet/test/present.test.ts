import { decodePresentation, type PublicKeyHandle, verifyPresentationSignatures } from '@deltaid/core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CredentialStorage,
  createMemoryCredentialStorage,
  type DeviceKey,
  generateDeviceKey,
  importCredential,
  type PresentationRequest,
  parseVerifierChallenge,
  presentCredential,
  selectCredential,
} from '../src/index.js';
import {
  challengeText,
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  issue,
  MINOR_EID_CLAIMS,
  makeFederation,
  NOW,
  NOW_S,
  VL_CLAIMS,
} from './fixtures.js';

let f: Federation;
let deviceKey: DeviceKey;
let storage: CredentialStorage;
const ids: Record<string, string> = {};
const clock = () => NOW;

async function put(name: string, bytes: Promise<Uint8Array>, into = storage, key = deviceKey) {
  const s = await importCredential(await bytes, {
    storage: into,
    deviceKey: key,
    trust: f.trust,
    crypto: f.crypto,
    clock,
  });
  ids[name] = s.id;
  return s;
}

beforeAll(async () => {
  f = await makeFederation();
  deviceKey = await generateDeviceKey({}, { crypto: f.crypto });
  storage = createMemoryCredentialStorage();
  const E = 'cn.gov.mps.eid.1' as const;
  const D = 'cn.gov.mps.dl.1' as const;
  // Imported in an order that puts the more disclosing credential first, so order cannot explain the choice.
  await put('eidFull', issue(f, f.sh, deviceKey, E, 'full', EID_CLAIMS));
  await put('eidCheckin', issue(f, f.sh, deviceKey, E, 'checkin', EID_CLAIMS));
  await put('eidAge', issue(f, f.sh, deviceKey, E, 'age', EID_CLAIMS));
  await put('dlFull', issue(f, f.js, deviceKey, D, 'full', DL_CLAIMS));
  await put('dlTraffic', issue(f, f.js, deviceKey, D, 'traffic', DL_CLAIMS));
  await put('vl', issue(f, f.zj, deviceKey, 'cn.gov.mps.vl.1', 'full', VL_CLAIMS));
});

async function pick(request: PresentationRequest, s = storage, at = clock): Promise<string> {
  return (await selectCredential(request, { storage: s, clock: at })).id;
}

describe('selectCredential: least disclosure', () => {
  it('hotel-checkin picks the e-ID check-in credential, not the full one', async () => {
    expect(await pick({ purpose: 'hotel-checkin' })).toBe(ids.eidCheckin);
  });
  it('age-18 picks the age credential', async () => {
    expect(await pick({ purpose: 'age-18' })).toBe(ids.eidAge);
  });
  it('traffic-stop and car-rental pick the driving licence traffic credential', async () => {
    expect(await pick({ purpose: 'traffic-stop' })).toBe(ids.dlTraffic);
    expect(await pick({ purpose: 'car-rental' })).toBe(ids.dlTraffic);
  });
  it('an element list picks the covering credential with the fewest extra elements', async () => {
    expect(await pick({ elements: ['name', 'address'] })).toBe(ids.eidCheckin);
    expect(await pick({ elements: ['age_over_60'] })).toBe(ids.eidAge);
    expect(await pick({ elements: ['name', 'licence_number'] })).toBe(ids.dlTraffic);
    expect(await pick({ elements: ['issuing_authority', 'id_number'] })).toBe(ids.eidFull);
    expect(await pick({ elements: ['name', 'address'], docTypes: ['cn.gov.mps.dl.1'] })).toBe(ids.dlFull);
    expect(await pick({ elements: ['vin'] })).toBe(ids.vl);
  });
  it('falls back to the full credential when the lean one is missing or expired', async () => {
    const s = createMemoryCredentialStorage();
    await put('fullOnly', issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'full', EID_CLAIMS), s);
    await put(
      'shortCheckin',
      issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS, { expiresAt: NOW_S + 60 }),
      s,
    );
    expect(await pick({ purpose: 'hotel-checkin' }, s)).toBe(ids.shortCheckin);
    expect(await pick({ purpose: 'hotel-checkin' }, s, () => NOW + 120_000)).toBe(ids.fullOnly);
  });
  it('refuses with ERR_POLICY when nothing satisfies the request', async () => {
    const s = createMemoryCredentialStorage();
    await put('onlyFull', issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'full', EID_CLAIMS), s);
    // A full e-ID carries no age_over_18 (derived elements are only in the age set).
    await expect(pick({ purpose: 'age-18' }, s)).rejects.toMatchObject({ code: 'ERR_POLICY' });
    await expect(pick({ purpose: 'traffic-stop' }, s)).rejects.toMatchObject({ code: 'ERR_POLICY' });
    await expect(pick({ elements: ['portrait'] }, s)).rejects.toMatchObject({ code: 'ERR_POLICY' });
    await expect(pick({ purpose: 'hotel-checkin' }, createMemoryCredentialStorage())).rejects.toMatchObject({
      code: 'ERR_POLICY',
    });
  });
  it('traffic-stop also takes a vehicle licence; car-rental requires status A and a class implying C1', async () => {
    const s = createMemoryCredentialStorage();
    await put('vlOnly', issue(f, f.zj, deviceKey, 'cn.gov.mps.vl.1', 'full', VL_CLAIMS), s);
    expect(await pick({ purpose: 'traffic-stop' }, s)).toBe(ids.vlOnly);
    const D = 'cn.gov.mps.dl.1' as const;
    await put('dlC2', issue(f, f.js, deviceKey, D, 'traffic', { ...DL_CLAIMS, classes: 'C2' }), s);
    await put('dlSuspended', issue(f, f.js, deviceKey, D, 'traffic', { ...DL_CLAIMS, status: 'D' }), s);
    await expect(pick({ purpose: 'car-rental' }, s)).rejects.toMatchObject({ code: 'ERR_POLICY' });
    await put('dlA1', issue(f, f.js, deviceKey, D, 'traffic', { ...DL_CLAIMS, classes: 'A1' }), s);
    expect(await pick({ purpose: 'car-rental' }, s)).toBe(ids.dlA1);
  });

  it('age-18 refuses a minor: age_over_18 must be true', async () => {
    const s = createMemoryCredentialStorage();
    await put('minor', issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'age', MINOR_EID_CLAIMS), s);
    await expect(pick({ purpose: 'age-18' }, s)).rejects.toMatchObject({ code: 'ERR_POLICY' });
    expect(await pick({ elements: ['age_over_18'] }, s)).toBe(ids.minor);
  });
  it('refuses malformed requests', async () => {
    for (const bad of [
      { purpose: 'casino' },
      { elements: [] },
      { elements: [''] },
      { elements: ['name'], docTypes: [] },
      null,
    ]) {
      await expect(pick(bad as unknown as PresentationRequest)).rejects.toMatchObject({
        code: 'ERR_INVALID_ARGUMENT',
      });
    }
  });
});

async function verified(text: string, issuerKey: PublicKeyHandle) {
  const p = await decodePresentation(text);
  const r = await verifyPresentationSignatures(p, { issuerKey, crypto: f.crypto });
  return { p, r };
}

describe('presentCredential', () => {
  it('presents the least-disclosing credential for a purpose; the presentation verifies', async () => {
    const { credential, presentation } = await presentCredential(
      { request: { purpose: 'hotel-checkin' } },
      { storage, deviceKey, crypto: f.crypto, clock },
    );
    expect(credential.id).toBe(ids.eidCheckin);
    expect(presentation.text.startsWith('YRD1:')).toBe(true);
    const { p, r } = await verified(presentation.text, f.sh.publicKey);
    expect(r.ok).toBe(true);
    expect(p.time).toBe(NOW_S);
    expect(p.credential.purpose).toBe('checkin');
    expect(p.credential.elements.name).toBe('张三丰');
    expect(p.audience).toBeUndefined();
  });

  it('answers a scanned verifier challenge: nonce and audience are signed in', async () => {
    const nonce = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
    const text = challengeText(nonce, 'hotel:310101-0042', NOW_S + 120);
    expect(parseVerifierChallenge(text)).toEqual({
      nonce,
      audience: 'hotel:310101-0042',
      expiresAt: NOW_S + 120,
    });
    const { presentation } = await presentCredential(
      { request: { purpose: 'traffic-stop' }, challenge: text },
      { storage, deviceKey, crypto: f.crypto, clock },
    );
    const { p, r } = await verified(presentation.text, f.js.publicKey);
    expect(r.ok).toBe(true);
    expect(p.challenge).toEqual(nonce);
    expect(p.audience).toBe('hotel:310101-0042');
  });

  it('refuses an expired challenge (ERR_CHALLENGE) and unreadable ones with typed codes', async () => {
    const nonce = new Uint8Array(16).fill(7);
    const ctx = { storage, deviceKey, crypto: f.crypto, clock };
    await expect(
      presentCredential(
        { request: { purpose: 'age-18' }, challenge: challengeText(nonce, 'desk', NOW_S - 1) },
        ctx,
      ),
    ).rejects.toMatchObject({ code: 'ERR_CHALLENGE' });
    expect(() => parseVerifierChallenge('YRD1:ABC')).toThrow(
      expect.objectContaining({ code: 'ERR_QR_PREFIX' }),
    );
    expect(() => parseVerifierChallenge('YRDC2:ABC')).toThrow(
      expect.objectContaining({ code: 'ERR_QR_PREFIX' }),
    );
    expect(() => parseVerifierChallenge('YRDC1:a')).toThrow(expect.objectContaining({ code: 'ERR_BASE45' }));
    expect(() => parseVerifierChallenge(challengeText(new Uint8Array(8), 'desk', NOW_S))).toThrow(
      expect.objectContaining({ code: 'ERR_STRUCTURE' }),
    );
    expect(() => parseVerifierChallenge(challengeText(nonce, '', NOW_S))).toThrow(
      expect.objectContaining({ code: 'ERR_STRUCTURE' }),
    );
  });

  it('presents by credential id, and refuses unknown, expired, or ambiguous input', async () => {
    const ctx = { storage, deviceKey, crypto: f.crypto, clock };
    const { credential, presentation } = await presentCredential({ credentialId: ids.vl! }, ctx);
    expect(credential.docType).toBe('cn.gov.mps.vl.1');
    expect((await verified(presentation.text, f.zj.publicKey)).r.ok).toBe(true);
    await expect(presentCredential({ credentialId: '00' }, ctx)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(
      presentCredential({ credentialId: ids.vl!, request: { purpose: 'age-18' } } as never, ctx),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(presentCredential({} as never, ctx)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    const later = { ...ctx, clock: () => NOW + 400 * 24 * 3600 * 1000 };
    await expect(presentCredential({ credentialId: ids.vl! }, later)).rejects.toMatchObject({
      code: 'ERR_EXPIRED',
    });
  });

  it('works end to end with SM2 and EdDSA device keys', async () => {
    for (const alg of ['SM2', 'EdDSA'] as const) {
      const key = await generateDeviceKey({ alg }, { crypto: f.crypto });
      const s = createMemoryCredentialStorage();
      await put(`${alg}-age`, issue(f, f.ah, key, 'cn.gov.mps.eid.1', 'age', EID_CLAIMS), s, key);
      const { presentation } = await presentCredential(
        { request: { purpose: 'age-18' } },
        { storage: s, deviceKey: key, crypto: f.crypto, clock },
      );
      const { p, r } = await verified(presentation.text, f.ah.publicKey);
      expect(r.ok).toBe(true);
      expect(p.credential.holderKey.alg).toBe(alg);
      expect(p.credential.elements).toEqual({
        valid_until: '2040-05-01',
        age_over_18: true,
        age_over_60: false,
      });
    }
  });
});
