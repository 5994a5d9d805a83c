// Trust benchmark: a signed regional list of 500 issuer entries (size, verify time), and a warm issuer lookup in a
// federated registry of 4 regions × 500 issuers. One JSON line per figure. Target: a warm resolve adds < 2 µs.
import {
  buildTrustList,
  createFederatedRegistry,
  createTrustListRegistry,
  verifyTrustList,
} from '@deltaid/trust';
import { importCore } from './lib/core.mjs';
import { measure, round3 } from './lib/measure.mjs';

const REGIONS = ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'];
const CREDIT = {
  'CN-SH': '11310000002421350P',
  'CN-JS': '11320000014000366W',
  'CN-ZJ': '11330000002482050L',
  'CN-AH': '11340000003000043G',
};

export default async function benchTrust(options = {}) {
  const { deriveKid } = await importCore();
  const { createNativeCrypto } = await importCore('crypto/native');
  const crypto = createNativeCrypto();
  const now = Math.floor(Date.UTC(2026, 10, 28) / 1000);
  const perRegion = 500;

  // 500 distinct issuer keys are costly to generate; entries share 20 keys with distinct kids' owners, which is
  // what a lookup by kid sees anyway (an index hit per kid). Lookups use the real kids.
  const keys = [];
  for (let i = 0; i < 20; i++) {
    const k = await crypto.generateKeyPair('ES256');
    keys.push({ jwk: k.publicKey.jwk, kid: await deriveKid(k.publicKey.jwk, crypto) });
  }
  const lists = [];
  const probes = [];
  let bytes500;
  let verifyMs;
  for (const region of REGIONS) {
    const op = await crypto.generateKeyPair('ES256');
    const opKid = await deriveKid(op.publicKey.jwk, crypto);
    const entries = Array.from({ length: perRegion }, (_, i) => {
      const key = keys[i % keys.length];
      // Unique kid per entry: derived key id plus the entry number, as separate issuers would have.
      const kid = Uint8Array.from(key.kid);
      kid[6] = i >> 8;
      kid[7] = i & 0xff;
      kid[0] = REGIONS.indexOf(region);
      return {
        issuerId: `${region}-issuer-${i}`,
        region,
        name: { zh: `签发机关 ${i}`, en: `Issuer ${i}` },
        creditCode: CREDIT[region],
        kid,
        alg: 'ES256',
        publicKey: key.jwk,
        docTypes: ['cn.gov.mps.eid.1', 'cn.gov.mps.dl.1'],
        validFrom: now - 86_400,
        validUntil: now + 365 * 86_400,
        status: { state: 'active' },
        statusLists: new Map([[1, `https://status.example/${region}/${i}`]]),
      };
    });
    const signed = await buildTrustList(
      {
        version: 1,
        region,
        operator: { zh: region, en: region },
        sequence: 1,
        issuedAt: now,
        nextUpdate: now + 86_400,
        entries,
      },
      { key: op.privateKey, kid: opKid, crypto },
    );
    const anchors = [{ kid: opKid, alg: 'ES256', publicKey: op.publicKey.jwk, region }];
    if (bytes500 === undefined) {
      bytes500 = signed.length;
      verifyMs =
        (await measure(() => verifyTrustList(signed, { anchors, crypto, now }), options)).usPerOp / 1000;
    }
    const v = await verifyTrustList(signed, { anchors, crypto, now });
    if (!v.ok) throw new Error(v.reason);
    lists.push(v.list);
    probes.push(entries[perRegion - 1].kid, entries[perRegion >> 1].kid);
  }
  console.log(
    JSON.stringify({
      bench: 'trust-list',
      entries: perRegion,
      signed_bytes: bytes500,
      verify_ms: round3(verifyMs),
    }),
  );

  const federated = createFederatedRegistry({
    registries: REGIONS.map((_, i) =>
      createTrustListRegistry([lists[i]], { crypto, clock: () => now * 1000 }),
    ),
    policy: { regions: 'all', docTypes: 'all' },
  });
  const single = createTrustListRegistry(lists, { crypto, clock: () => now * 1000 });
  for (const [name, registry] of [
    ['federated-4x500', federated],
    ['merged-4x500', single],
  ]) {
    // Warm: every probed key imported once.
    for (const kid of probes) await registry.lookup({ kid, docType: 'cn.gov.mps.eid.1', at: now });
    let i = 0;
    const r = await measure(
      () => registry.lookup({ kid: probes[i++ % probes.length], docType: 'cn.gov.mps.eid.1', at: now }),
      options,
    );
    console.log(
      JSON.stringify({ bench: 'trust-resolve', registry: name, us_per_op: round3(r.usPerOp), target_us: 2 }),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTrust();
