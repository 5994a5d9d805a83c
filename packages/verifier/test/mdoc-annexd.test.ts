// ISO/IEC 18013-5:2021 Annex D conformance: the D.4.1.2 DeviceResponse verifies with the README's clock,
// IACA, SessionTranscript and reader key, and every negative case fails with its code.
import { createECDH, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CryptoProvider,
  decodeCbor,
  decodeDeviceResponse,
  decodeMobileSecurityObject,
  encodeCbor,
  fromHex,
  isTag,
  Tag,
  toHex,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { importVical } from '@deltaid/trust';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createCertificateCache,
  type VerifyDeviceResponseOptions,
  verifyDeviceResponse,
} from '../src/index.js';

const dir = join(import.meta.dirname, 'vectors', 'iso18013-5');
const hex = (name: string) => fromHex(readFileSync(join(dir, name), 'utf8').trim());
const expected = JSON.parse(readFileSync(join(dir, 'annexD_expected_verification.json'), 'utf8'));
const response = hex('annexD_device_response.hex');
const iaca = hex('annexD_iaca_root.der.hex');
const dsCert = hex('annexD_ds_cert.der.hex');
const transcript = hex('annexD_session_transcript_bytes.hex');
const readerD = fromHex(JSON.parse(readFileSync(join(dir, 'annexD_keys.json'), 'utf8')).ephemeralReaderKey.d);
const sha256 = (b: Uint8Array) => new Uint8Array(createHash('sha256').update(b).digest());
const AT = Date.parse('2021-01-01T00:00:00Z');

function opts(
  crypto: CryptoProvider,
  over: Partial<VerifyDeviceResponseOptions> = {},
): VerifyDeviceResponseOptions {
  return {
    trustedIacas: [iaca],
    sessionTranscript: transcript,
    eReaderKeyPriv: readerD,
    now: () => AT,
    crypto,
    ...over,
  };
}

/** The README's JSON notation for decoded element values. */
function toJson(v: unknown): unknown {
  if (isTag(v, 1004)) return { 'full-date(tag1004)': v.value };
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), toJson(x)]));
  if (Array.isArray(v)) return v.map(toJson);
  return v;
}

/** Decoded DeviceResponse as a mutable tree, for building the negative cases. */
function tree() {
  const root = decodeCbor(response);
  if (!(root instanceof Map)) throw new Error('fixture');
  const doc = root.get('documents')[0] as Map<string, unknown>;
  const issuerSigned = doc.get('issuerSigned') as Map<string, unknown>;
  const items = (issuerSigned.get('nameSpaces') as Map<string, Tag[]>).get('org.iso.18013.5.1') as Tag[];
  return { root, doc, issuerSigned, items };
}

