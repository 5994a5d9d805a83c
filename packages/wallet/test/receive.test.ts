import { DeltaIdError } from '@deltaid/core';
import { createStaticRegistry } from '@deltaid/trust';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CredentialStorage,
  createMemoryCredentialStorage,
  type DeviceKey,
  deleteCredential,
  generateDeviceKey,
  type ImportCredentialContext,
  importCredential,
  inspectCredential,
  listCredentials,
} from '../src/index.js';
import {
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  issue,
  makeFederation,
  makeIssuer,
  NOW,
  NOW_S,
  VL_CLAIMS,
} from './fixtures.js';

let f: Federation;
let deviceKey: DeviceKey;

beforeAll(async () => {
  f = await makeFederation();
  deviceKey = await generateDeviceKey({}, { crypto: f.crypto });
});

type Ctx = ImportCredentialContext & { readonly storage: CredentialStorage };

function ctx(over: Partial<Omit<ImportCredentialContext, 'storage'>> = {}): Ctx {
  return {
    storage: createMemoryCredentialStorage(),
    deviceKey,
    trust: f.trust,
    crypto: f.crypto,
    clock: () => NOW,
    ...over,
  };
}

describe('importCredential: receive', () => {
  it('stores a credential bound to this device and signed by a trusted issuer', async () => {
    const c = ctx();
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const summary = await importCredential(credential, c);
    expect(summary).toMatchObject({
      docType: 'cn.gov.mps.eid.1',
      docTypeLabel: { zh: '居民身份证', en: 'Resident identity card' },
      purpose: 'checkin',
      purposeLabel: { zh: '住宿登记', en: 'check-in' },
      issuer: { id: f.sh.entry.issuerId, region: 'CN-SH', name: f.sh.entry.name },
      issuedAt: NOW_S,
      receivedAt: NOW_S,
    });
    expect(summary.id).toMatch(/^[0-9a-f]{16}$/);
    expect(summary.elementIds).toEqual([
      'name',
      'sex',
      'ethnicity',
      'birth_date',
      'id_number',
      'address',
      'valid_from',
      'valid_until',
    ]);
    const stored = await c.storage.get(summary.id);
    expect(stored?.credential).toEqual(credential);
  });

  it('refuses a credential issued to another holder (ERR_NOT_HOLDER) and stores nothing', async () => {
    const c = ctx();
    const someoneElse = await generateDeviceKey({}, { crypto: f.crypto });
    const credential = await issue(f, f.sh, someoneElse, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    await expect(importCredential(credential, c)).rejects.toMatchObject({ code: 'ERR_NOT_HOLDER' });
    expect(await c.storage.list()).toEqual([]);
  });

  it('compares the algorithm too: same-shaped key of another curve is not ours', async () => {
    const c = ctx();
    const sm2 = await generateDeviceKey({ alg: 'SM2' }, { crypto: f.crypto });
    const credential = await issue(f, f.sh, sm2, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    await expect(importCredential(credential, c)).rejects.toMatchObject({ code: 'ERR_NOT_HOLDER' });
  });

  it('refuses an issuer the trust registry does not know (ERR_UNKNOWN_ISSUER)', async () => {
    const c = ctx();
    const rogue = await makeIssuer(f.crypto, 'CN-SH', 'ES256', ['cn.gov.mps.eid.1']);
    const credential = await issue(f, rogue, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    await expect(importCredential(credential, c)).rejects.toMatchObject({ code: 'ERR_UNKNOWN_ISSUER' });
    expect(await c.storage.list()).toEqual([]);
  });

  it('refuses a credential whose issuer signature does not verify (ERR_SIGNATURE)', async () => {
    const c = ctx();
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const tampered = credential.slice();
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    await expect(importCredential(tampered, c)).rejects.toMatchObject({ code: 'ERR_SIGNATURE' });
    expect(await c.storage.list()).toEqual([]);
  });

  it('refuses an issuer not authorised for the document type', async () => {
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS);
    await expect(importCredential(credential, ctx())).rejects.toMatchObject({
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
  });

  it('refuses a compromised issuer key', async () => {
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const trust = createStaticRegistry(
      [{ ...f.sh.entry, status: { state: 'compromised', at: NOW_S - 10 } }],
      {
        crypto: f.crypto,
      },
    );
    await expect(importCredential(credential, ctx({ trust }))).rejects.toMatchObject({
      code: 'ERR_ISSUER_KEY_COMPROMISED',
    });
  });

  it('refuses an expired credential (ERR_EXPIRED)', async () => {
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS, {
      expiresAt: NOW_S + 60,
    });
    await expect(importCredential(credential, ctx({ clock: () => NOW + 61_000 }))).rejects.toMatchObject({
      code: 'ERR_EXPIRED',
    });
    // One second before expiry it is accepted.
    await expect(importCredential(credential, ctx({ clock: () => NOW + 59_000 }))).resolves.toMatchObject({
      expiresAt: NOW_S + 60,
    });
  });

  it('refuses bytes that are not a compact credential with a typed code', async () => {
    const c = ctx();
    await expect(importCredential(new Uint8Array(), c)).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    await expect(importCredential(Uint8Array.of(0xff, 0x00), c)).rejects.toBeInstanceOf(DeltaIdError);
    await expect(importCredential(Uint8Array.of(0x84, 0x40, 0xa0, 0x40, 0x40), c)).rejects.toMatchObject({
      code: 'ERR_STRUCTURE',
    });
    const credential = await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    await expect(importCredential(credential.subarray(0, credential.length - 3), c)).rejects.toBeInstanceOf(
      DeltaIdError,
    );
  });

  it('receives all three document types with SM2 and EdDSA device keys, across regions', async () => {
    for (const alg of ['SM2', 'EdDSA'] as const) {
      const key = await generateDeviceKey({ alg }, { crypto: f.crypto });
      const c = ctx({ deviceKey: key });
      await importCredential(await issue(f, f.js, key, 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS), c);
      await importCredential(await issue(f, f.zj, key, 'cn.gov.mps.vl.1', 'full', VL_CLAIMS), c);
      await importCredential(await issue(f, f.ah, key, 'cn.gov.mps.eid.1', 'age', EID_CLAIMS), c);
      const list = await listCredentials(c);
      expect(list.map((s) => [s.docType, s.purpose, s.issuer.region])).toEqual([
        ['cn.gov.mps.dl.1', 'traffic', 'CN-JS'],
        ['cn.gov.mps.vl.1', 'full', 'CN-ZJ'],
        ['cn.gov.mps.eid.1', 'age', 'CN-AH'],
      ]);
    }
  });
});

describe('list, inspect, delete', () => {
  it('inspect shows bilingual labels and formatted values; list shows no values; delete removes', async () => {
    const c = ctx();
    const { id } = await importCredential(
      await issue(f, f.sh, deviceKey, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS),
      c,
    );
    const listed = await listCredentials(c);
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('张三丰');

    const details = await inspectCredential(id, c);
    const byId = Object.fromEntries(details.elements.map((e) => [e.id, e]));
    expect(byId.name).toEqual({
      id: 'name',
      label: { zh: '姓名', en: 'Name' },
      display: { zh: '张三丰', en: '张三丰' },
      value: '张三丰',
    });
    expect(byId.sex?.display).toEqual({ zh: '男', en: 'male' });
    expect(byId.ethnicity?.display).toEqual({ zh: '汉族', en: 'Han' });
    expect(byId.birth_date?.display).toEqual({ zh: '1990年3月7日', en: '1990-03-07' });
    expect(byId.id_number?.value).toBe('310115199003071239');
    expect(byId.id_number?.label).toEqual({ zh: '公民身份号码', en: 'Citizen ID number' });
    expect(details.elements.map((e) => e.id)).toEqual(listed[0]!.elementIds);

    await expect(inspectCredential('00', c)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    expect(await deleteCredential(id, c)).toBe(true);
    expect(await deleteCredential(id, c)).toBe(false);
    expect(await listCredentials(c)).toEqual([]);
    await expect(inspectCredential(id, c)).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('a stored record that no longer decodes is ERR_STORAGE, not a crash', async () => {
    const c = ctx();
    await c.storage.put({
      id: 'ab',
      credential: Uint8Array.of(1, 2, 3),
      receivedAt: 1,
      issuer: { id: 'x', region: 'CN-SH', name: { zh: 'x', en: 'x' } },
    });
    await expect(listCredentials(c)).rejects.toMatchObject({ code: 'ERR_STORAGE' });
    await expect(inspectCredential('ab', c)).rejects.toMatchObject({ code: 'ERR_STORAGE' });
  });
});
