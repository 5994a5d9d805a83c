// ISO/IEC 18013-5:2021 Annex B.1.4: the document signer certificate carries extended key usage
// 1.0.18013.5.1.2; verifyDeviceResponse refuses a DS certificate without it (ERR_CERT_CHAIN).
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatBytes, encodeCbor, fromHex, MDL_NAMESPACE, type PrivateJwk, Tag, toHex } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { createDocumentSignerCertificate, createIacaCertificate, issueMdoc } from '@deltaid/issuer';
import { parseCertificate } from '@deltaid/trust';
import { presentDeviceResponse } from '@deltaid/wallet';
import { describe, expect, it } from 'vitest';
import { verifyDeviceResponse } from '../src/index.js';

const native = createNativeCrypto();
const annexDsCert = fromHex(
  readFileSync(join(import.meta.dirname, 'vectors', 'iso18013-5', 'annexD_ds_cert.der.hex'), 'utf8').trim(),
);
const SIGNED = new Date('2026-11-01T08:00:00Z');
const NOW = Date.parse('2026-11-28T10:00:00Z');
// DER of the EKU extension id (2.5.29.37) and of the mdoc DS purpose 1.0.18013.5.1.2.
const EKU_EXT_ID = '0603551d25';
const MDL_DS_PURPOSE = '060728818c5d050102';

function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concatBytes(Uint8Array.of(tag, ...len), content);
}

/** Replaces one hex fragment (exactly once) in the TBS of `der` and re-signs it with the IACA key. */
function patchAndResign(
  der: Uint8Array,
  find: string,
  replace: string,
  iacaKey: Parameters<typeof nodeSign>[2],
) {
  const tbsHex = toHex(parseCertificate(der).tbs);
  expect(tbsHex.split(find).length).toBe(2);
  const tbs = fromHex(tbsHex.replace(find, replace));
  const sig = nodeSign('sha256', tbs, iacaKey);
  const ecdsaWithSha256 = fromHex('300a06082a8648ce3d040302');
  return tlv(0x30, concatBytes(tbs, ecdsaWithSha256, tlv(0x03, concatBytes(Uint8Array.of(0), sig))));
}

async function setup() {
  // The IACA key lives in node:crypto too, so the test can re-sign patched certificates.
  const iacaNode = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const iacaKey = await native.importPrivateKey(
    'ES256',
    iacaNode.privateKey.export({ format: 'jwk' }) as PrivateJwk,
  );
  const dsKey = await native.generateKeyPair('ES256');
  const device = await native.generateKeyPair('ES256');
  const iaca = await createIacaCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH mDL IACA' },
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2036-01-01T00:00:00Z'),
    },
    { key: iacaKey, crypto: native },
  );
  const ds = await createDocumentSignerCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH mDL DS 1' },
      publicKey: dsKey.publicKey.jwk,
      notBefore: new Date('2026-06-01T00:00:00Z'),
      notAfter: new Date('2027-09-01T00:00:00Z'),
      iaca,
    },
    { key: iacaKey, crypto: native },
  );
  return { iacaNode, dsKey, device, iaca, ds };
}

function transcript(): Uint8Array {
  const e = encodeCbor(new Map<number, unknown>([[0, '1.0']]));
  return encodeCbor(new Tag(encodeCbor([new Tag(e, 24), new Tag(e, 24), null]), 24));
}

describe('parseCertificate: extended key usage', () => {
  it('reads the EKU of our DS certificate and of the Annex D DS; an IACA has none', async () => {
    const s = await setup();
    expect(parseCertificate(s.ds).extendedKeyUsage).toEqual(['1.0.18013.5.1.2']);
    expect(parseCertificate(annexDsCert).extendedKeyUsage).toEqual(['1.0.18013.5.1.2']);
    expect(parseCertificate(s.iaca).extendedKeyUsage).toBeUndefined();
    const reader = patchAndResign(s.ds, MDL_DS_PURPOSE, '060728818c5d050106', {
      key: s.iacaNode.privateKey,
      dsaEncoding: 'der',
    });
    expect(parseCertificate(reader).extendedKeyUsage).toEqual(['1.0.18013.5.1.6']);
    // KeyPurposeId must be an OID: an INTEGER in its place is a structure error.
    const broken = patchAndResign(s.ds, MDL_DS_PURPOSE, '020728818c5d050102', {
      key: s.iacaNode.privateKey,
      dsaEncoding: 'der',
    });
    expect(() => parseCertificate(broken)).toThrow(expect.objectContaining({ code: 'ERR_STRUCTURE' }));
  });
});

describe.each([
  ['native', native],
  ['portable', createPortableCrypto()],
] as const)('verifyDeviceResponse: DS extended key usage (%s crypto)', (_n, crypto) => {
  it('refuses a DS certificate whose EKU lacks 1.0.18013.5.1.2 or which has no EKU (ERR_CERT_CHAIN)', async () => {
    const s = await setup();
    const resign = (find: string, replace: string) =>
      patchAndResign(s.ds, find, replace, { key: s.iacaNode.privateKey, dsaEncoding: 'der' });
    const st = transcript();
    const verifyWith = async (ds: Uint8Array) => {
      const issued = await issueMdoc(
        {
          docType: 'org.iso.18013.5.1.mDL',
          nameSpaces: new Map([[MDL_NAMESPACE, new Map<string, unknown>([['age_over_18', true]])]]),
          deviceKey: s.device.publicKey.jwk,
          validity: { signed: SIGNED, validFrom: SIGNED, validUntil: new Date('2027-11-01T08:00:00Z') },
        },
        { key: s.dsKey.privateKey, certificateChain: [ds], crypto: native },
      );
      const response = await presentDeviceResponse(
        {
          issuerSigned: issued.issuerSigned,
          request: { nameSpaces: { [MDL_NAMESPACE]: ['age_over_18'] } },
          sessionTranscript: st,
        },
        { deviceKey: s.device.privateKey, crypto: native },
      );
      return verifyDeviceResponse(response, {
        trustedIacas: [s.iaca],
        sessionTranscript: st,
        now: () => NOW,
        crypto,
      });
    };
    // Control: the same re-signing with nothing changed verifies, so a failure below is the EKU's doing.
    const same = resign(MDL_DS_PURPOSE, MDL_DS_PURPOSE);
    expect((await verifyWith(same)).valid).toBe(true);
    // mdlReaderAuth (1.0.18013.5.1.6) instead of the DS purpose.
    const readerEku = await verifyWith(resign(MDL_DS_PURPOSE, '060728818c5d050106'));
    expect(readerEku.valid).toBe(false);
    expect(readerEku.errors[0]).toMatchObject({ code: 'ERR_CERT_CHAIN', check: 'issuer' });
    expect(readerEku.errors[0]?.detail).toContain('1.0.18013.5.1.2');
    // No EKU extension at all (its id turned into an unknown extension 2.5.29.99).
    const noEku = await verifyWith(resign(EKU_EXT_ID, '0603551d63'));
    expect(parseCertificate(resign(EKU_EXT_ID, '0603551d63')).extendedKeyUsage).toBeUndefined();
    expect(noEku.errors[0]).toMatchObject({ code: 'ERR_CERT_CHAIN', check: 'issuer' });
  });
});
