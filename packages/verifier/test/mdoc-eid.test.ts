// The resident e-ID as an mdoc of our own (ISO/IEC 23220-2 style): issueMdocEid → presentDeviceResponse
// (hotel check-in element set, device signature) → verifyDeviceResponse.
import {
  type CryptoProvider,
  decodeCbor,
  decodeIssuerSigned,
  decodeMobileSecurityObject,
  encodeCbor,
  Tag,
  toHex,
  utf8,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import {
  CN_EID_NAMESPACE,
  createDocumentSignerCertificate,
  createIacaCertificate,
  EID_MDOC_CHECKIN,
  EID_MDOC_DOCTYPE,
  ISO_23220_NAMESPACE,
  issueMdocEid,
} from '@deltaid/issuer';
import { presentDeviceResponse } from '@deltaid/wallet';
import { describe, expect, it } from 'vitest';
import { verifyDeviceResponse } from '../src/index.js';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(40).fill(5), 0xff, 0xd9]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const CLAIMS = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道一百号二十层二零零一室',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2020-05-01',
  valid_until: '2040-05-01',
  portrait: { media_type: 'image/jpeg', data: JPEG },
};
const SIGNED = new Date('2026-11-01T08:00:00Z');
const VALIDITY = { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') };
const NOW = Date.parse('2026-11-28T10:00:00Z');
const ISO = ISO_23220_NAMESPACE;
const CN = CN_EID_NAMESPACE;

function transcript(seed: number): Uint8Array {
  const engagement = encodeCbor(new Map<number, unknown>([[0, '1.0']]));
  const readerKey = encodeCbor(
    new Map<number, unknown>([
      [1, 2],
      [-1, 1],
      [-2, new Uint8Array(32).fill(seed)],
    ]),
  );
  return encodeCbor(new Tag(encodeCbor([new Tag(engagement, 24), new Tag(readerKey, 24), null]), 24));
}

async function setup(crypto: CryptoProvider) {
  const iacaKey = await crypto.generateKeyPair('ES256');
  const dsKey = await crypto.generateKeyPair('ES256');
  const device = await crypto.generateKeyPair('ES256');
  const iaca = await createIacaCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH e-ID IACA' },
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
    },
    { key: iacaKey.privateKey, crypto },
  );
  const ds = await createDocumentSignerCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH e-ID DS 1' },
      publicKey: dsKey.publicKey.jwk,
      notBefore: new Date('2026-06-01T00:00:00Z'),
      notAfter: new Date('2027-09-01T00:00:00Z'),
      iaca,
    },
    { key: iacaKey.privateKey, crypto },
  );
  const ctx = { key: dsKey.privateKey, certificateChain: [ds], crypto };
  return { device, iaca, ctx };
}

