// Full verify() of a holder-bound hotel check-in presentation (two signatures) against the floor no verifier can
// avoid, measured interleaved in the same process with bare node:crypto: import the holder's public key from its
// encoded form (`createPublicKey` of the SPKI around the compressed point / raw Ed25519 key) plus the two signature
// verifications over the same Sig_structures, the issuer key already imported. node:crypto has no SM2, so the SM2
// cases are compared with the ES256 floor (`floor_alg` says which floor was used).
//
// Lines (one per case, issuer and holder key of the same algorithm):
//   {"bench":"verify-presentation","alg","provider","us_per_op","floor_us_per_op","ratio","floor_alg"}
//   {"bench":"verify-throughput","alg":"ES256","provider":"native","threads":1|2,"ops_per_s"}
//   {"bench":"verify-memory","verifications","replay_cache_entries","heap_mb", …} (checkpoints of the long run)
// The verifier runs with the hotel-checkin preset, no status list (the credential carries none) and, for the
// timing cases, no replay cache (the same text is verified again and again); the memory run has it on.
// Uses the built packages: run `npx tsup` in packages/{core,trust,issuer,wallet,verifier} (or `pnpm build`) first.
// VERIFY_BENCH_MEMORY_N sets the length of the memory run (default 1,000,000; 0 skips it);
// VERIFY_BENCH_ONLY=presentation|throughput|memory runs one part.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { compare, round3 } from './lib/measure.mjs';

const root = new URL('../packages/', import.meta.url);
const load = (pkg, file = 'index.js') => import(new URL(`${pkg}/dist/${file}`, root).href);

const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);
const HOLDERS = 640;
const CLAIMS = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道一百号二十层二零零一室',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2020-05-01',
  valid_until: '2040-05-01',
};

async function modules() {
  const [core, native, portable, trust, issuer, wallet, verifier] = await Promise.all([
    load('core'),
    load('core', 'crypto/native-node.js'),
    load('core', 'crypto/portable.js'),
    load('trust'),
    load('issuer'),
    load('wallet'),
    load('verifier'),
  ]);
  return { core, native, portable, trust, issuer, wallet, verifier };
}

/** An issuer (trust entry + signing identity), a holder, a check-in credential and its presentations. */
async function scenario(m, alg) {
  const crypto = m.native.createNativeCrypto();
  const issuerKeys = await crypto.generateKeyPair(alg);
  const kid = await m.core.deriveKid(issuerKeys.publicKey.jwk, crypto);
  const entry = {
    issuerId: 'sh-psb',
    region: 'CN-SH',
    name: { zh: '上海市公安局', en: 'Shanghai Public Security Bureau' },
    creditCode: '11310000002421350N',
    kid,
    alg,
    publicKey: issuerKeys.publicKey.jwk,
    docTypes: ['cn.gov.mps.eid.1'],
    validFrom: Date.UTC(2025, 0, 1) / 1000,
    validUntil: Date.UTC(2035, 0, 1) / 1000,
    status: { state: 'active' },
  };
  const issue = async () => {
    const holder = await crypto.generateKeyPair(alg);
    const { credential } = await m.issuer.issueCompact(
      { docType: 'cn.gov.mps.eid.1', purpose: 'checkin', claims: CLAIMS, holderKey: holder.publicKey },
      { issuer: { id: 'sh-psb', kid, key: issuerKeys.privateKey }, crypto, clock: () => NOW },
    );
    return (time = NOW) =>
      m.wallet.presentCompact({ credential }, { deviceKey: holder.privateKey, crypto, clock: () => time });
  };
  const present = await issue();
  /** Presentations by `n` different holders (each with its own device key). */
  const pool = async (n) => {
    const texts = [];
    for (let i = 0; i < n; i++) texts.push((await (await issue())()).text);
    return texts;
  };
  return { crypto, entry, issuerKeys, present, pool };
}

