import { writeFileSync } from 'node:fs';
import {
  decodeCbor,
  decodePresentation,
  decodeSign1,
  toHex,
  verifyPresentationSignatures,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { describe, expect, it } from 'vitest';
import { DL_CLAIMS, EID_CLAIMS, VL_CLAIMS } from './fixtures.js';
import { diagnostic, ed25519Jwk, GOLDEN_PATH, type GoldenVector, generate, readGolden } from './golden.js';

const SPECS = [
  {
    name: 'sh-eid-checkin',
    docType: 'cn.gov.mps.eid.1',
    purpose: 'checkin',
    claims: EID_CLAIMS,
    issuerId: 'sh-eid',
  },
  { name: 'sh-eid-age', docType: 'cn.gov.mps.eid.1', purpose: 'age', claims: EID_CLAIMS, issuerId: 'sh-eid' },
  {
    name: 'js-dl-traffic',
    docType: 'cn.gov.mps.dl.1',
    purpose: 'traffic',
    claims: DL_CLAIMS,
    issuerId: 'js-dl',
  },
  { name: 'zj-vl-full', docType: 'cn.gov.mps.vl.1', purpose: 'full', claims: VL_CLAIMS, issuerId: 'zj-vl' },
] as const;

const CLOCK = Date.UTC(2026, 10, 28, 10, 0, 0);
const RANDOMNESS = '0102030405060708a1a2a3a4a5a6a7a8';

describe('compact format golden vectors (docs/formats/compact-credential.vectors.json)', () => {
  const crypto = createNativeCrypto();

  it.runIf(process.env.UPDATE_GOLDEN === '1')('regenerates the vector file', async () => {
    const vectors: GoldenVector[] = [];
    for (const [i, s] of SPECS.entries()) {
      const issuerJwk = ed25519Jwk(0x10 + i);
      const holderJwk = ed25519Jwk(0x20 + i);
      const spec = {
        ...s,
        claims: { ...s.claims },
        clock: CLOCK,
        randomness: RANDOMNESS,
        status: { list: 1, index: 1000 + i },
      };
      const out = await generate(crypto, { ...spec, issuerJwk, holderJwk });
      const payload = decodeSign1(out.credential).payload!;
      vectors.push({
        ...spec,
        issuer: { alg: 'EdDSA', kid: toHex(out.kid), privateJwk: issuerJwk },
        holder: { alg: 'EdDSA', privateJwk: holderJwk },
        credentialHex: toHex(out.credential),
        credentialDiagnostic: `[h'${toHex(decodeSign1(out.credential).protectedBytes)}', {}, << ${diagnostic(decodeCbor(payload))} >>, h'…']`,
        presentationHex: toHex(out.presentation),
        text: out.text,
      });
    }
    const doc = {
      description:
        'Delta ID compact credential v1 golden vectors. TEST KEYS ONLY. Ed25519 keys from fixed seeds and fixed randomness (cti, nonce) make every byte reproducible; the test regenerates and compares.',
      vectors,
    };
    writeFileSync(GOLDEN_PATH, `${JSON.stringify(doc, null, 2)}\n`);
  });

  const vectors = readGolden();
  it('has a vector for every document type', () => {
    expect(new Set(vectors.map((v) => v.docType))).toEqual(
      new Set(['cn.gov.mps.eid.1', 'cn.gov.mps.dl.1', 'cn.gov.mps.vl.1']),
    );
  });

  for (const v of vectors) {
    it(`${v.name}: regenerates byte for byte`, async () => {
      const out = await generate(crypto, {
        ...v,
        issuerJwk: v.issuer.privateJwk,
        holderJwk: v.holder.privateJwk,
      });
      expect(toHex(out.kid)).toBe(v.issuer.kid);
      expect(toHex(out.credential)).toBe(v.credentialHex);
      expect(toHex(out.presentation)).toBe(v.presentationHex);
      expect(out.text).toBe(v.text);
    });

    it(`${v.name}: decodes to the claims and verifies with both providers`, async () => {
      const p = await decodePresentation(v.text);
      expect(p.credential.issuer).toBe(v.issuerId);
      expect(p.credential.status).toEqual(v.status);
      for (const [k, value] of Object.entries(p.credential.elements)) {
        if (k in v.claims) expect(value).toEqual(v.claims[k]);
      }
      for (const c of [crypto, createPortableCrypto()]) {
        const issuerKey = await c.importPublicKey('EdDSA', {
          kty: 'OKP',
          crv: 'Ed25519',
          x: v.issuer.privateJwk.x,
        });
        expect((await verifyPresentationSignatures(p, { issuerKey, crypto: c })).ok).toBe(true);
      }
    });
  }
});
