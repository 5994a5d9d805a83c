import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { describe, expect, it } from 'vitest';
import { createIacaCertificate } from '../src/index.js';

describe('IACA certificate inputs', () => {
  const crypto = createNativeCrypto();
  const subject = { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH mDL IACA' };
  it.each([
    ['an invalid notBefore', new Date(Number.NaN), new Date('2036-01-01T00:00:00Z')],
    ['an invalid notAfter', new Date('2026-01-01T00:00:00Z'), new Date('not a date')],
    ['notAfter before notBefore', new Date('2036-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z')],
  ])('%s is a typed misuse error, not a RangeError', async (_n, notBefore, notAfter) => {
    const key = await crypto.generateKeyPair('ES256');
    await expect(
      createIacaCertificate({ subject, notBefore, notAfter }, { key: key.privateKey, crypto }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });
});
