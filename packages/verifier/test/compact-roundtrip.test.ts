import { type DocType, decodePresentation, verifyPresentationSignatures } from '@deltaid/core';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { presentCompact } from '@deltaid/wallet';
import { describe, expect, it } from 'vitest';
import {
  clock,
  DL_CLAIMS,
  EID_CLAIMS,
  issue,
  makeFederation,
  makeHolder,
  makeIssuer,
  VL_CLAIMS,
} from './fixtures.js';

const code = (c: string) => expect.objectContaining({ code: c });

describe('compact credential: issue → present → decode → verify signatures', async () => {
  const f = await makeFederation();
  const cases: [
    string,
    keyof typeof f & ('sh' | 'js' | 'zj' | 'ah'),
    DocType,
    'checkin' | 'traffic' | 'full',
    unknown,
  ][] = [
    ['Shanghai e-ID (ES256)', 'sh', 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS],
    ['Jiangsu driving licence (SM2)', 'js', 'cn.gov.mps.dl.1', 'traffic', DL_CLAIMS],
    ['Zhejiang vehicle licence (EdDSA)', 'zj', 'cn.gov.mps.vl.1', 'full', VL_CLAIMS],
  ];
  for (const holderAlg of ['ES256', 'EdDSA', 'SM2'] as const) {
    for (const [name, who, docType, purpose, claims] of cases) {
      it(`${name}, holder ${holderAlg}`, async () => {
        const holder = await makeHolder(f.crypto, holderAlg);
        const issuer = f[who];
        const { credential } = await issue(f, issuer, holder, docType, purpose, claims, {
          status: { list: 1, index: 4242 },
        });
        const { text } = await presentCompact(
          { credential },
          { deviceKey: holder.deviceKey, crypto: f.crypto, clock },
        );
        expect(text.startsWith('YRD1:')).toBe(true);
        const p = await decodePresentation(text);
        expect(p.credential.docType).toBe(docType);
        expect(p.credential.purpose).toBe(purpose);
        expect(p.credential.kid).toEqual(issuer.entry.kid);
        expect(p.credential.status).toEqual({ list: 1, index: 4242 });
        expect(p.time).toBe(Math.floor(clock() / 1000));
        for (const [k, v] of Object.entries(p.credential.elements)) {
          if (k in (claims as object)) expect(v).toEqual((claims as Record<string, unknown>)[k]);
        }
        // Both providers verify what either produced.
        for (const crypto of [f.crypto, createPortableCrypto()]) {
          const key = await crypto.importPublicKey(issuer.entry.alg, issuer.entry.publicKey);
          const r = await verifyPresentationSignatures(p, { issuerKey: key, crypto });
          expect(r.ok).toBe(true);
        }
      });
    }
  }

  it('carries exactly the purpose elements (check-in has no issuing authority, age has no name)', async () => {
    const holder = await makeHolder(f.crypto);
    const checkin = await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential: checkin.credential },
      { deviceKey: holder.deviceKey, crypto: f.crypto, clock },
    );
    const p = await decodePresentation(text);
    expect(Object.keys(p.credential.elements).sort()).toEqual(
      ['address', 'birth_date', 'ethnicity', 'id_number', 'name', 'sex', 'valid_from', 'valid_until'].sort(),
    );
    const age = await issueAge(f, holder);
    const pa = await decodePresentation(
      (await presentCompact({ credential: age }, { deviceKey: holder.deviceKey, crypto: f.crypto, clock }))
        .text,
    );
    expect(pa.credential.elements).toEqual({
      valid_until: '2040-05-01',
      age_over_18: true,
      age_over_60: false,
    });
  });

  it('refuses a presentation signed by a key other than the cnf key', async () => {
    const holder = await makeHolder(f.crypto);
    const thief = await makeHolder(f.crypto);
    const { credential } = await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential },
      { deviceKey: thief.deviceKey, crypto: f.crypto, clock },
    );
    const p = await decodePresentation(text);
    const key = await f.crypto.importPublicKey('ES256', f.sh.entry.publicKey);
    expect(await verifyPresentationSignatures(p, { issuerKey: key, crypto: f.crypto })).toEqual({
      ok: false,
      code: 'ERR_HOLDER_SIGNATURE',
    });
  });

  it('refuses a credential verified with another issuer key', async () => {
    const holder = await makeHolder(f.crypto);
    const { credential } = await issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', EID_CLAIMS);
    const { text } = await presentCompact(
      { credential },
      { deviceKey: holder.deviceKey, crypto: f.crypto, clock },
    );
    const p = await decodePresentation(text);
    const other = await f.crypto.importPublicKey('ES256', f.ah.entry.publicKey);
    expect(await verifyPresentationSignatures(p, { issuerKey: other, crypto: f.crypto })).toEqual({
      ok: false,
      code: 'ERR_SIGNATURE',
    });
  });

  it('issuing refuses bad claims with ERR_CLAIMS naming the field', async () => {
    const holder = await makeHolder(f.crypto);
    await expect(
      issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'checkin', {
        ...EID_CLAIMS,
        id_number: '310115199003071238',
      }),
    ).rejects.toThrow(
      expect.objectContaining({ code: 'ERR_CLAIMS', message: expect.stringContaining('id_number') }),
    );
    const ve = await makeIssuer(f.crypto, 'CN-ZJ', 'ES256', ['cn.gov.mps.vl.1']);
    await expect(
      issue(f, ve, holder, 'cn.gov.mps.vl.1', 'full', { ...VL_CLAIMS, vin: 'LSVAU218XN2183295' }),
    ).rejects.toThrow(code('ERR_CLAIMS'));
    await expect(issue(f, f.sh, holder, 'cn.gov.mps.eid.1', 'traffic', EID_CLAIMS)).rejects.toThrow(
      code('ERR_INVALID_ARGUMENT'),
    );
  });

  async function issueAge(fed: typeof f, holder: Awaited<ReturnType<typeof makeHolder>>) {
    return (await issue(fed, fed.sh, holder, 'cn.gov.mps.eid.1', 'age', EID_CLAIMS)).credential;
  }
});