function makeVerifier(m, provider, entry, options = {}) {
  const crypto = provider === 'native' ? m.native.createNativeCrypto() : m.portable.createPortableCrypto();
  const trust = m.trust.createStaticRegistry([entry], { crypto });
  // Timing cases verify the same texts again and again: replay protection (on by default) is turned off there;
  // the memory run passes its own cache.
  return m.verifier.createVerifier({
    trust,
    crypto,
    policy: 'hotel-checkin',
    clock: () => NOW,
    replayCache: 'none',
    ...options,
  });
}

// SubjectPublicKeyInfo prefixes: the encoded form a verifier receives is a compressed point / raw key.
const SPKI_P256_COMPRESSED = Uint8Array.from([
  0x30, 0x39, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48,
  0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x22, 0x00,
]);
const SPKI_ED25519 = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/** The floor for `alg` (ES256 or EdDSA): holder key import + issuer verify + holder verify, node:crypto only. */
async function makeFloor(m, alg) {
  const s = await scenario(m, alg);
  const { text } = await s.present();
  const p = await m.core.decodePresentation(text);
  const issuerTbs = m.core.sigStructure(p.credential.sign1);
  const holderTbs = m.core.sigStructure(p.sign1);
  const issuerKey = createPublicKey({ key: s.entry.publicKey, format: 'jwk' });
  const raw = p.credential.holderKey.raw;
  const spki = Buffer.concat([alg === 'EdDSA' ? SPKI_ED25519 : SPKI_P256_COMPRESSED, raw]);
  const hash = alg === 'EdDSA' ? null : 'sha256';
  const input = (key) => (alg === 'EdDSA' ? key : { key, dsaEncoding: 'ieee-p1363' });
  const floor = () => {
    const holderKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    return (
      nodeVerify(hash, issuerTbs, input(issuerKey), p.credential.sign1.signature) &&
      nodeVerify(hash, holderTbs, input(holderKey), p.sign1.signature)
    );
  };
  if (!floor()) throw new Error(`floor ${alg} does not verify`);
  return floor;
}

export async function benchVerifyPresentation(m, options = {}) {
  const floors = { ES256: await makeFloor(m, 'ES256'), EdDSA: await makeFloor(m, 'EdDSA') };
  const lines = [];
  for (const alg of ['ES256', 'EdDSA', 'SM2']) {
    const s = await scenario(m, alg);
    // More holders than the providers' imported-key cache (512): every verify imports its holder key, as at a
    // desk where each guest is new. The issuer key is imported once, as the registry caches it.
    const texts = await s.pool(HOLDERS);
    for (const provider of ['native', 'portable']) {
      const v = makeVerifier(m, provider, s.entry);
      for (const text of texts) {
        const first = await v.verify(text);
        if (!first.valid) throw new Error(`${alg} ${provider}: ${JSON.stringify(first.errors)}`);
      }
      const floorAlg = alg === 'SM2' ? 'ES256' : alg;
      let i = 0;
      const r = await compare(() => v.verify(texts[i++ % HOLDERS]), floors[floorAlg], options);
      const line = {
        bench: 'verify-presentation',
        alg,
        provider,
        us_per_op: round3(r.usPerOp),
        floor_us_per_op: round3(r.floorUsPerOp),
        ratio: round3(r.ratio),
        floor_alg: floorAlg,
      };
      console.log(JSON.stringify(line));
      lines.push(line);
    }
  }
  return lines;
}

/** Verifications per second with `threads` workers, each verifying ES256 presentations for `ms`, all at once. */
async function throughput(threads, ms) {
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL(import.meta.url), { workerData: { ms } }),
  );
  const next = (w) =>
    new Promise((resolve, reject) => {
      w.once('message', resolve);
      w.once('error', reject);
    });
  // Setup (keys, presentations, warm-up) first; then all workers count over the same window.
  await Promise.all(workers.map(next));
  const counting = workers.map(next);
  for (const w of workers) w.postMessage('go');
  const counts = await Promise.all(counting);
  await Promise.all(workers.map((w) => w.terminate()));
  return counts.reduce((a, b) => a + b, 0) / (ms / 1000);
}

