// Our own mDL end to end: IACA + DS certificates from our DER builder → issueMdl → presentDeviceResponse
// (selective disclosure, device signature) → verifyDeviceResponse.
import { X509Certificate } from 'node:crypto';
import {
  type CryptoProvider,
  decodeCbor,
  decodeIssuerSigned,
  decodeMobileSecurityObject,
  encodeCbor,
  fullDate,
  jwkToCoseKey,
  MDL_DOCTYPE,
  MDL_NAMESPACE,
  Tag,
  toHex,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import {
  CN_DL_NAMESPACE,
  createDocumentSignerCertificate,
  createIacaCertificate,
  issueMdl,
  issueMdoc,
  type MdlClaims,
} from '@deltaid/issuer';
import {
  createStatusCache,
  createStatusList,
  parseCertificate,
  STATUS,
  setStatus,
  signStatusListCwt,
} from '@deltaid/trust';
import { presentDeviceResponse } from '@deltaid/wallet';
import { describe, expect, it } from 'vitest';
import { createCertificateCache, verifyDeviceResponse } from '../src/index.js';

const PORTRAIT = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(60).fill(7), 0xff, 0xd9]);
const CLAIMS: MdlClaims = {
  family_name: 'ZHANG',
  given_name: 'WEI',
  family_name_national_character: '张',
  given_name_national_character: '伟',
  birth_date: '1990-05-17',
  issue_date: '2026-03-01',
  expiry_date: '2032-03-01',
  issuing_authority: '上海市公安局交通警察总队',
  issuing_jurisdiction: 'CN-SH',
  document_number: '310101199005170012',
  portrait: PORTRAIT,
  driving_privileges: [{ vehicle_category_code: 'B', issue_date: '2012-07-01', expiry_date: '2032-03-01' }],
  sex: 1,
  nationality: 'CN',
  extension: {
    file_number: '310012345678',
    status: 'A',
    classes: 'C1',
    first_issue_date: '2012-07-01',
    name: '张伟',
  },
};
const SIGNED = new Date('2026-11-01T08:00:00Z');
const NOW = Date.parse('2026-11-28T10:00:00Z');

function transcript(seed: number): Uint8Array {
  const engagement = encodeCbor(
    new Map<number, unknown>([
      [0, '1.0'],
      [99, seed],
    ]),
  );
  const readerKey = encodeCbor(
    new Map<number, unknown>([
      [1, 2],
      [-1, 1],
      [-2, new Uint8Array(32).fill(seed)],
    ]),
  );
  return encodeCbor(new Tag(encodeCbor([new Tag(engagement, 24), new Tag(readerKey, 24), null]), 24));
}

async function setup(crypto: CryptoProvider, region: 'CN-SH' | 'CN-JS' = 'CN-SH') {
  const iacaKey = await crypto.generateKeyPair('ES256');
  const dsKey = await crypto.generateKeyPair('ES256');
  const device = await crypto.generateKeyPair('ES256');
  const iaca = await createIacaCertificate(
    {
      subject: {
        country: 'CN',
        stateOrProvince: region,
        organization: '长三角电子证照',
        commonName: `${region} mDL IACA`,
      },
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
    },
    { key: iacaKey.privateKey, crypto },
  );
  const ds = await createDocumentSignerCertificate(
    {
      subject: { country: 'CN', stateOrProvince: region, commonName: `${region} mDL DS 1` },
      publicKey: dsKey.publicKey.jwk,
      notBefore: new Date('2026-06-01T00:00:00Z'),
      notAfter: new Date('2027-09-01T00:00:00Z'),
      iaca,
    },
    { key: iacaKey.privateKey, crypto },
  );
  return { iacaKey, dsKey, device, iaca, ds };
}

