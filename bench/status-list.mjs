// Token Status List benchmark (issue 5): a 1,000,000-entry 2-bit list with 1 % of entries revoked at
// random positions. One JSON line per figure:
//   {"bench":"status-list","figure":"build_sign_ms"|"lst_bytes"|"token_bytes"|"decode_verify_ms"|
//    "inflate_ms"|"lookup_ns"|"check_cached_ns"|"allocate_at_90pct_us", "value":…, "target":…?}
// Targets (issue 5): a lookup on a decoded list < 1 µs; decode (+ verify) < 50 ms.
// Imports the built packages: run `npx tsup` in packages/core, packages/trust and packages/issuer first.
import { randomInt } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { importCore } from './lib/core.mjs';
import { round3 } from './lib/measure.mjs';

const SIZE = 1_000_000;
const BITS = 2;
const REVOKED_SHARE = 0.01;
const RUNS = 7;

async function importDist(pkg) {
  try {
    return await import(new URL(`../packages/${pkg}/dist/index.js`, import.meta.url).href);
  } catch (cause) {
    throw new Error(`cannot load packages/${pkg}/dist: run \`npx tsup\` in packages/${pkg} first`, { cause });
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function line(figure, value, extra = {}) {
  console.log(JSON.stringify({ bench: 'status-list', figure, value: round3(value), ...extra }));
}

function randomRevocations(count) {
  const chosen = new Set();
  while (chosen.size < count) chosen.add(randomInt(SIZE));
  return [...chosen];
}

export default async function benchStatusList() {
  const trust = await importDist('trust');
  const issuer = await importDist('issuer');
  const core = await importCore();
  const { createNativeCrypto } = await importCore('crypto/native');
  const crypto = createNativeCrypto();
  const { privateKey, publicKey } = await crypto.generateKeyPair('ES256');
  const signer = { key: privateKey, crypto, kid: core.utf8('bench-status') };
  const revoked = randomRevocations(SIZE * REVOKED_SHARE);
  const iat = Math.floor(Date.now() / 1000);
  const claims = { sub: 'https://status.example/lists/1', iat, exp: iat + 86_400, ttl: 3600 };

  // Build + sign: a fresh list, 10,000 revocations, zlib, COSE_Sign1 (ES256, node:crypto).
  let token;
  const buildSign = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    const list = trust.createStatusList({ size: SIZE, bits: BITS });
    for (const index of revoked) trust.setStatus(list, index, trust.STATUS.INVALID);
    token = await trust.signStatusListCwt({ claims, list }, signer);
    buildSign.push(performance.now() - start);
  }
  line('build_sign_ms', median(buildSign), { entries: SIZE, bits: BITS, revoked: revoked.length });

  const sign1 = core.decodeSign1(token);
  const payload = core.decodeCbor(sign1.payload);
  const lst = payload.get(65533).get('lst');
  line('lst_bytes', lst.length, { uncompressed_bytes: (SIZE * BITS) / 8 });
  line('token_bytes', token.length);

  // Decode + verify: COSE decode, signature, claims, bounded inflate of lst.
  const now = new Date(iat * 1000 + 1000);
  let verified;
  const decodeVerify = [];
  const inflateOnly = [];
  for (let r = 0; r < RUNS; r++) {
    let start = performance.now();
    verified = await trust.verifyStatusListCwt(token, publicKey, { crypto, now });
    decodeVerify.push(performance.now() - start);
    start = performance.now();
    await trust.decompressStatusList({ bits: BITS, lst });
    inflateOnly.push(performance.now() - start);
  }
  line('decode_verify_ms', median(decodeVerify), { target: 50 });
  line('inflate_ms', median(inflateOnly));
  for (const index of revoked.slice(0, 100)) {
    if (trust.getStatus(verified.list, index) !== 1) throw new Error('decoded list lost a revocation');
  }

  // Lookup: random indexes, getStatus on the decoded list.
  const probes = new Uint32Array(1 << 20);
  for (let i = 0; i < probes.length; i++) probes[i] = randomInt(SIZE);
  const list = verified.list;
  let sink = 0;
  const lookups = [];
  for (let r = 0; r < RUNS + 2; r++) {
    const start = performance.now();
    for (let i = 0; i < probes.length; i++) sink += trust.getStatus(list, probes[i]);
    lookups.push(((performance.now() - start) * 1e6) / probes.length);
  }
  line('lookup_ns', median(lookups.slice(2)), { target: 1000 });

  // The cache's synchronous check: map lookup, policy, result object.
  const cache = trust.createStatusCache({ crypto, key: publicKey, now: () => now });
  await cache.add(token);
  const checks = [];
  const uri = claims.sub;
  for (let r = 0; r < RUNS + 2; r++) {
    const start = performance.now();
    for (let i = 0; i < probes.length; i++)
      sink += cache.checkCached({ uri, index: probes[i], at: now }).ok ? 1 : 0;
    checks.push(((performance.now() - start) * 1e6) / probes.length);
  }
  line('check_cached_ns', median(checks.slice(2)), { target: 1000 });
  if (sink === -1) console.log('');

  // Issuer side: one random index from a 1,000,000-entry list that is 90 % allocated (memory storage,
  // so the figure is the allocation itself, not the disk write of the 375 KB record).
  const manager = issuer.createStatusListManager({
    storage: issuer.createMemoryStatusListStorage(),
    random: crypto,
    now: () => now,
    signer,
    uriOf: (n) => `https://status.example/lists/${n}`,
    defaultSize: SIZE,
  });
  await manager.allocateMany(SIZE * 0.9);
  const start = performance.now();
  const batch = 1000;
  await manager.allocateMany(batch);
  line('allocate_at_90pct_us', ((performance.now() - start) * 1000) / batch, { fill: 0.9 });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchStatusList();