describe.each([
  ['native', createNativeCrypto()],
  ['portable', createPortableCrypto()],
] as const)('ISO 18013-5 Annex D DeviceResponse (%s crypto)', (_name, crypto) => {
  it('verifies and outputs exactly annexD_expected_verification.json', async () => {
    const r = await verifyDeviceResponse(response, opts(crypto));
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.version).toBe(expected.deviceResponse.version);
    expect(r.status).toBe(expected.deviceResponse.status);
    expect(r.documents).toHaveLength(expected.deviceResponse.documents);
    const doc = r.documents[0]!;
    expect(doc.docType).toBe(expected.docType);
    expect(doc.passed).toEqual([
      'decode',
      'issuer',
      'signature',
      'doctype',
      'validity',
      'digests',
      'authorisation',
      'device',
      'status',
    ]);
    expect(doc.deviceAuth).toBe('mac');
    expect(doc.documentSigner).toEqual(dsCert);
    expect(doc.validity?.signed.toISOString()).toBe('2020-10-01T13:30:02.000Z');
    expect(doc.validity?.validFrom.toISOString()).toBe('2020-10-01T13:30:02.000Z');
    expect(doc.validity?.validUntil.toISOString()).toBe('2021-10-01T13:30:02.000Z');
    expect(Object.keys(doc.elements)).toEqual(['org.iso.18013.5.1']);
    const els = doc.elements['org.iso.18013.5.1']!;
    expect(Object.keys(els)).toHaveLength(6);
    for (const e of expected.disclosedElements_all_digests_match) {
      const v = els[e.elementIdentifier];
      if (e.elementIdentifier === 'portrait') {
        if (!(v instanceof Uint8Array)) throw new Error('portrait must be bytes');
        expect(v).toEqual(hex('annexD_portrait.jpg.hex'));
        expect(v.length).toBe(e.elementValue.bstr_len);
        expect(toHex(sha256(v))).toBe(e.elementValue.sha256);
      } else {
        expect(toJson(v)).toEqual(e.elementValue);
      }
    }
    expect(doc.deviceElements).toEqual({});
  });

  it('reads the MSO exactly as the README lists it', () => {
    const res = decodeDeviceResponse(response);
    const d = res.documents[0]!;
    expect(d.issuerSigned.x5chain).toEqual([dsCert]);
    const mso = decodeMobileSecurityObject(d.issuerSigned.issuerAuth.payload!);
    expect(mso.version).toBe('1.0');
    expect(mso.digestAlgorithm).toBe('SHA-256');
    const digests: Record<string, Record<string, string>> = {};
    for (const [ns, m] of mso.valueDigests) {
      digests[ns] = Object.fromEntries([...m].map(([id, dg]) => [String(id), toHex(dg)]));
    }
    expect(digests).toEqual(expected.mso.valueDigests);
    expect(
      toHex(
        Uint8Array.from(atob(mso.deviceKey.x.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
      ),
    ).toBe(expected.mso.deviceKey.x);
    for (const [i, item] of (d.issuerSigned.nameSpaces.get('org.iso.18013.5.1') ?? []).entries()) {
      const e = expected.disclosedElements_all_digests_match[i];
      expect(item.digestID).toBe(e.digestID);
      expect(toHex(item.random)).toBe(e.random);
      expect(toHex(sha256(item.bytes))).toBe(e.digest_sha256_over_tag24_encoding);
    }
  });

  it('re-encodes the decoded response byte for byte (untouched parts stay identical)', () => {
    expect(toHex(encodeCbor(decodeCbor(response)))).toBe(toHex(response));
  });

  const fails = async (
    bytes: Uint8Array,
    code: string,
    check: string,
    over: Partial<VerifyDeviceResponseOptions> = {},
  ) => {
    const r = await verifyDeviceResponse(bytes, opts(crypto, over));
    expect(r.valid).toBe(false);
    expect(r.errors[0]).toMatchObject({ code, check });
    expect(r.documents[0]?.elements ?? {}).toEqual({});
  };

  it('flipped byte inside a disclosed item → ERR_MDOC_DIGEST', async () => {
    const h = toHex(response);
    const at = h.indexOf('63446f65'); // text(3) "Doe"
    expect(at).toBeGreaterThan(0);
    expect(h.indexOf('63446f65', at + 1)).toBe(-1);
    await fails(fromHex(`${h.slice(0, at)}63446f66${h.slice(at + 8)}`), 'ERR_MDOC_DIGEST', 'digests');
  });

  it('item re-encoded with another map order → ERR_MDOC_DIGEST (received bytes are hashed)', async () => {
    const t = tree();
    const first = t.items[0]!;
    const inner = decodeCbor(first.value as Uint8Array) as Map<string, unknown>;
    const reordered = encodeCbor(new Map([...inner].reverse()));
    expect(reordered.length).toBe((first.value as Uint8Array).length);
    expect(toHex(reordered)).not.toBe(toHex(first.value as Uint8Array));
    t.items[0] = new Tag(reordered, 24);
    await fails(encodeCbor(t.root), 'ERR_MDOC_DIGEST', 'digests');
  });

  it('item without its tag-24 wrapper → ERR_STRUCTURE', async () => {
    const t = tree();
    t.items[0] = t.items[0]!.value as never;
    await fails(encodeCbor(t.root), 'ERR_STRUCTURE', 'decode');
  });

  it('digest over the item without the tag-24 wrapper does not match the MSO', () => {
    const d = decodeDeviceResponse(response).documents[0]!;
    const item = d.issuerSigned.nameSpaces.get('org.iso.18013.5.1')![0]!;
    const withoutTag = item.bytes.subarray(2); // drops d8 18, keeps the bstr
    expect(toHex(sha256(withoutTag))).not.toBe(expected.mso.valueDigests['org.iso.18013.5.1']['0']);
    expect(toHex(sha256(item.bytes))).toBe(expected.mso.valueDigests['org.iso.18013.5.1']['0']);
  });

  it('transcript with the QR DeviceEngagement instead of the NFC one → ERR_MDOC_DEVICE_AUTH', async () => {
    const outer = decodeCbor(transcript) as Tag;
    const st = decodeCbor(outer.value as Uint8Array) as unknown[];
    st[0] = new Tag(hex('annexD_device_engagement.hex'), 24);
    const wrong = encodeCbor(new Tag(encodeCbor(st), 24));
    await fails(response, 'ERR_MDOC_DEVICE_AUTH', 'device', { sessionTranscript: wrong });
  });

  it('bare SessionTranscript (without tag 24) is accepted as the same transcript', async () => {
    const outer = decodeCbor(transcript) as Tag;
    const r = await verifyDeviceResponse(
      response,
      opts(crypto, { sessionTranscript: outer.value as Uint8Array }),
    );
    expect(r.valid).toBe(true);
  });

  it('an injected node:crypto ECDH gives the same verdicts', async () => {
    const ecdh = (d: Uint8Array, pub: Uint8Array) => {
      const e = createECDH('prime256v1');
      e.setPrivateKey(d);
      return new Uint8Array(e.computeSecret(pub));
    };
    expect((await verifyDeviceResponse(response, opts(crypto, { ecdh }))).valid).toBe(true);
    const other = fromHex(
      JSON.parse(readFileSync(join(dir, 'annexD_keys.json'), 'utf8')).ephemeralDeviceKey.d,
    );
    await fails(response, 'ERR_MDOC_DEVICE_AUTH', 'device', { ecdh, eReaderKeyPriv: other });
  });

  it('wrong reader key → ERR_MDOC_DEVICE_AUTH; no reader key → ERR_MDOC_DEVICE_AUTH', async () => {
    const other = fromHex(
      JSON.parse(readFileSync(join(dir, 'annexD_keys.json'), 'utf8')).ephemeralDeviceKey.d,
    );
    await fails(response, 'ERR_MDOC_DEVICE_AUTH', 'device', { eReaderKeyPriv: other });
    const { eReaderKeyPriv: _, ...noKey } = opts(crypto);
    const r = await verifyDeviceResponse(response, noKey);
    expect(r.errors[0]).toMatchObject({ code: 'ERR_MDOC_DEVICE_AUTH' });
  });

  it("expired at today's date → ERR_EXPIRED; before the DS certificate → ERR_NOT_YET_VALID", async () => {
    await fails(response, 'ERR_EXPIRED', 'issuer', { now: () => Date.parse('2026-11-28T00:00:00Z') });
    await fails(response, 'ERR_NOT_YET_VALID', 'issuer', { now: () => Date.parse('2020-09-01T00:00:00Z') });
  });

  it('MSO window checked with skew: after validUntil but within the DS validity is impossible here, so before validFrom', async () => {
    // DS cert valid from 2020-10-01T00:00:00Z, MSO from 13:30:02Z: an hour before the MSO fails on the MSO.
    await fails(response, 'ERR_NOT_YET_VALID', 'validity', { now: () => Date.parse('2020-10-01T12:30:00Z') });
    const r = await verifyDeviceResponse(
      response,
      opts(crypto, { now: () => Date.parse('2020-10-01T13:29:30Z') }),
    );
    expect(r.valid).toBe(true); // within the default 60 s skew
  });

  it('a warm certificate cache gives the same verdicts (valid twice, then expired, then unknown IACA)', async () => {
    const certificateCache = createCertificateCache();
    expect((await verifyDeviceResponse(response, opts(crypto, { certificateCache }))).valid).toBe(true);
    expect((await verifyDeviceResponse(response, opts(crypto, { certificateCache }))).valid).toBe(true);
    expect(certificateCache.parsed.size).toBe(2);
    expect(certificateCache.verified.size).toBe(1);
    await fails(response, 'ERR_EXPIRED', 'issuer', {
      certificateCache,
      now: () => Date.parse('2026-11-28T00:00:00Z'),
    });
    await fails(response, 'ERR_UNKNOWN_ISSUER', 'issuer', {
      certificateCache,
      trustedIacas: [hex('annexD_reader_root.der.hex')],
    });
  });

  it('IACAs loaded from the real AAMVA VICAL serve as trust anchors next to the Annex D IACA', async () => {
    const imported = await importVical(readFileSync(join(dir, 'sample_aamva_vical_2025-11-18.cbor')), {
      anchors: [readFileSync(join(dir, 'sample_aamva_dts_root_ca.pem'), 'utf8')],
      crypto,
      now: Date.UTC(2025, 10, 18, 20) / 1000,
    });
    if (!imported.ok) throw new Error(imported.reason);
    const vicalIacas = imported.vical.entries.map((e) => e.certificate);
    expect(vicalIacas.length).toBe(14);
    expect(
      (await verifyDeviceResponse(response, opts(crypto, { trustedIacas: [...vicalIacas, iaca] }))).valid,
    ).toBe(true);
    await fails(response, 'ERR_UNKNOWN_ISSUER', 'issuer', { trustedIacas: vicalIacas });
  });

  it('IACA not trusted → ERR_UNKNOWN_ISSUER', async () => {
    await fails(response, 'ERR_UNKNOWN_ISSUER', 'issuer', {
      trustedIacas: [hex('annexD_reader_root.der.hex')],
    });
  });

  it('tampered issuer signature → ERR_SIGNATURE', async () => {
    const t = tree();
    const auth = t.issuerSigned.get('issuerAuth') as unknown[];
    const sig = (auth[3] as Uint8Array).slice();
    sig[10] = (sig[10] ?? 0) ^ 1;
    auth[3] = sig;
    await fails(encodeCbor(t.root), 'ERR_SIGNATURE', 'signature');
  });

  it('document docType differing from the MSO → ERR_MDOC_DOCTYPE; unrequested docType → ERR_MDOC_DOCTYPE', async () => {
    const t = tree();
    t.doc.set('docType', 'org.iso.18013.5.1.mDX');
    await fails(encodeCbor(t.root), 'ERR_MDOC_DOCTYPE', 'doctype');
    await fails(response, 'ERR_MDOC_DOCTYPE', 'doctype', { docType: 'org.iso.23220.photoid.1' });
  });

  it('x5chain as an array (one or two certificates) verifies the same', async () => {
    for (const chain of [[dsCert], [dsCert, iaca]]) {
      const t = tree();
      const auth = t.issuerSigned.get('issuerAuth') as unknown[];
      auth[1] = new Map([[33, chain]]);
      const r = await verifyDeviceResponse(encodeCbor(t.root), opts(crypto));
      expect(r.errors).toEqual([]);
    }
  });

  it('any corrupted byte yields data, never an exception, and no valid result unless only the version changed', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: response.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (at, x) => {
          const bad = response.slice();
          bad[at] = (bad[at] ?? 0) ^ x;
          const r = await verifyDeviceResponse(bad, opts(crypto));
          // The one unauthenticated field a flip can leave acceptable is the minor version ("1.0" → "1.x").
          if (r.valid) expect(r.version).not.toBe('1.0');
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a renamed key in IssuerSigned (nameSpaces → oameSpaces) is ERR_STRUCTURE, not a valid empty disclosure', async () => {
    const h = toHex(response);
    const at = h.indexOf(toHex(new TextEncoder().encode('nameSpaces')));
    await fails(fromHex(`${h.slice(0, at)}6f${h.slice(at + 2)}`), 'ERR_STRUCTURE', 'decode');
  });

  it('garbage, truncation and status ≠ 0 fail as data', async () => {
    expect((await verifyDeviceResponse(response.subarray(0, 100), opts(crypto))).errors[0]?.code).toBe(
      'ERR_CBOR',
    );
    expect((await verifyDeviceResponse(Uint8Array.of(0xa0), opts(crypto))).errors[0]?.code).toBe(
      'ERR_STRUCTURE',
    );
    const t = tree();
    t.root.set('status', 10);
    const r = await verifyDeviceResponse(encodeCbor(t.root), opts(crypto));
    expect(r.valid).toBe(false);
    expect(r.errors[0]?.detail).toBe('DeviceResponse status 10');
  });
});
