import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { decodeCbor, encodeCbor } from '../src/cbor/index.js';
import { COSE_CRV, COSE_KEY, COSE_KTY, coseKeyToJwk, deriveKid, jwkToCoseKey } from '../src/cose/index.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import type { PrivateJwk, PublicJwk, SignatureAlg } from '../src/crypto/types.js';
import { isDeltaIdError } from '../src/errors.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const b64u = (h: string) => Buffer.from(h, 'hex').toString('base64url');
const crypto = createPortableCrypto();

function expectKeyError(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(isDeltaIdError(err, 'ERR_KEY')).toBe(true);
    return;
  }
  throw new Error('expected ERR_KEY');
}

// RFC 8392 Appendix A.2.3, "Example ECDSA P-256 256-Bit COSE Key", hex as published.
const RFC8392_A23 =
  'a72358206c1382765aec5358f117733d281c1c7bdc39884d04a45a1e6c67c858bc206c1922582060f7f1a780d8a783bfb7a2dd6b2796e8128dbbcef9d3d168db9529971a36e7b9215820143329cce7868e416927599cf65a34f3ce2ffda55a7eca69ed8919a394d42f0f2001010202524173796d6d6574726963454344534132353603' +
  '26';
// RFC 9052 C.7.1 public key "meriadoc.brandybuck@buckland.example" as WebAuthn (§6.5.1.1) prints it, with alg -7.
const RFC9052_C71 =
  'a501020326200121582065eda5a12577c2bae829437fe338701a10aaa375e1bb5b5de108de439c08551d2258201e52ed75701163f7f9e40ddf9f341b3dc9ba860af7e0ca7ca7e9eecd0084d19c';
// RFC 9052 C.7.2 private key "11" — the same key the COSE WG examples print as a JWK.
const KEY_11 = {
  x: 'bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff',
  y: '20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e',
  d: '57c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3',
};

describe('COSE_Key → JWK (RFC 9052 §7, RFC 9053 §7)', () => {
  it('RFC 8392 A.2.3 private P-256 key converts exactly', () => {
    const jwk = coseKeyToJwk(decodeCbor(hex(RFC8392_A23)));
    expect(jwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: b64u('143329cce7868e416927599cf65a34f3ce2ffda55a7eca69ed8919a394d42f0f'),
      y: b64u('60f7f1a780d8a783bfb7a2dd6b2796e8128dbbcef9d3d168db9529971a36e7b9'),
      d: b64u('6c1382765aec5358f117733d281c1c7bdc39884d04a45a1e6c67c858bc206c19'),
    });
  });

  it('RFC 9052 C.7.1 public key converts exactly (alg -7 accepted for P-256)', () => {
    expect(coseKeyToJwk(decodeCbor(hex(RFC9052_C71)))).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: 'Ze2loSV3wrroKUN_4zhwGhCqo3Xhu1td4QjeQ5wIVR0',
      y: 'HlLtdXARY_f55A3fnzQbPcm6hgr34Mp8p-nuzQCE0Zw',
    });
  });

  it('RFC 9052 C.7.2 key "11" equals the COSE WG examples JWK', () => {
    const cose = new Map<number, unknown>([
      [1, 2],
      [2, new TextEncoder().encode('11')],
      [-1, 1],
      [-2, hex(KEY_11.x)],
      [-3, hex(KEY_11.y)],
      [-4, hex(KEY_11.d)],
    ]);
    expect(coseKeyToJwk(cose)).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: 'usWxHK2PmfnHKwXPS54m0kTcGJ90UiglWiGahtagnv8',
      y: 'IBOL-C3BttVivg-lSreASjpkttcsz-1rb7btKLv8EX4',
      d: 'V8kgd2ZBRuh2dgyVINBUqpPDr7BOMGcF22CQMIUHtNM',
    });
  });

  it('Ed25519 OKP key (RFC 8037 A.1 key)', () => {
    const x = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    expect(
      coseKeyToJwk(
        new Map<number, unknown>([
          [1, 1],
          [-1, 6],
          [-2, hex(x)],
        ]),
      ),
    ).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
    });
  });
});

