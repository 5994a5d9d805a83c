// ISO/IEC 18013-5:2021 structures against the Annex D vectors: IssuerSignedItem bytes as received,
// DeviceAuthenticationBytes, EMacKey (both sides of the ECDH), deviceMac, SessionTranscript forms.
import { createECDH, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createDeviceMac,
  decodeCbor,
  decodeDeviceResponse,
  decodeDeviceSigned,
  decodeIssuerSignedItem,
  decodeMobileSecurityObject,
  decodeSessionTranscript,
  deriveEMacKey,
  deviceAuthenticationBytes,
  encodeCbor,
  encodeIssuerSignedItem,
  encodeMobileSecurityObject,
  fromHex,
  fullDate,
  type Mac0,
  Tag,
  toHex,
  verifyDeviceMac,
} from '../src/index.js';

const dir = join(import.meta.dirname, 'vectors', 'iso18013-5');
const hex = (name: string) => fromHex(readFileSync(join(dir, name), 'utf8').trim());
const keys = JSON.parse(readFileSync(join(dir, 'annexD_keys.json'), 'utf8'));
const sha256 = (b: Uint8Array) => toHex(createHash('sha256').update(b).digest());
const response = hex('annexD_device_response.hex');
const transcriptBytes = hex('annexD_session_transcript_bytes.hex');
const EMAC = 'dc2b9566fdaaae3c06baa40993cd0451aeba15e7677ef5305f6531f3533c35dd';
const point = (k: { x: string; y: string }) => fromHex(`04${k.x}${k.y}`);