describe.each([
  ['native', createNativeCrypto()],
  ['portable', createPortableCrypto()],
] as const)('mDL round trip (%s crypto)', (_n, crypto) => {
  it('our IACA and DS certificates parse in node:crypto and chain', async () => {
    const s = await setup(crypto);
    const root = new X509Certificate(s.iaca);
    const leaf = new X509Certificate(s.ds);
    expect(root.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.keyUsage).toEqual(['1.0.18013.5.1.2']);
    expect(leaf.subject).toContain('ST=CN-SH');
    const p = parseCertificate(s.ds);
    expect(p.authorityKeyId).toEqual(parseCertificate(s.iaca).subjectKeyId);
  });

  it('issue → present (selective) → verify with device signature', async () => {
    const s = await setup(crypto);
    const issued = await issueMdl(
      CLAIMS,
      {
        deviceKey: s.device.publicKey.jwk,
        validity: { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') },
      },
      { key: s.dsKey.privateKey, certificateChain: [s.ds], crypto },
    );
    // Untouched parts re-encode byte for byte.
    expect(toHex(encodeCbor(decodeCbor(issued.issuerSigned)))).toBe(toHex(issued.issuerSigned));
    const dec = decodeIssuerSigned(decodeCbor(issued.issuerSigned));
    const mdlItems = dec.nameSpaces.get(MDL_NAMESPACE)!;
    expect(mdlItems.map((i) => i.digestID).sort((a, b) => a - b)).toEqual([...mdlItems.keys()]);
    for (const it of mdlItems) expect(it.random.length).toBe(32);
    expect(new Set(mdlItems.map((i) => toHex(i.random))).size).toBe(mdlItems.length);
    expect(dec.x5chain).toEqual([s.ds]);
    const mso = decodeMobileSecurityObject(dec.issuerAuth.payload!);
    expect(mso.docType).toBe(MDL_DOCTYPE);
    expect(mso.validityInfo.signed.toISOString()).toBe('2026-11-01T08:00:00.000Z');
    expect(mso.deviceKey).toEqual(s.device.publicKey.jwk);
    expect([...mso.valueDigests.keys()]).toEqual([MDL_NAMESPACE, CN_DL_NAMESPACE]);

    const st = transcript(1);
    const response = await presentDeviceResponse(
      {
        issuerSigned: issued.issuerSigned,
        request: {
          docType: MDL_DOCTYPE,
          nameSpaces: {
            [MDL_NAMESPACE]: [
              'family_name_national_character',
              'age_over_18',
              'driving_privileges',
              'issuing_jurisdiction',
            ],
            [CN_DL_NAMESPACE]: ['file_number', 'status'],
          },
        },
        sessionTranscript: st,
      },
      { deviceKey: s.device.privateKey, crypto },
    );
    const r = await verifyDeviceResponse(response, {
      trustedIacas: [s.iaca],
      sessionTranscript: st,
      now: () => NOW,
      crypto,
    });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    const doc = r.documents[0]!;
    expect(doc.deviceAuth).toBe('signature');
    expect(doc.elements[MDL_NAMESPACE]).toEqual({
      family_name_national_character: '张',
      age_over_18: true,
      driving_privileges: [
        new Map<string, unknown>([
          ['vehicle_category_code', 'B'],
          ['issue_date', new Tag('2012-07-01', 1004)],
          ['expiry_date', new Tag('2032-03-01', 1004)],
        ]),
      ],
      issuing_jurisdiction: 'CN-SH',
    });
    expect(doc.elements[CN_DL_NAMESPACE]).toEqual({ file_number: '310012345678', status: 'A' });
    // Undisclosed elements are absent from the response bytes, not just from the result.
    const hexResp = toHex(response);
    expect(hexResp).not.toContain(toHex(new TextEncoder().encode('portrait')));
    expect(hexResp).not.toContain(toHex(new TextEncoder().encode('310101199005170012')));

    // Same response, another session: the device signature does not transfer.
    const other = await verifyDeviceResponse(response, {
      trustedIacas: [s.iaca],
      sessionTranscript: transcript(2),
      now: () => NOW,
      crypto,
    });
    expect(other.errors[0]).toMatchObject({ code: 'ERR_MDOC_DEVICE_AUTH', check: 'device' });

    // Another region's IACA does not vouch for a Shanghai DS.
    const js = await setup(crypto, 'CN-JS');
    const foreign = await verifyDeviceResponse(response, {
      trustedIacas: [js.iaca],
      sessionTranscript: st,
      now: () => NOW,
      crypto,
    });
    expect(foreign.errors[0]).toMatchObject({ code: 'ERR_UNKNOWN_ISSUER', check: 'issuer' });

    // After validUntil (and the DS certificate): expired.
    const late = await verifyDeviceResponse(response, {
      trustedIacas: [s.iaca],
      sessionTranscript: st,
      now: () => Date.parse('2027-12-01T00:00:00Z'),
      crypto,
    });
    expect(late.errors[0]?.code).toBe('ERR_EXPIRED');
  });

  it('a DS certificate forged under the same IACA name → ERR_CERT_CHAIN; DS key mismatch → ERR_SIGNATURE', async () => {
    const s = await setup(crypto);
    const impostor = await crypto.generateKeyPair('ES256');
    // Same IACA subject and key id, but signed with another key.
    const forged = await createDocumentSignerCertificate(
      {
        subject: { country: 'CN', commonName: 'forged' },
        publicKey: s.dsKey.publicKey.jwk,
        notBefore: new Date('2026-06-01T00:00:00Z'),
        notAfter: new Date('2027-09-01T00:00:00Z'),
        iaca: s.iaca,
      },
      { key: impostor.privateKey, crypto },
    );
    const validity = { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') };
    const st = transcript(3);
    const present = async (issuerSigned: Uint8Array) =>
      presentDeviceResponse(
        {
          issuerSigned,
          request: { nameSpaces: { [MDL_NAMESPACE]: ['age_over_18'] } },
          sessionTranscript: st,
        },
        { deviceKey: s.device.privateKey, crypto },
      );
    // One warm cache across good and forged chains: cached results never let a forgery through.
    const opts = {
      trustedIacas: [s.iaca],
      sessionTranscript: st,
      now: () => NOW,
      crypto,
      certificateCache: createCertificateCache(),
    };
    const a = await issueMdl(
      CLAIMS,
      { deviceKey: s.device.publicKey.jwk, validity },
      { key: s.dsKey.privateKey, certificateChain: [forged], crypto },
    );
    expect((await verifyDeviceResponse(await present(a.issuerSigned), opts)).errors[0]).toMatchObject({
      code: 'ERR_CERT_CHAIN',
      check: 'issuer',
    });
    const b = await issueMdl(
      CLAIMS,
      { deviceKey: s.device.publicKey.jwk, validity },
      { key: impostor.privateKey, certificateChain: [s.ds], crypto },
    );
    expect((await verifyDeviceResponse(await present(b.issuerSigned), opts)).errors[0]).toMatchObject({
      code: 'ERR_SIGNATURE',
      check: 'signature',
    });
    // Two-certificate x5chain (DS, IACA) is sent as an array and verifies.
    const c = await issueMdl(
      CLAIMS,
      { deviceKey: s.device.publicKey.jwk, validity },
      { key: s.dsKey.privateKey, certificateChain: [s.ds, s.iaca], crypto },
    );
    expect(decodeIssuerSigned(decodeCbor(c.issuerSigned)).x5chain).toEqual([s.ds, s.iaca]);
    expect((await verifyDeviceResponse(await present(c.issuerSigned), opts)).valid).toBe(true);
  });

  it('issuing_jurisdiction / issuing_country must match the DS certificate → ERR_ISSUER_NOT_AUTHORISED', async () => {
    const s = await setup(crypto);
    const validity = { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') };
    const st = transcript(4);
    const opts = { trustedIacas: [s.iaca], sessionTranscript: st, now: () => NOW, crypto };
    for (const [subject, element] of [
      [
        { country: 'CN', stateOrProvince: 'CN-JS', commonName: 'JS DS under SH IACA' },
        'issuing_jurisdiction',
      ],
      [{ country: 'HK', commonName: 'other country DS' }, 'issuing_country'],
    ] as const) {
      const ds = await createDocumentSignerCertificate(
        {
          subject,
          publicKey: s.dsKey.publicKey.jwk,
          notBefore: new Date('2026-06-01T00:00:00Z'),
          notAfter: new Date('2027-09-01T00:00:00Z'),
          iaca: s.iaca,
        },
        { key: s.iacaKey.privateKey, crypto },
      );
      const issued = await issueMdl(
        CLAIMS,
        { deviceKey: s.device.publicKey.jwk, validity },
        { key: s.dsKey.privateKey, certificateChain: [ds], crypto },
      );
      const present = (names: string[]) =>
        presentDeviceResponse(
          {
            issuerSigned: issued.issuerSigned,
            request: { nameSpaces: { [MDL_NAMESPACE]: names } },
            sessionTranscript: st,
          },
          { deviceKey: s.device.privateKey, crypto },
        );
      const r = await verifyDeviceResponse(await present([element, 'age_over_18']), opts);
      expect(r.errors[0]).toMatchObject({ code: 'ERR_ISSUER_NOT_AUTHORISED', check: 'authorisation' });
      // Not disclosing the element does not help: the document signer itself must sit in its IACA's country and
      // state (a Shanghai IACA cannot certify a Jiangsu or a Hong Kong document signer).
      expect((await verifyDeviceResponse(await present(['age_over_18']), opts)).errors[0]).toMatchObject({
        code: 'ERR_ISSUER_NOT_AUTHORISED',
        check: 'authorisation',
      });
    }
  });

  it('MSO status (Token Status List): revoked, suspended, valid, unavailable by policy', async () => {
    const s = await setup(crypto);
    const statusKey = await crypto.generateKeyPair('ES256');
    const URI = 'https://status.sh.deltaid.example/mdl/1';
    const list = createStatusList({ size: 1024, bits: 2 });
    setStatus(list, 5, STATUS.INVALID);
    setStatus(list, 6, STATUS.SUSPENDED);
    const iat = Math.floor(NOW / 1000) - 3600;
    const token = await signStatusListCwt(
      { claims: { sub: URI, iat, exp: iat + 86_400, ttl: 3600 }, list },
      { key: statusKey.privateKey, crypto },
    );
    const cache = createStatusCache({ crypto, key: statusKey.publicKey, now: () => new Date(NOW) });
    await cache.add(token);
    const validity = { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') };
    const st = transcript(5);
    const run = async (idx: number, extra: object = { status: cache }) => {
      const issued = await issueMdl(
        CLAIMS,
        {
          deviceKey: s.device.publicKey.jwk,
          validity,
          status: new Map([
            [
              'status_list',
              new Map<string, unknown>([
                ['idx', idx],
                ['uri', URI],
              ]),
            ],
          ]),
        },
        { key: s.dsKey.privateKey, certificateChain: [s.ds], crypto },
      );
      const response = await presentDeviceResponse(
        {
          issuerSigned: issued.issuerSigned,
          request: { nameSpaces: { [MDL_NAMESPACE]: ['age_over_18'] } },
          sessionTranscript: st,
        },
        { deviceKey: s.device.privateKey, crypto },
      );
      return verifyDeviceResponse(response, {
        trustedIacas: [s.iaca],
        sessionTranscript: st,
        now: () => NOW,
        crypto,
        ...extra,
      });
    };
    expect((await run(5)).errors[0]).toMatchObject({ code: 'ERR_REVOKED', check: 'status' });
    expect((await run(6)).errors[0]).toMatchObject({ code: 'ERR_SUSPENDED', check: 'status' });
    const ok = await run(7);
    expect(ok.valid).toBe(true);
    expect(ok.documents[0]?.passed.at(-1)).toBe('status');
    expect((await run(7, {})).errors[0]).toMatchObject({ code: 'ERR_STATUS_UNAVAILABLE' });
    const warned = await run(7, { statusUnavailable: 'warn' });
    expect(warned.valid).toBe(true);
    expect(warned.warnings[0]).toMatchObject({ code: 'ERR_STATUS_UNAVAILABLE' });
    // Policy never excuses a revoked credential.
    expect((await run(5, { status: cache, statusUnavailable: 'accept' })).errors[0]?.code).toBe(
      'ERR_REVOKED',
    );
  });

  it('issueMdoc: a 23220-style e-ID doctype of our own round-trips; a reader asking for an mDL refuses it', async () => {
    const s = await setup(crypto);
    const EID = 'cn.gov.mps.eid.1.mdoc';
    const NS = 'cn.gov.mps.eid.1';
    const issued = await issueMdoc(
      {
        docType: EID,
        nameSpaces: new Map([
          [
            NS,
            new Map<string, unknown>([
              ['name', '张伟'],
              ['birth_date', fullDate('1990-05-17')],
              ['id_number', '310101199005170012'],
              ['age_over_18', true],
            ]),
          ],
        ]),
        deviceKey: s.device.publicKey.jwk,
        validity: { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') },
      },
      { key: s.dsKey.privateKey, certificateChain: [s.ds], crypto },
    );
    const st = transcript(6);
    const response = await presentDeviceResponse(
      {
        issuerSigned: issued.issuerSigned,
        request: { docType: EID, nameSpaces: { [NS]: ['age_over_18', 'name'] } },
        sessionTranscript: st,
      },
      { deviceKey: s.device.privateKey, crypto },
    );
    const base = { trustedIacas: [s.iaca], sessionTranscript: st, now: () => NOW, crypto };
    const r = await verifyDeviceResponse(response, { ...base, docType: EID });
    expect(r.errors).toEqual([]);
    expect(r.documents[0]?.elements).toEqual({ [NS]: { age_over_18: true, name: '张伟' } });
    expect((await verifyDeviceResponse(response, { ...base, docType: MDL_DOCTYPE })).errors[0]?.code).toBe(
      'ERR_MDOC_DOCTYPE',
    );
    await expect(
      presentDeviceResponse(
        {
          issuerSigned: issued.issuerSigned,
          request: { docType: MDL_DOCTYPE, nameSpaces: { [NS]: ['name'] } },
          sessionTranscript: st,
        },
        { deviceKey: s.device.privateKey, crypto },
      ),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('refuses bad licence claims with ERR_CLAIMS naming the field', async () => {
    const s = await setup(crypto);
    const validity = { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') };
    const ctx = { key: s.dsKey.privateKey, certificateChain: [s.ds], crypto };
    for (const [bad, field] of [
      [{ ...CLAIMS, family_name: '张' }, 'family_name'],
      [{ ...CLAIMS, issuing_jurisdiction: 'CN-BJ' }, 'issuing_jurisdiction'],
      [{ ...CLAIMS, extension: { ...CLAIMS.extension, file_number: '123' } }, 'file_number'],
      [
        { ...CLAIMS, driving_privileges: [{ vehicle_category_code: 'C1X' }] },
        'driving_privileges[0].vehicle_category_code',
      ],
      [{ ...CLAIMS, portrait: new Uint8Array(10) }, 'portrait'],
    ] as const) {
      await expect(
        issueMdl(bad as MdlClaims, { deviceKey: s.device.publicKey.jwk, validity }, ctx),
      ).rejects.toMatchObject({
        code: 'ERR_CLAIMS',
        details: { field },
      });
    }
    expect(jwkToCoseKey(s.device.publicKey.jwk).get(1)).toBe(2);
  });
});