describe('JWK → COSE_Key', () => {
  it('RFC 8392 A.2.3 key encodes in deterministic label order with kid', () => {
    const jwk = coseKeyToJwk(decodeCbor(hex(RFC8392_A23)));
    const kid = new TextEncoder().encode('AsymmetricECDSA256');
    const map = jwkToCoseKey(jwk, { includePrivate: true, kid });
    expect(toHex(encodeCbor(map))).toBe(
      `a6010202${'52'}${toHex(kid)}2001` +
        `215820143329cce7868e416927599cf65a34f3ce2ffda55a7eca69ed8919a394d42f0f` +
        `22582060f7f1a780d8a783bfb7a2dd6b2796e8128dbbcef9d3d168db9529971a36e7b9` +
        `2358206c1382765aec5358f117733d281c1c7bdc39884d04a45a1e6c67c858bc206c19`,
    );
    // public by default: no d
    expect(jwkToCoseKey(jwk).has(COSE_KEY.d)).toBe(false);
  });

  it('RFC 9052 C.7.1 public key re-encodes to the published bytes minus alg', () => {
    const jwk = coseKeyToJwk(decodeCbor(hex(RFC9052_C71)));
    expect(toHex(encodeCbor(jwkToCoseKey(jwk)))).toBe(RFC9052_C71.replace('a50102032620', 'a4010220'));
  });

  for (const alg of ['ES256', 'ES384', 'EdDSA', 'SM2'] as const) {
    it(`${alg}: JWK → COSE_Key → CBOR → JWK round trip (public and private)`, async () => {
      const pair = await crypto.generateKeyPair(alg, { extractable: true });
      const priv = pair.privateJwk!;
      const { kid: _kid, ...pub } = pair.publicKey.jwk;
      const privMap = jwkToCoseKey(priv, { includePrivate: true });
      expect(privMap.get(COSE_KEY.kty)).toBe(alg === 'EdDSA' ? COSE_KTY.OKP : COSE_KTY.EC2);
      expect(privMap.get(COSE_KEY.crv)).toBe(COSE_CRV[pair.publicKey.jwk.crv]);
      expect(coseKeyToJwk(decodeCbor(encodeCbor(privMap)))).toEqual({ ...pub, d: priv.d });
      expect(coseKeyToJwk(decodeCbor(encodeCbor(jwkToCoseKey(priv))))).toEqual(pub);
    });
  }

  it('SM2 uses the private-use curve id -65537', () => {
    const jwk: PublicJwk = { kty: 'EC', crv: 'SM2', x: b64u('11'.repeat(32)), y: b64u('22'.repeat(32)) };
    expect(toHex(encodeCbor(jwkToCoseKey(jwk)))).toBe(
      `a40102203a00010000215820${'11'.repeat(32)}225820${'22'.repeat(32)}`,
    );
  });
});

describe('bad keys → ERR_KEY', () => {
  const x32 = new Uint8Array(32).fill(1);
  const good = () =>
    new Map<number, unknown>([
      [1, 2],
      [-1, 1],
      [-2, x32],
      [-3, x32],
    ]);
  const withEntry = (k: number, v: unknown) => {
    const m = good();
    m.set(k, v);
    return m;
  };
  const without = (k: number) => {
    const m = good();
    m.delete(k);
    return m;
  };
  it('the baseline is accepted', () => {
    expect(coseKeyToJwk(good()).crv).toBe('P-256');
  });
  for (const [what, value] of [
    ['not a map', [1, 2]],
    ['an object', { 1: 2 }],
    ['symmetric kty 4', withEntry(1, 4)],
    ['text kty', withEntry(1, 'EC2')],
    ['P-521 (crv 3)', withEntry(-1, 3)],
    ['Ed25519 crv on EC2', withEntry(-1, 6)],
    ['x too short', withEntry(-2, new Uint8Array(31))],
    ['x as text', withEntry(-2, 'x')],
    ['y missing', without(-3)],
    ['compressed y (bool)', withEntry(-3, true)],
    ['d of the wrong length', withEntry(-4, new Uint8Array(33))],
    ['alg EdDSA on P-256', withEntry(3, -8)],
    [
      'OKP with y',
      new Map<number, unknown>([
        [1, 1],
        [-1, 6],
        [-2, x32],
        [-3, x32],
      ]),
    ],
    [
      'OKP with P-256 crv',
      new Map<number, unknown>([
        [1, 1],
        [-1, 1],
        [-2, x32],
      ]),
    ],
    ['P-384 with 32-byte coordinates', withEntry(-1, 2)],
  ] as const) {
    it(`coseKeyToJwk: ${what}`, () => expectKeyError(() => coseKeyToJwk(value)));
  }

  const jwk: PublicJwk = { kty: 'EC', crv: 'P-256', x: b64u('01'.repeat(32)), y: b64u('01'.repeat(32)) };
  for (const [what, value] of [
    ['unknown crv', { ...jwk, crv: 'P-521' }],
    ['kty OKP for P-256', { ...jwk, kty: 'OKP' }],
    ['x with padding', { ...jwk, x: `${jwk.x}=` }],
    ['x with standard base64 chars', { ...jwk, x: `${jwk.x.slice(0, -1)}+` }],
    ['y missing', { kty: 'EC', crv: 'P-256', x: jwk.x }],
    ['x too long', { ...jwk, x: b64u('01'.repeat(33)) }],
    ['Ed25519 with y', { kty: 'OKP', crv: 'Ed25519', x: jwk.x, y: jwk.y }],
  ] as const) {
    it(`jwkToCoseKey: ${what}`, () => expectKeyError(() => jwkToCoseKey(value as PublicJwk)));
  }
  it('jwkToCoseKey: includePrivate on a public JWK', () =>
    expectKeyError(() => jwkToCoseKey(jwk, { includePrivate: true })));
});

