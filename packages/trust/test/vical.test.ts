import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '@deltaid/core';
import { describe, expect, it } from 'vitest';
import { vicalEntryFromCertificate } from '../src/lib/vical-entry.js';
import { createVicalRegistry } from '../src/vical/create-vical-registry.js';
import { importVical } from '../src/vical/import-vical.js';
import { parseCertificate, pemToDer } from '../src/x509/parse-certificate.js';
import { crypto, flip } from './trust-fixtures.js';

const dir = new URL('./vectors/iso18013-5/', import.meta.url);
const read = (f: string) => new Uint8Array(readFileSync(new URL(f, dir)));
const text = (f: string) => readFileSync(new URL(f, dir), 'utf8');

const aamvaBytes = read('sample_aamva_vical_2025-11-18.cbor');
const rdwBytes = read('sample_rdw_test_vical_20250225.cbor');
const aamvaRoot = text('sample_aamva_dts_root_ca.pem');
/** 2025-11-18T20:00:00Z: after the AAMVA VICAL's date, before its nextUpdate (+1 day). */
const AAMVA_NOW = Date.UTC(2025, 10, 18, 20) / 1000;
const RDW_NOW = Date.UTC(2025, 5, 1) / 1000;
/** SHA-256 of the RDW VICAL signer certificate (CN=RDW Vical Test Signer), pinned: its root is not published. */
const RDW_SIGNER_SHA256 = '04936e74cadf56fd0a7fcf7a4f8239d1dc7837fb2a8d62550443653da0865d57';

async function rdwSigner(): Promise<Uint8Array> {
  // The signer is the single x5chain certificate; it is pinned by fingerprint before it is trusted.
  const { decodeSign1, decodeCbor, ALLOWED_TAGS } = await import('@deltaid/core');
  const s = decodeSign1(decodeCbor(rdwBytes, { allowedTags: new Set([...ALLOWED_TAGS, 2]) }));
  const cert = s.unprotectedHeader.get(33);
  if (!(cert instanceof Uint8Array)) throw new Error('no x5chain');
  expect(toHex(await crypto.digest('SHA-256', cert))).toBe(RDW_SIGNER_SHA256);
  return cert;
}

