// COSE_Sign1 verification (decode + Sig_structure + verify) against the floor: a bare node:crypto verify of the
// same Sig_structure bytes with the key pre-imported. One JSON line per figure:
// {"bench":"cose-verify","alg","provider","us_per_op","floor_us_per_op","ratio"}. Target: ES256 native ≤ 1.3.
// SM2, EdDSA and the portable provider are reported with their own ratio to the same native ES256 floor.
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { importCore } from './lib/core.mjs';
import { compare, round3 } from './lib/measure.mjs';

export default async function benchCose(options = {}) {
  const core = await importCore();
  const { createNativeCrypto } = await importCore('crypto/native');
  const { createPortableCrypto } = await importCore('crypto/portable');
  const payload = new Uint8Array(300).map((_, i) => (i * 31 + 7) & 0xff);

  // The floor: node:crypto ES256 verify of a Sig_structure of the same size, key imported once.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const floorKey = createPublicKey(privateKey);
  const native = createNativeCrypto();
  const floorHandle = await native.importPrivateKey('ES256', privateKey.export({ format: 'jwk' }));
  const floorMessage = await core.signSign1({ payload }, { key: floorHandle, crypto: native });
  const floorSign1 = core.decodeSign1(floorMessage);
  const tbs = core.sigStructure(floorSign1);
  const floorSig = nodeSign('sha256', tbs, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  const input = { key: floorKey, dsaEncoding: 'ieee-p1363' };
  const floor = () => nodeVerify('sha256', tbs, input, floorSig);
  if (!floor()) throw new Error('floor does not verify');

  for (const [providerName, crypto] of [
    ['native', native],
    ['portable', createPortableCrypto()],
  ]) {
    for (const alg of ['ES256', 'EdDSA', 'SM2']) {
      const pair = await crypto.generateKeyPair(alg);
      const key = await crypto.importPublicKey(alg, pair.publicKey.jwk);
      const message = await core.signSign1({ payload }, { key: pair.privateKey, crypto });
      const subject = () => core.verifySign1(core.decodeSign1(message), { key, crypto });
      if (!(await subject())) throw new Error(`${providerName} ${alg}: does not verify`);
      const r = await compare(subject, floor, options);
      console.log(
        JSON.stringify({
          bench: 'cose-verify',
          alg,
          provider: providerName,
          us_per_op: round3(r.usPerOp),
          floor_us_per_op: round3(r.floorUsPerOp),
          ratio: round3(r.ratio),
        }),
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCose();