describe('deriveKid (RFC 7638 thumbprint, first 8 bytes)', () => {
  it('RFC 8037 A.3 Ed25519 thumbprint kPrK_qmx…', async () => {
    const kid = await deriveKid(
      { kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
      crypto,
    );
    expect(kid.length).toBe(8);
    expect(toHex(kid)).toBe(
      toHex(Buffer.from('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k', 'base64url')).slice(0, 16),
    );
    expect(toHex(kid)).toBe('90facafea9b15566');
  });

  it('P-256 agrees with jose calculateJwkThumbprint (RFC 8392 key, and random keys)', async () => {
    const jwk = coseKeyToJwk(decodeCbor(hex(RFC8392_A23)));
    const expected = Buffer.from(await calculateJwkThumbprint(jwk as PublicJwk & { d: string }), 'base64url');
    expect(toHex(await deriveKid(jwk, crypto))).toBe(toHex(expected.subarray(0, 8)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<SignatureAlg>('ES256', 'ES384', 'EdDSA'), async (alg) => {
        const pair = await crypto.generateKeyPair(alg);
        const ref = Buffer.from(await calculateJwkThumbprint({ ...pair.publicKey.jwk }), 'base64url');
        expect(toHex(await deriveKid(pair.publicKey.jwk, crypto))).toBe(toHex(ref.subarray(0, 8)));
      }),
      { numRuns: 15 },
    );
  });

  it('SM2: the EC member set {crv,kty,x,y} hashed with SHA-256', async () => {
    const jwk: PublicJwk = { kty: 'EC', crv: 'SM2', x: b64u('11'.repeat(32)), y: b64u('22'.repeat(32)) };
    const json = `{"crv":"SM2","kty":"EC","x":"${jwk.x}","y":"${jwk.y}"}`;
    const digest = createHash('sha256').update(json).digest();
    expect(toHex(await deriveKid(jwk, crypto))).toBe(toHex(digest.subarray(0, 8)));
  });

  it('ignores d and kid; changes when the key changes', async () => {
    const jwk = coseKeyToJwk(decodeCbor(hex(RFC8392_A23)));
    const { d: _d, ...pub } = jwk as PrivateJwk;
    const a = await deriveKid(pub, crypto);
    expect(await deriveKid({ ...jwk, kid: 'x' }, crypto)).toEqual(a);
    const other = { ...pub, x: b64u('00'.repeat(32)) };
    expect(await deriveKid(other, crypto)).not.toEqual(a);
  });

  it('invalid JWK → ERR_KEY', async () => {
    await expect(deriveKid({ kty: 'EC', crv: 'P-256', x: 'AA' }, crypto)).rejects.toMatchObject({
      code: 'ERR_KEY',
    });
  });
});