describe('ISO 18013-5 Annex C: the AAMVA VICAL', async () => {
  const r = await importVical(aamvaBytes, { anchors: [aamvaRoot], crypto, now: AAMVA_NOW });

  it('parses, its signature verifies and its signer chains to the pinned AAMVA DTS root', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.vical.provider).toBe('AAMVA');
    expect(r.vical.version).toBe('1.0');
    expect(r.vical.issueId).toBe(227602);
    expect(r.vical.date).toBe(Date.UTC(2025, 10, 18, 18, 38, 12) / 1000);
    expect(r.vical.nextUpdate).toBe(Date.UTC(2025, 10, 19, 18, 38, 12) / 1000);
    expect(r.vical.entries).toHaveLength(14);
    expect(r.vical.skipped).toEqual([]);
  });

  it('unwraps the DER-wrapped ski (04 16 04 14 ‖ keyId) to the certificate key identifier', () => {
    if (!r.ok) throw new Error(r.code);
    const md = r.vical.entries[0]!;
    expect(toHex(md.ski)).toBe('4e9ad1cda14127548b8c9b0ed35b652c2438605d');
    for (const e of r.vical.entries) {
      expect(e.ski).toHaveLength(20);
      expect(e.docTypes).toEqual(['org.iso.18013.5.1.mDL']);
    }
  });

  it('normalises mixed state codes (AK → US-AK) and reads capitalised keys', () => {
    if (!r.ok) throw new Error(r.code);
    const subs = r.vical.entries.map((e) => e.subdivision);
    expect(subs).toEqual([
      'US-MD',
      'US-UT',
      'US-VA',
      'US-VA',
      'US-CO',
      'US-GA',
      'US-AK',
      'US-ND',
      'US-UT',
      'US-AZ',
      'US-AZ',
      'US-AZ',
      'US-MT',
      'US-MD',
    ]);
    const ak = r.vical.entries[6]!;
    expect(ak.alg).toBe('ES384');
    expect(ak.publicKey?.crv).toBe('P-384');
    expect(r.vical.entries.filter((e) => e.alg === 'ES256')).toHaveLength(13);
  });

  it('is refused without the pinned root, with another root, tampered, or stale', async () => {
    const annexRoot = text('annexD_iaca_root.pem');
    expect(await importVical(aamvaBytes, { anchors: [annexRoot], crypto, now: AAMVA_NOW })).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_ISSUER',
    });
    const tampered = aamvaBytes.slice();
    tampered.set(flip(tampered, -200));
    expect(await importVical(tampered, { anchors: [aamvaRoot], crypto, now: AAMVA_NOW })).toMatchObject({
      ok: false,
      code: 'ERR_SIGNATURE',
    });
    const dayAfter = AAMVA_NOW + 2 * 86_400;
    expect(await importVical(aamvaBytes, { anchors: [aamvaRoot], crypto, now: dayAfter })).toMatchObject({
      ok: false,
      code: 'ERR_TRUST_LIST_STALE',
    });
    expect(
      await importVical(aamvaBytes, {
        anchors: [aamvaRoot],
        crypto,
        now: dayAfter,
        stalePolicy: { graceSeconds: 0, after: 'warn' },
      }),
    ).toMatchObject({ ok: true, vical: { warnings: ['STALE'] } });
    // The Vical-Signer-01 certificate expires 2026-04-18T17:38:41Z.
    expect(
      await importVical(aamvaBytes, {
        anchors: [aamvaRoot],
        crypto,
        now: Date.UTC(2026, 3, 19) / 1000,
        stalePolicy: { graceSeconds: 0, after: 'warn' },
      }),
    ).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
  });

  it('truncated or garbage input -> typed codes', async () => {
    for (const bytes of [
      aamvaBytes.subarray(0, 100),
      new Uint8Array(0),
      Uint8Array.of(0x84, 0x40, 0xa0, 0xf6, 0x40),
    ]) {
      const res = await importVical(bytes, { anchors: [aamvaRoot], crypto, now: AAMVA_NOW });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(['ERR_CBOR', 'ERR_STRUCTURE']).toContain(res.code);
    }
  });
});

describe('ISO 18013-5 Annex C: the RDW test VICAL', async () => {
  const signer = await rdwSigner();
  const r = await importVical(rdwBytes, { anchors: [signer], crypto, now: RDW_NOW });

  it('parses and its signature verifies under the pinned signer certificate', () => {
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.vical.provider).toBe('RDW');
    expect(r.vical.issueId).toBe(5);
    expect(r.vical.entries.length + r.vical.skipped.length).toBe(45);
    expect(r.vical.entries).toHaveLength(45);
    expect(new Set(r.vical.entries.map((e) => e.issuingCountry)).size).toBe(20);
    const docTypes = new Set(r.vical.entries.flatMap((e) => e.docTypes));
    for (const d of [
      'org.iso.18013.5.1.mDL',
      'eu.europa.ec.eudi.pid.1',
      'org.iso.23220.photoid.1',
      'org.iso.7367.1.mVRC',
    ]) {
      expect(docTypes).toContain(d);
    }
  });

  it('lists for every IACA the key identifier its certificate carries', () => {
    if (!r.ok) throw new Error(r.code);
    // The shared README says three NL IACAs lack the SKI extension; in this file all 45 carry it (checked
    // with openssl too), two of them (IE, NL "Animo") with a 65-byte identifier: the raw public key.
    const sizes = r.vical.entries.map((e) => e.ski.length);
    expect(sizes.filter((n) => n === 20)).toHaveLength(43);
    expect(sizes.filter((n) => n === 65)).toHaveLength(2);
    for (const e of r.vical.entries)
      expect(toHex(e.ski)).toBe(toHex(parseCertificate(e.certificate).subjectKeyId!));
  });

  it('falls back to the VICAL ski, unwrapped, for a certificate without the SKI extension', () => {
    const iaca = parseCertificate(pemToDer(text('annexD_iaca_root.pem')));
    const keyId = fromHex('54fa2383a04c28e0d930792261c80c4881d2c00b');
    const wrapped = fromHex(`04160414${toHex(keyId)}`);
    const e = vicalEntryFromCertificate(
      { ...iaca, subjectKeyId: undefined },
      { docTypes: ['x'], ski: wrapped },
    );
    expect(toHex(e.ski)).toBe(toHex(keyId));
    const bare = vicalEntryFromCertificate(
      { ...iaca, subjectKeyId: undefined },
      { docTypes: ['x'], ski: keyId },
    );
    expect(toHex(bare.ski)).toBe(toHex(keyId));
    expect(() =>
      vicalEntryFromCertificate({ ...iaca, subjectKeyId: undefined }, { docTypes: ['x'] }),
    ).toThrow(expect.objectContaining({ code: 'ERR_TRUST_LIST' }));
  });

  it('is refused under the AAMVA root', async () => {
    expect(await importVical(rdwBytes, { anchors: [aamvaRoot], crypto, now: RDW_NOW })).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_ISSUER',
    });
  });
});

