// Crypto provider benchmark: sign and verify for every algorithm in the native and the portable provider,
// each against the floor, a bare node:crypto ES256 verify (KeyObject pre-imported, same data) measured in
// the same process, interleaved round by round. One JSON line per figure:
// {"bench":"sign"|"verify","alg":…,"provider":"native"|"portable","us_per_op":…,"floor_us_per_op":…,"ratio":…}
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { importCore } from './lib/core.mjs';
import { compare, round3 } from './lib/measure.mjs';

const ALGS = ['ES256', 'ES384', 'EdDSA', 'SM2'];

/** A COSE Sig_structure of a typical compact credential is a few hundred bytes. */
function benchData() {
  const data = new Uint8Array(320);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + 7) & 0xff;
  return data;
}

/** The floor: node:crypto ES256 verify of `data`, key imported once, nothing else. */
function makeFloor(data) {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const signature = nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const input = { key, dsaEncoding: 'ieee-p1363' };
  if (!nodeVerify('sha256', data, input, signature)) throw new Error('floor signature does not verify');
  return () => nodeVerify('sha256', data, input, signature);
}

function line(bench, alg, provider, r) {
  console.log(
    JSON.stringify({
      bench,
      alg,
      provider,
      us_per_op: round3(r.usPerOp),
      floor_us_per_op: round3(r.floorUsPerOp),
      ratio: round3(r.ratio),
    }),
  );
}

export default async function benchCrypto(options = {}) {
  const { createNativeCrypto } = await importCore('crypto/native');
  const { createPortableCrypto } = await importCore('crypto/portable');
  const providers = [
    ['native', createNativeCrypto()],
    ['portable', createPortableCrypto()],
  ];
  const data = benchData();
  const floor = makeFloor(data);

  for (const alg of ALGS) {
    for (const [name, provider] of providers) {
      const { privateKey, privateJwk, publicKey } = await provider.generateKeyPair(alg);
      // Verify through a key imported from its JWK, as a verifier does with a trust-list entry.
      const imported = await provider.importPublicKey(alg, publicKey.jwk);
      const signature = await provider.sign(privateKey, data);
      if (!(await provider.verify(imported, data, signature))) throw new Error(`${name} ${alg}: no verify`);
      if (privateJwk === undefined) throw new Error('expected an extractable key');

      line('sign', alg, name, await compare(() => provider.sign(privateKey, data), floor, options));
      line(
        'verify',
        alg,
        name,
        await compare(() => provider.verify(imported, data, signature), floor, options),
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCrypto();
