import { readFileSync } from 'node:fs';
import { fromHex, toHex } from '@deltaid/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, isValidCreditCode } from '../src/lib/credit-code.js';
import { parseDer } from '../src/lib/der.js';
import { ecdsaDerToRaw, parseCertificate, pemToDer } from '../src/x509/parse-certificate.js';
import { verifyChain } from '../src/x509/verify-certificate-chain.js';
import { crypto, flip } from './trust-fixtures.js';

const dir = new URL('./vectors/iso18013-5/', import.meta.url);
const text = (f: string) => readFileSync(new URL(f, dir), 'utf8');

describe('GB 32100-2015 unified social credit code', () => {
  it('accepts published codes (the standard’s example, Tencent, Huawei, Alibaba)', () => {
    for (const code of [
      '91350100M000100Y43',
      '9144030071526726XG',
      '914403001922038216',
      '91330100716105852F',
    ]) {
      expect(isValidCreditCode(code)).toBe(true);
    }
  });

  it('refuses a wrong check character, a wrong length, letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    // I, O, S, V, Z are not in the alphabet.
    expect(creditCodeCheckChar('91350100M000100I4')).toBeUndefined();
    expect(isValidCreditCode('91350100m000100Y43')).toBe(false);
  });

  it('property: every single-character change of a valid code is detected', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...alphabet), minLength: 17, maxLength: 17 }),
        fc.nat({ max: 16 }),
        fc.constantFrom(...alphabet),
        (body, pos, ch) => {
          const code = body + creditCodeCheckChar(body);
          expect(isValidCreditCode(code)).toBe(true);
          const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
          expect(isValidCreditCode(changed)).toBe(changed === code);
        },
      ),
    );
  });
});

describe('RFC 5280 certificate parsing (bounded DER reader)', () => {
  const ds = parseCertificate(fromHex(text('annexD_ds_cert.der.hex').trim()));
  const iaca = parseCertificate(pemToDer(text('annexD_iaca_root.pem')));

  it('reads the Annex D document signer and IACA exactly', () => {
    expect(toHex(ds.authorityKeyId!)).toBe('54fa2383a04c28e0d930792261c80c4881d2c00b');
    expect(toHex(iaca.subjectKeyId!)).toBe('54fa2383a04c28e0d930792261c80c4881d2c00b');
    expect(toHex(ds.subjectKeyId!)).toBe('14e29017a6c35621ffc7a686b7b72db06cd12351');
    expect(toHex(ds.issuer)).toBe(toHex(iaca.subject));
    // 2020-10-01 .. 2021-10-01, midnight UTC (the 13:30:02 in the README is the MSO's validFrom).
    expect(ds.notBefore).toBe(Date.UTC(2020, 9, 1) / 1000);
    expect(ds.notAfter).toBe(Date.UTC(2021, 9, 1) / 1000);
    expect(ds.publicKey?.alg).toBe('ES256');
    expect(iaca.isCA).toBe(true);
    expect(iaca.keyCertSign).toBe(true);
    expect(ds.isCA).toBe(false);
    expect(ds.signature).toHaveLength(64);
  });

  it('the DS chains to the IACA only inside its validity period', async () => {
    const inside = Date.UTC(2021, 0, 1) / 1000;
    expect(await verifyChain([ds], [iaca], inside, crypto)).toBeUndefined();
    expect(await verifyChain([ds], [iaca], Date.UTC(2022, 0, 1) / 1000, crypto)).toMatchObject({
      code: 'ERR_EXPIRED',
    });
    expect(await verifyChain([ds], [iaca], Date.UTC(2020, 0, 1) / 1000, crypto)).toMatchObject({
      code: 'ERR_NOT_YET_VALID',
    });
    const reader = parseCertificate(pemToDer(text('annexD_reader_root.pem')));
    expect(await verifyChain([ds], [reader], inside, crypto)).toMatchObject({ code: 'ERR_UNKNOWN_ISSUER' });
    // A leaf is not a CA: a chain [ds, ds] is refused.
    expect(await verifyChain([ds, ds], [iaca], inside, crypto)).toMatchObject({ code: 'ERR_UNKNOWN_ISSUER' });
  });

  it('a certificate whose signature bytes were changed does not chain', async () => {
    const der = fromHex(text('annexD_ds_cert.der.hex').trim());
    const bad = parseCertificate(flip(der, -3));
    expect(await verifyChain([bad], [iaca], Date.UTC(2021, 0, 1) / 1000, crypto)).toMatchObject({
      code: 'ERR_UNKNOWN_ISSUER',
    });
  });

  it('ECDSA-Sig-Value → raw r‖s, left-padded', () => {
    const sig = fromHex('3007020101020200ff');
    expect(toHex(ecdsaDerToRaw(sig, 4))).toBe('00000001000000ff');
    expect(() => ecdsaDerToRaw(fromHex('300702010102020001'), 4)).toThrow(
      expect.objectContaining({ code: 'ERR_STRUCTURE' }),
    );
  });

  it('refuses malformed DER with ERR_STRUCTURE: indefinite and long lengths, truncation, trailing bytes', () => {
    for (const hex of ['3080', '30850000000001', '300500', '30020101ff', '', '1f0100', '3081050102030405']) {
      expect(() => parseDer(fromHex(hex))).toThrow(expect.objectContaining({ code: 'ERR_STRUCTURE' }));
    }
    expect(() => parseCertificate(new Uint8Array(70_000))).toThrow(
      expect.objectContaining({ code: 'ERR_STRUCTURE' }),
    );
  });

  it('property: any truncation or byte flip of a certificate fails closed or parses, never crashes', () => {
    const der = fromHex(text('annexD_ds_cert.der.hex').trim());
    fc.assert(
      fc.property(
        fc.nat({ max: der.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        fc.boolean(),
        (i, mask, cut) => {
          const input = cut ? der.subarray(0, i) : flip(der, i, mask);
          try {
            parseCertificate(input);
          } catch (err) {
            expect(err).toMatchObject({ name: 'DeltaIdError' });
            expect(['ERR_STRUCTURE', 'ERR_UNSUPPORTED', 'ERR_KEY']).toContain((err as { code: string }).code);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