describe('ISO 18013-5 Annex D structures', () => {
  const doc = decodeDeviceResponse(response).documents[0]!;

  it('SessionTranscript: tag-24 and bare forms give the same bytes', () => {
    const st = decodeSessionTranscript(transcriptBytes);
    expect(toHex(st.bytes)).toBe(toHex(transcriptBytes));
    const bare = decodeSessionTranscript(st.transcript);
    expect(toHex(bare.bytes)).toBe(toHex(transcriptBytes));
    expect(() => decodeSessionTranscript(encodeCbor([1, 2]))).toThrow(
      expect.objectContaining({ code: 'ERR_STRUCTURE' }),
    );
    expect(() => decodeSessionTranscript(encodeCbor(new Tag('x', 0)))).toThrow();
  });

  it('DeviceAuthenticationBytes equal the derived vector', () => {
    const st = decodeSessionTranscript(transcriptBytes);
    const aad = deviceAuthenticationBytes({
      transcript: st.transcript,
      docType: doc.docType,
      deviceNameSpaces: doc.deviceSigned.nameSpacesBytes,
    });
    expect(toHex(aad)).toBe(toHex(hex('annexD_device_authentication_bytes.DERIVED.hex')));
  });

  it('EMacKey: reader side and device side derive the vector key (portable and node ECDH)', async () => {
    const nodeEcdh = (d: Uint8Array, pub: Uint8Array) => {
      const e = createECDH('prime256v1');
      e.setPrivateKey(d);
      return new Uint8Array(e.computeSecret(pub));
    };
    const staticKey = keys['staticDeviceKey (MSO deviceKeyInfo.deviceKey)'];
    for (const ecdh of [undefined, nodeEcdh]) {
      const reader = await deriveEMacKey({
        privateKey: fromHex(keys.ephemeralReaderKey.d),
        publicKey: point(staticKey),
        sessionTranscriptBytes: transcriptBytes,
        ...(ecdh ? { ecdh } : {}),
      });
      const device = await deriveEMacKey({
        privateKey: fromHex(staticKey.d),
        publicKey: point(keys.ephemeralReaderKey),
        sessionTranscriptBytes: transcriptBytes,
        ...(ecdh ? { ecdh } : {}),
      });
      expect(toHex(reader)).toBe(EMAC);
      expect(toHex(device)).toBe(EMAC);
    }
    await expect(
      deriveEMacKey({
        privateKey: new Uint8Array(32),
        publicKey: point(keys.ephemeralReaderKey),
        sessionTranscriptBytes: transcriptBytes,
      }),
    ).rejects.toMatchObject({ code: 'ERR_KEY' });
    await expect(
      deriveEMacKey({
        privateKey: fromHex(keys.ephemeralReaderKey.d),
        publicKey: Uint8Array.of(4, 1, 2),
        sessionTranscriptBytes: transcriptBytes,
      }),
    ).rejects.toMatchObject({ code: 'ERR_KEY' });
  });

  it('deviceMac: createDeviceMac reproduces the vector tag; verifyDeviceMac checks alg, payload and tag', () => {
    const aad = hex('annexD_device_authentication_bytes.DERIVED.hex');
    const mac = createDeviceMac({ key: fromHex(EMAC), deviceAuthentication: aad });
    expect(toHex(mac[0])).toBe('a10105');
    expect(toHex(mac[3])).toBe('e99521a85ad7891b806a07f8b5388a332d92c189a7bf293ee1f543405ae6824d');
    if (!('deviceMac' in doc.deviceSigned.deviceAuth)) throw new Error('vector uses deviceMac');
    const m: Mac0 = doc.deviceSigned.deviceAuth.deviceMac;
    expect(verifyDeviceMac(m, { key: fromHex(EMAC), deviceAuthentication: aad })).toBe(true);
    const other = fromHex(EMAC);
    other[0] = (other[0] ?? 0) ^ 1;
    expect(verifyDeviceMac(m, { key: other, deviceAuthentication: aad })).toBe(false);
    expect(
      verifyDeviceMac(
        { ...m, protectedHeader: new Map([[1, 6]]) },
        { key: fromHex(EMAC), deviceAuthentication: aad },
      ),
    ).toBe(false);
    expect(verifyDeviceMac({ ...m, payload: aad }, { key: fromHex(EMAC), deviceAuthentication: aad })).toBe(
      false,
    );
    expect(
      verifyDeviceMac(
        { ...m, tag: m.tag.subarray(0, 16) },
        { key: fromHex(EMAC), deviceAuthentication: aad },
      ),
    ).toBe(false);
  });

  it('IssuerSignedItem bytes are the tag-24 encoding as received', () => {
    const items = doc.issuerSigned.nameSpaces.get('org.iso.18013.5.1')!;
    expect(items.map((i) => i.elementIdentifier)).toEqual([
      'family_name',
      'issue_date',
      'expiry_date',
      'document_number',
      'portrait',
      'driving_privileges',
    ]);
    expect(toHex(response)).toContain(toHex(items[4]!.bytes));
    expect(sha256(items[0]!.bytes)).toBe('75167333b47b6c2bfb86eccc1f438cf57af055371ac55e1e359e20f254adcebf');
  });

  it('decoders refuse malformed structures with ERR_STRUCTURE', () => {
    const err = expect.objectContaining({ code: 'ERR_STRUCTURE' });
    const item = (m: Map<string, unknown>) => new Tag(encodeCbor(m), 24);
    const good = new Map<string, unknown>([
      ['digestID', 1],
      ['random', new Uint8Array(16)],
      ['elementIdentifier', 'x'],
      ['elementValue', 1],
    ]);
    expect(decodeIssuerSignedItem(item(good)).digestID).toBe(1);
    expect(() => decodeIssuerSignedItem(encodeCbor(good))).toThrow(err);
    expect(() => decodeIssuerSignedItem(item(new Map([...good, ['random', new Uint8Array(15)]])))).toThrow(
      err,
    );
    expect(() => decodeIssuerSignedItem(item(new Map([...good, ['digestID', -1]])))).toThrow(err);
    expect(() => decodeIssuerSignedItem(item(new Map([...good, ['extra', 1]])))).toThrow(err);
    const noValue = new Map(good);
    noValue.delete('elementValue');
    expect(() => decodeIssuerSignedItem(item(noValue))).toThrow(err);
    expect(() =>
      decodeDeviceSigned(
        new Map<string, unknown>([
          ['nameSpaces', new Tag(Uint8Array.of(0xa0), 24)],
          ['deviceAuth', new Map()],
        ]),
      ),
    ).toThrow(err);
    expect(() =>
      decodeDeviceResponse(
        encodeCbor(
          new Map<string, unknown>([
            ['version', '2.0'],
            ['status', 0],
          ]),
        ),
      ),
    ).toThrow(err);
    expect(() =>
      decodeMobileSecurityObject(encodeCbor(new Tag(encodeCbor(new Map([['version', '1.0']])), 24))),
    ).toThrow(err);
  });

  it('MSO encode → decode keeps every field (tdate, deviceKey, digests)', () => {
    const mso = decodeMobileSecurityObject(doc.issuerSigned.issuerAuth.payload!);
    const again = decodeMobileSecurityObject(
      encodeMobileSecurityObject({
        digestAlgorithm: mso.digestAlgorithm,
        valueDigests: mso.valueDigests,
        deviceKey: mso.deviceKey,
        docType: mso.docType,
        validityInfo: mso.validityInfo,
        status: new Map([
          [
            'status_list',
            new Map<string, unknown>([
              ['idx', 3],
              ['uri', 'https://example.cn/s'],
            ]),
          ],
        ]),
      }),
    );
    expect(again.valueDigests).toEqual(mso.valueDigests);
    expect(again.validityInfo).toEqual(mso.validityInfo);
    expect(again.deviceKey).toEqual(mso.deviceKey);
    expect(again.status?.get('status_list')).toBeInstanceOf(Map);
  });
});

describe('IssuerSignedItem encode/decode (property)', () => {
  it('decoding an encoded item gives its fields back and the same digest bytes', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 0xffffffff }),
        fc.uint8Array({ minLength: 16, maxLength: 48 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.uint8Array({ maxLength: 300 })),
        (digestID, random, elementIdentifier, elementValue) => {
          const bytes = encodeIssuerSignedItem({ digestID, random, elementIdentifier, elementValue });
          const item = decodeIssuerSignedItem(decodeCbor(bytes));
          expect(toHex(item.bytes)).toBe(toHex(bytes));
          expect(item.digestID).toBe(digestID);
          expect(item.random).toEqual(random);
          expect(item.elementIdentifier).toBe(elementIdentifier);
          expect(item.elementValue).toEqual(elementValue);
        },
      ),
    );
  });

  it('full-date values survive as tag 1004; short salts are refused', () => {
    const bytes = encodeIssuerSignedItem({
      digestID: 0,
      random: new Uint8Array(16),
      elementIdentifier: 'd',
      elementValue: fullDate('2026-01-02'),
    });
    expect(decodeIssuerSignedItem(decodeCbor(bytes)).elementValue).toEqual(new Tag('2026-01-02', 1004));
    expect(() =>
      encodeIssuerSignedItem({
        digestID: 0,
        random: new Uint8Array(8),
        elementIdentifier: 'd',
        elementValue: 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});
