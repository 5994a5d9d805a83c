// Timing helpers for the benchmarks. Wall-clock time on a shared machine is noisy, so every figure is
// (1) warmed up until V8 has optimised the code path, (2) measured in several rounds of calibrated batches,
// (3) reported as the median round, and (4) when compared with a floor, measured interleaved with it
// round by round, so that load changing during the run moves both numbers together.

const now = () => performance.now();

/** Runs `fn` (sync or async) `n` times and returns the elapsed milliseconds. */
async function runBatch(fn, n) {
  const start = now();
  for (let i = 0; i < n; i++) {
    const r = fn();
    if (r !== undefined && typeof r.then === 'function') await r;
  }
  return now() - start;
}

/** Smallest batch size whose run takes at least `batchMs` (doubling from 1). */
async function calibrate(fn, batchMs) {
  let n = 1;
  for (;;) {
    const ms = await runBatch(fn, n);
    if (ms >= batchMs || n >= 1 << 24) return Math.max(1, Math.ceil((n * batchMs) / Math.max(ms, 1e-3)));
    n *= 2;
  }
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const DEFAULTS = { warmupMs: 300, batchMs: 60, rounds: 9 };

/**
 * Microseconds per call of `fn`: the median over `rounds` batches after `warmupMs` of warm-up.
 * @returns {{ usPerOp: number, rounds: number[], batch: number }}
 */
export async function measure(fn, options = {}) {
  const { warmupMs, batchMs, rounds } = { ...DEFAULTS, ...options };
  const warmEnd = now() + warmupMs;
  while (now() < warmEnd) await runBatch(fn, 8);
  const batch = await calibrate(fn, batchMs);
  const perRound = [];
  for (let r = 0; r < rounds; r++) perRound.push(((await runBatch(fn, batch)) * 1000) / batch);
  return { usPerOp: median(perRound), rounds: perRound, batch };
}

/**
 * Measures `subject` against `floor`, alternating one batch of each per round. Returns the median
 * microseconds of each and the median of the per-round ratios subject/floor (more stable than the ratio
 * of medians under drifting load).
 */
export async function compare(subject, floor, options = {}) {
  const { warmupMs, batchMs, rounds } = { ...DEFAULTS, ...options };
  for (const fn of [floor, subject]) {
    const warmEnd = now() + warmupMs / 2;
    while (now() < warmEnd) await runBatch(fn, 4);
  }
  const nSubject = await calibrate(subject, batchMs);
  const nFloor = await calibrate(floor, batchMs);
  const s = [];
  const f = [];
  const ratios = [];
  for (let r = 0; r < rounds; r++) {
    const fu = ((await runBatch(floor, nFloor)) * 1000) / nFloor;
    const su = ((await runBatch(subject, nSubject)) * 1000) / nSubject;
    f.push(fu);
    s.push(su);
    ratios.push(su / fu);
  }
  return { usPerOp: median(s), floorUsPerOp: median(f), ratio: median(ratios) };
}

/** Rounds to 3 significant digits for printing. */
export function round3(x) {
  if (!Number.isFinite(x) || x === 0) return x;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return Number(x.toFixed(digits));
}
