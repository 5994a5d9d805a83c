/**
 * `importRawPublicKey`: SEC 1 compressed and uncompressed points (SEC 1 v2 §2.3.3–2.3.4) and Ed25519's
 * 32-byte keys (RFC 8032 §5.1.3), on all three providers, which must agree on what they accept.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256, p384 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, fromHex, utf8 } from '../src/bytes.js';
import { createNativeCrypto as createNodeCrypto } from '../src/crypto/native-node.js';
import { createNativeCrypto as createWebCrypto } from '../src/crypto/native-web.js';
import { createPortableCrypto } from '../src/crypto/portable.js';
import { sm2 } from '../src/crypto/sm2.js';
import type { CryptoProvider, PublicJwk } from '../src/crypto/types.js';
import { isDeltaIdError } from '../src/errors.js';

const PROVIDERS: ReadonlyArray<readonly [string, () => CryptoProvider]> = [
  ['native-node', () => createNodeCrypto()],
  ['native-web', () => createWebCrypto()],
  ['portable', () => createPortableCrypto()],
];

const WEIERSTRASS = {
  ES256: { Point: p256.Point, size: 32 },
  ES384: { Point: p384.Point, size: 48 },
  SM2: { Point: sm2.Point, size: 32 },
} as const;

function uncompressed(jwk: PublicJwk): Uint8Array {
  return concatBytes(Uint8Array.of(4), fromBase64Url(jwk.x), fromBase64Url(jwk.y!));
}

/** The smallest x ≥ 1 that is not the abscissa of any curve point (x³ + ax + b is a non-residue). */
function xWithoutPoint(alg: keyof typeof WEIERSTRASS): Uint8Array {
  const { Point, size } = WEIERSTRASS[alg];
  for (let x = 1; ; x++) {
    const enc = new Uint8Array(1 + size);
    enc[0] = 2;
    enc[size] = x;
    try {
      Point.fromBytes(enc);
    } catch {
      return enc;
    }
  }
}

async function expectKeyError(p: Promise<unknown>): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDeltaIdError(err, 'ERR_KEY'), String(err)).toBe(true);
}

describe.each(PROVIDERS)('%s importRawPublicKey', (_name, make) => {
  const provider = make();

  it.each(['ES256', 'ES384', 'SM2'] as const)(
    '%s: compressed and uncompressed points import to the generated JWK',
    async (alg) => {
      const { Point } = WEIERSTRASS[alg];
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), async (data) => {
          const kp = await provider.generateKeyPair(alg);
          const full = uncompressed(kp.publicKey.jwk);
          const short = Point.fromBytes(full).toBytes(true);
          expect(short.length).toBe(full.length / 2 + 0.5);
          const sig = await provider.sign(kp.privateKey, data);
          for (const raw of [full, short]) {
            const key = await provider.importRawPublicKey(alg, raw);
            expect(key.alg).toBe(alg);
            expect(key.jwk).toEqual(kp.publicKey.jwk);
            expect(await provider.verify(key, data, sig)).toBe(true);
            expect(await provider.verify(key, utf8('other'), sig)).toBe(false);
          }
          // The other root: same x, the other y, is a different key.
          const twin = short.slice();
          twin[0] = twin[0] === 2 ? 3 : 2;
          const twinKey = await provider.importRawPublicKey(alg, twin);
          expect(twinKey.jwk.x).toBe(kp.publicKey.jwk.x);
          expect(twinKey.jwk.y).not.toBe(kp.publicKey.jwk.y);
          expect(await provider.verify(twinKey, data, sig)).toBe(false);
        }),
        { numRuns: 4 },
      );
    },
  );

  it('EdDSA: the 32-byte key imports to the generated JWK', async () => {
    const kp = await provider.generateKeyPair('EdDSA');
    const key = await provider.importRawPublicKey('EdDSA', fromBase64Url(kp.publicKey.jwk.x));
    expect(key.jwk).toEqual(kp.publicKey.jwk);
    const data = utf8('raw ed25519');
    expect(await provider.verify(key, data, await provider.sign(kp.privateKey, data))).toBe(true);
  });

  it('a repeated raw import returns the cached handle', async () => {
    const kp = await provider.generateKeyPair('ES256');
    const raw = uncompressed(kp.publicKey.jwk);
    expect(await provider.importRawPublicKey('ES256', raw)).toBe(
      await provider.importRawPublicKey('ES256', raw),
    );
  });

  it.each(['ES256', 'ES384', 'SM2'] as const)('%s: malformed points are ERR_KEY', async (alg) => {
    const { size } = WEIERSTRASS[alg];
    const kp = await createPortableCrypto().generateKeyPair(alg);
    const full = uncompressed(kp.publicKey.jwk);
    const offCurve = full.slice();
    offCurve[full.length - 1]! ^= 1;
    const p = fromHex(WEIERSTRASS[alg].Point.Fp.ORDER.toString(16).padStart(size * 2, '0'));
    const bad = [
      new Uint8Array(0),
      Uint8Array.of(0), // the identity
      full.subarray(0, full.length - 1),
      concatBytes(full, Uint8Array.of(0)),
      concatBytes(Uint8Array.of(6), full.subarray(1)), // hybrid encodings
      concatBytes(Uint8Array.of(7), full.subarray(1)),
      concatBytes(Uint8Array.of(5), full.subarray(1)),
      offCurve,
      concatBytes(Uint8Array.of(2), p), // x = p
      concatBytes(Uint8Array.of(4), p, full.subarray(1 + size)),
      xWithoutPoint(alg),
    ];
    // Another curve's valid key of the same length under this algorithm.
    if (alg !== 'ES384') {
      const other =
        alg === 'ES256'
          ? sm2.getPublicKey(sm2.randomSecretKey())
          : p256.getPublicKey(p256.utils.randomSecretKey(), false);
      bad.push(other);
    }
    for (const raw of bad) await expectKeyError(provider.importRawPublicKey(alg, raw));
    // @ts-expect-error: a JavaScript caller passing an array
    await expectKeyError(provider.importRawPublicKey(alg, Array.from(full)));
  });

  it('EdDSA: wrong lengths, small-order and non-canonical keys are ERR_KEY', async () => {
    const good = ed25519.getPublicKey(ed25519.utils.randomSecretKey());
    for (const raw of [
      new Uint8Array(0),
      good.subarray(0, 31),
      concatBytes(good, Uint8Array.of(0)),
      concatBytes(Uint8Array.of(4), good),
      fromHex(`01${'00'.repeat(31)}`), // the identity, order 1
      fromHex(`ec${'ff'.repeat(30)}7f`), // y = p − 1: (0, −1), order 2
      fromHex(`ed${'ff'.repeat(30)}7f`), // y = p: non-canonical
    ]) {
      await expectKeyError(provider.importRawPublicKey('EdDSA', raw));
    }
  });

  it('unknown algorithms are ERR_UNSUPPORTED', async () => {
    // @ts-expect-error: outside the union
    const err = await provider.importRawPublicKey('PS256', new Uint8Array(65)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDeltaIdError(err, 'ERR_UNSUPPORTED')).toBe(true);
  });
});