describe.each([
  ['native', createNativeCrypto()],
  ['portable', createPortableCrypto()],
] as const)('resident e-ID mdoc (%s crypto)', (_n, crypto) => {
  it('maps the check-in purpose to 23220 and cn.gov.mps.eid.1 elements', () => {
    expect(EID_MDOC_DOCTYPE).toBe('cn.gov.mps.eid.1.mdoc');
    expect(EID_MDOC_CHECKIN).toEqual({
      [CN]: ['name', 'ethnicity', 'id_number', 'address', 'valid_until'],
      [ISO]: ['sex', 'birth_date', 'issue_date'],
    });
  });

  it('issue → present (hotel check-in) → verify, with selective disclosure', async () => {
    const s = await setup(crypto);
    const issued = await issueMdocEid(
      CLAIMS,
      { familyName: '张', deviceKey: s.device.publicKey.jwk, validity: VALIDITY },
      s.ctx,
    );
    expect(issued.docType).toBe('cn.gov.mps.eid.1.mdoc');
    expect(toHex(encodeCbor(decodeCbor(issued.issuerSigned)))).toBe(toHex(issued.issuerSigned));
    const dec = decodeIssuerSigned(decodeCbor(issued.issuerSigned));
    const values = (ns: string) =>
      Object.fromEntries((dec.nameSpaces.get(ns) ?? []).map((i) => [i.elementIdentifier, i.elementValue]));
    expect(values(ISO)).toEqual({
      family_name: '张',
      given_name: '三丰',
      birth_date: new Tag('1990-03-07', 1004),
      sex: 1,
      issue_date: new Tag('2020-05-01', 1004),
      expiry_date: new Tag('2040-05-01', 1004),
      issuing_country: 'CN',
      issuing_authority: '上海市公安局浦东分局',
      nationality: 'CN',
      age_over_18: true,
      age_over_60: false,
      portrait: JPEG,
    });
    expect(values(CN)).toEqual({
      name: '张三丰',
      ethnicity: '01',
      id_number: '310115199003071239',
      address: CLAIMS.address,
      valid_until: new Tag('2040-05-01', 1004),
    });
    for (const i of dec.nameSpaces.get(ISO) ?? []) expect(i.random.length).toBe(32);
    const mso = decodeMobileSecurityObject(dec.issuerAuth.payload!);
    expect(mso.docType).toBe(EID_MDOC_DOCTYPE);
    expect([...mso.valueDigests.keys()]).toEqual([ISO, CN]);

    const st = transcript(1);
    const response = await presentDeviceResponse(
      {
        issuerSigned: issued.issuerSigned,
        request: { docType: EID_MDOC_DOCTYPE, nameSpaces: EID_MDOC_CHECKIN },
        sessionTranscript: st,
      },
      { deviceKey: s.device.privateKey, crypto },
    );
    const opts = { trustedIacas: [s.iaca], sessionTranscript: st, now: () => NOW, crypto };
    const r = await verifyDeviceResponse(response, { ...opts, docType: EID_MDOC_DOCTYPE });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.documents[0]?.deviceAuth).toBe('signature');
    expect(r.documents[0]?.elements).toEqual({
      [ISO]: { sex: 1, birth_date: new Tag('1990-03-07', 1004), issue_date: new Tag('2020-05-01', 1004) },
      [CN]: {
        name: '张三丰',
        ethnicity: '01',
        id_number: '310115199003071239',
        address: CLAIMS.address,
        valid_until: new Tag('2040-05-01', 1004),
      },
    });
    // What the hotel did not ask for is not in the bytes at all.
    const hex = toHex(response);
    for (const absent of ['portrait', 'issuing_authority', 'age_over_18', 'family_name']) {
      expect(hex).not.toContain(toHex(utf8(absent)));
    }
    expect(hex).not.toContain(toHex(JPEG.subarray(0, 12)));

    // Negative: another session's transcript, a flipped disclosed byte, an mDL-only reader.
    expect(
      (await verifyDeviceResponse(response, { ...opts, sessionTranscript: transcript(2) })).errors[0],
    ).toMatchObject({ code: 'ERR_MDOC_DEVICE_AUTH', check: 'device' });
    const at = hex.indexOf(toHex(utf8('310115199003071239')));
    expect(at).toBeGreaterThan(0);
    const tampered = response.slice();
    tampered[at / 2] = (tampered[at / 2] ?? 0) ^ 0x01;
    expect((await verifyDeviceResponse(tampered, opts)).errors[0]).toMatchObject({
      code: 'ERR_MDOC_DIGEST',
      check: 'digests',
    });
    expect(
      (await verifyDeviceResponse(response, { ...opts, docType: 'org.iso.18013.5.1.mDL' })).errors[0]?.code,
    ).toBe('ERR_MDOC_DOCTYPE');
  });

  it('an age check discloses only age_over_18; 长期 validity has no 23220 expiry_date', async () => {
    const s = await setup(crypto);
    const { portrait: _p, ...noPortrait } = CLAIMS;
    const issued = await issueMdocEid(
      { ...noPortrait, valid_until: 'long-term' },
      { deviceKey: s.device.publicKey.jwk, validity: VALIDITY },
      s.ctx,
    );
    const dec = decodeIssuerSigned(decodeCbor(issued.issuerSigned));
    const ids = (ns: string) => (dec.nameSpaces.get(ns) ?? []).map((i) => i.elementIdentifier).sort();
    expect(ids(ISO)).toEqual(
      [
        'age_over_18',
        'age_over_60',
        'birth_date',
        'issue_date',
        'issuing_authority',
        'issuing_country',
        'nationality',
        'sex',
      ].sort(),
    );
    expect(dec.nameSpaces.get(CN)?.find((i) => i.elementIdentifier === 'valid_until')?.elementValue).toBe(
      'long-term',
    );
    const st = transcript(3);
    const response = await presentDeviceResponse(
      {
        issuerSigned: issued.issuerSigned,
        request: { nameSpaces: { [ISO]: ['age_over_18'] } },
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
    expect(r.valid).toBe(true);
    expect(r.documents[0]?.elements).toEqual({ [ISO]: { age_over_18: true } });
  });

  it('refuses claims the resident e-ID schema refuses, with ERR_CLAIMS naming the field', async () => {
    const s = await setup(crypto);
    const input = { deviceKey: s.device.publicKey.jwk, validity: VALIDITY };
    const cases: [unknown, string | undefined, string][] = [
      [{ ...CLAIMS, id_number: '310115199003071238' }, undefined, 'id_number'],
      [{ ...CLAIMS, sex: 2 }, undefined, 'sex'],
      [{ ...CLAIMS, ethnicity: '99' }, undefined, 'ethnicity'],
      [{ ...CLAIMS, issuing_country: 'CN' }, undefined, 'issuing_country'],
      [{ ...CLAIMS, portrait: { media_type: 'image/png', data: PNG } }, undefined, 'portrait'],
      [CLAIMS, '李', 'family_name'],
      [CLAIMS, '张三丰', 'family_name'],
    ];
    for (const [claims, familyName, field] of cases) {
      await expect(
        issueMdocEid(claims, familyName === undefined ? input : { ...input, familyName }, s.ctx),
      ).rejects.toMatchObject({ code: 'ERR_CLAIMS', details: { field } });
    }
  });
});