async function workerMain() {
  const m = await modules();
  const s = await scenario(m, 'ES256');
  const texts = await s.pool(HOLDERS);
  const v = makeVerifier(m, 'native', s.entry);
  let k = 0;
  const warm = performance.now() + 300;
  while (performance.now() < warm) await v.verify(texts[k++ % HOLDERS]);
  const go = new Promise((resolve) => parentPort.once('message', resolve));
  parentPort.postMessage('ready');
  await go;
  let n = 0;
  const end = performance.now() + workerData.ms;
  while (performance.now() < end) {
    for (let i = 0; i < 50; i++) if ((await v.verify(texts[k++ % HOLDERS])).valid) n++;
  }
  parentPort.postMessage(n);
}

export async function benchThroughput(ms = 3000) {
  const lines = [];
  for (const threads of [1, 2]) {
    const line = {
      bench: 'verify-throughput',
      alg: 'ES256',
      provider: 'native',
      threads,
      ops_per_s: Math.round(await throughput(threads, ms)),
    };
    console.log(JSON.stringify(line));
    lines.push(line);
  }
  return lines;
}

/**
 * `n` full verifications with the default replay cache (100,000 entries) on; the heap after a forced GC at
 * checkpoints must stay flat. Cheaper path: signing a million presentations would double the run, so 1,000
 * presentations by 1,000 holders are verified in rounds, and the replay key is salted with the round number so
 * that the cache sees `n` distinct keys (as with `n` distinct presentations) and stays at its bound.
 */
export async function benchMemory(m, n) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const s = await scenario(m, 'ES256');
  const texts = await s.pool(1000);
  const replayCache = m.verifier.createMemoryReplayCache();
  let round = 0;
  const salted = {
    // join(), not a template literal: a flat key, as the verifier builds its own.
    checkAndRecord: (key, exp, now) => replayCache.checkAndRecord([round, key].join(':'), exp, now),
  };
  const v = makeVerifier(m, 'native', s.entry, { replayCache: salted });
  const checkpoints = new Set([10_000, 100_000, 250_000, 500_000, 750_000, n]);
  for (let k = 1; k <= 10; k++) checkpoints.add(Math.round((n * k) / 10000) * 1000);
  const lines = [];
  const start = performance.now();
  for (let done = 0; done < n; done += texts.length, round++) {
    for (const text of texts) {
      const r = await v.verify(text);
      if (!r.valid) throw new Error(`memory run: ${JSON.stringify(r.errors)}`);
    }
    if (checkpoints.has(done + texts.length)) {
      gc();
      const mem = process.memoryUsage();
      const line = {
        bench: 'verify-memory',
        alg: 'ES256',
        provider: 'native',
        verifications: done + texts.length,
        replay_cache_entries: replayCache.size,
        heap_mb: round3(mem.heapUsed / 2 ** 20),
        rss_mb: round3(mem.rss / 2 ** 20),
        external_mb: round3(mem.external / 2 ** 20),
        array_buffers_mb: round3(mem.arrayBuffers / 2 ** 20),
        seconds: round3((performance.now() - start) / 1000),
      };
      console.log(JSON.stringify(line));
      lines.push(line);
    }
  }
  return lines;
}

export default async function benchVerify(options = {}) {
  const m = await modules();
  // VERIFY_BENCH_ONLY=presentation|throughput|memory runs one part.
  const only = process.env.VERIFY_BENCH_ONLY;
  if (only === undefined || only === 'presentation') await benchVerifyPresentation(m, options);
  if (only === undefined || only === 'throughput') await benchThroughput();
  const n = Number(process.env.VERIFY_BENCH_MEMORY_N ?? 1_000_000);
  if ((only === undefined || only === 'memory') && n > 0) {
    await benchMemory(m, Math.max(1000, Math.round(n / 1000) * 1000));
  }
}

if (!isMainThread && workerData?.ms !== undefined) await workerMain();
else if (import.meta.url === `file://${process.argv[1]}`) await benchVerify();