describe('VICAL registry: document signer certificates (ISO 18013-5 Annex D chain)', async () => {
  const aamva = await importVical(aamvaBytes, { anchors: [aamvaRoot], crypto, now: AAMVA_NOW });
  if (!aamva.ok) throw new Error(aamva.code);
  const ds = fromHex(text('annexD_ds_cert.der.hex').trim());
  const iaca = parseCertificate(pemToDer(text('annexD_iaca_root.pem')));
  const withUtopia = {
    ...aamva.vical,
    entries: [
      ...aamva.vical.entries,
      vicalEntryFromCertificate(iaca, { docTypes: ['org.iso.18013.5.1.mDL'] }),
    ],
  };
  const reg = createVicalRegistry([withUtopia], { crypto });
  const AT = Date.UTC(2021, 0, 1) / 1000;

  it('resolves the Annex D DS certificate to the utopia IACA and returns the DS key', async () => {
    const r = await reg.lookupCertificate({ chain: [ds], docType: 'org.iso.18013.5.1.mDL', at: AT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(toHex(r.iaca.ski)).toBe('54fa2383a04c28e0d930792261c80c4881d2c00b');
    expect(r.key.alg).toBe('ES256');
  });

  it('refuses another document type, an expired chain, and an unknown issuer', async () => {
    expect(
      await reg.lookupCertificate({ chain: [ds], docType: 'eu.europa.ec.eudi.pid.1', at: AT }),
    ).toMatchObject({
      ok: false,
      code: 'ERR_ISSUER_NOT_AUTHORISED',
    });
    expect(
      await reg.lookupCertificate({
        chain: [ds],
        docType: 'org.iso.18013.5.1.mDL',
        at: Date.UTC(2022, 0, 1) / 1000,
      }),
    ).toMatchObject({ ok: false, code: 'ERR_EXPIRED' });
    const plain = createVicalRegistry([aamva.vical], { crypto });
    expect(
      await plain.lookupCertificate({ chain: [ds], docType: 'org.iso.18013.5.1.mDL', at: AT }),
    ).toMatchObject({
      ok: false,
      code: 'ERR_UNKNOWN_ISSUER',
    });
  });

  it('refuses a DS certificate whose signature was altered', async () => {
    const bad = ds.slice();
    bad.set(flip(bad, -5));
    expect(
      await reg.lookupCertificate({ chain: [bad], docType: 'org.iso.18013.5.1.mDL', at: AT }),
    ).toMatchObject({
      ok: false,
      code: 'ERR_SIGNATURE',
    });
  });
});
