/**
 * Variable-time double-scalar multiplication u1·G + u2·Q for signature verification on short Weierstrass
 * curves with a = −3 (P-256, P-384, sm2p256v1). Verification handles only public values, so nothing here
 * needs constant time; correctness on every input (identity, equal or opposite operands) does, and
 * `crypto-perf-paths.test.ts` checks it against @noble/curves. Internal.
 *
 * Why not @noble/curves directly: noble uses complete projective formulas (≈ 12 multiplications and
 * several `%` reductions per addition, the same for a doubling) to stay generic and constant-time. Here:
 * - Jacobian coordinates with a = −3 doubling (4M + 4S, dbl-2001-b) and mixed Jacobian–affine
 *   addition (8M + 3S, madd-2004-hmv), additions and subtractions reduced by one conditional ±p;
 * - fixed-base comb tables of affine points (signed windows of W bits, all doublings baked in), so a
 *   tabled multiplication is ⌈bits/W⌉ + 1 mixed additions and no doublings;
 * - both halves accumulate into one point, so there is a single inversion at the end.
 * @module
 */
import { invert } from '@noble/curves/abstract/modular.js';

/** Affine point; the identity is never stored in a table. */
export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

/** Fixed-base comb table: for window w and 1 ≤ j ≤ 2^(W−1), entry (j · 2^(wW)) · P, affine, flattened. */
export interface CombTable {
  readonly W: number;
  readonly windows: number;
  readonly xs: readonly bigint[];
  readonly ys: readonly bigint[];
}

/** Curve parameters; `a` must be p − 3. */
export interface A3CurveParams {
  readonly p: bigint;
  readonly n: bigint;
  readonly a: bigint;
  readonly Gx: bigint;
  readonly Gy: bigint;
}

/** A curve ready for fast verification; the base-point table is built on first use. */
export interface A3Curve {
  readonly p: bigint;
  readonly n: bigint;
  /** Builds the comb table of a public key point (window {@link KEY_TABLE_WINDOW}). */
  keyTable(Q: AffinePoint): CombTable;
  /**
   * x(u1·G + u2·Q), affine, or `undefined` when the sum is the identity. `u1`, `u2` ∈ [0, n); `Q` must be a
   * valid point of the curve (checked by the caller's decoder), `table` its {@link A3Curve.keyTable} if any.
   */
  mulAddX(u1: bigint, u2: bigint, Q: AffinePoint, table: CombTable | undefined): bigint | undefined;
}

/** Window of key tables: (⌈256/6⌉ + 1) · 32 = 1408 affine points (two bigints each) for 256-bit n. */
export const KEY_TABLE_WINDOW = 6;
/** Window of the base-point table, built once per curve: 33 · 128 = 4224 points for 256-bit n. */
const BASE_TABLE_WINDOW = 8;
/** wNAF width for a key without a table: 8 odd multiples. */
const WNAF_WINDOW = 5;

/** Mutable Jacobian accumulator: (X, Y, Z) ↦ (X/Z², Y/Z³); Z = 0 is the identity. */
interface Jacobian {
  X: bigint;
  Y: bigint;
  Z: bigint;
}

/** Creates the fast verification arithmetic of one curve. Throws if a ≠ −3. */
export function createA3Curve(params: A3CurveParams): A3Curve {
  const { p, n, Gx, Gy } = params;
  if (params.a !== p - 3n) throw new Error('fast-weierstrass: curve needs a = -3');
  const bits = n.toString(2).length;

  const mul = (a: bigint, b: bigint): bigint => (a * b) % p;
  const add = (a: bigint, b: bigint): bigint => {
    const s = a + b;
    return s >= p ? s - p : s;
  };
  const sub = (a: bigint, b: bigint): bigint => {
    const d = a - b;
    return d < 0n ? d + p : d;
  };

  /** Variable-time inverse (extended Euclid): every input here is public. */
  const inv = (a: bigint): bigint => invert(a, p);

  /** In place: P ← 2P (dbl-2001-b with a = −3). */
  function dbl(P: Jacobian): void {
    const { X, Y, Z } = P;
    if (Z === 0n || Y === 0n) {
      P.Z = 0n;
      return;
    }
    const delta = mul(Z, Z);
    const gamma = mul(Y, Y);
    const beta = mul(X, gamma);
    const t = mul(sub(X, delta), add(X, delta));
    const alpha = add(add(t, t), t);
    const beta2 = add(beta, beta);
    const beta4 = add(beta2, beta2);
    const X3 = sub(mul(alpha, alpha), add(beta4, beta4));
    const g2 = mul(gamma, gamma);
    const g4 = add(g2, g2);
    const g8 = add(add(g4, g4), add(g4, g4));
    const Y3 = sub(mul(alpha, sub(beta4, X3)), g8);
    const yz = mul(Y, Z);
    P.X = X3;
    P.Y = Y3;
    P.Z = add(yz, yz);
  }

  /** In place: P ← P + (x2, y2), complete (identity, equal and opposite points handled). */
  function madd(P: Jacobian, x2: bigint, y2: bigint): void {
    const { X, Y, Z } = P;
    if (Z === 0n) {
      P.X = x2;
      P.Y = y2;
      P.Z = 1n;
      return;
    }
    const zz = mul(Z, Z);
    const H = sub(mul(x2, zz), X);
    const R = sub(mul(y2, mul(Z, zz)), Y);
    if (H === 0n) {
      // Same x: P = (x2, y2) → double; P = −(x2, y2) → identity.
      if (R === 0n) dbl(P);
      else P.Z = 0n;
      return;
    }
    const HH = mul(H, H);
    const HHH = mul(H, HH);
    const V = mul(X, HH);
    const X3 = sub(sub(mul(R, R), HHH), add(V, V));
    P.Y = sub(mul(R, sub(V, X3)), mul(Y, HHH));
    P.X = X3;
    P.Z = mul(Z, H);
  }

  /** Affine forms of non-identity Jacobian points, with one inversion (Montgomery's trick). */
  function normalize(points: readonly Jacobian[]): AffinePoint[] {
    const prefix: bigint[] = [];
    let acc = 1n;
    for (const P of points) {
      if (P.Z === 0n) throw new Error('fast-weierstrass: identity in table');
      prefix.push(acc);
      acc = mul(acc, P.Z);
    }
    let invAcc = inv(acc);
    const out: AffinePoint[] = new Array(points.length);
    for (let i = points.length - 1; i >= 0; i--) {
      const P = points[i] as Jacobian;
      const zi = mul(invAcc, prefix[i] as bigint);
      invAcc = mul(invAcc, P.Z);
      const zi2 = mul(zi, zi);
      out[i] = { x: mul(P.X, zi2), y: mul(P.Y, mul(zi2, zi)) };
    }
    return out;
  }

  function buildComb(base: AffinePoint, W: number): CombTable {
    const windows = Math.ceil(bits / W) + 1;
    const half = 2 ** (W - 1);
    const xs: bigint[] = [];
    const ys: bigint[] = [];
    let b = base;
    for (let w = 0; w < windows; w++) {
      const row: Jacobian[] = [];
      const acc: Jacobian = { X: b.x, Y: b.y, Z: 1n };
      row.push({ ...acc });
      for (let j = 1; j < half; j++) {
        madd(acc, b.x, b.y);
        row.push({ ...acc });
      }
      // Next window's base: 2 · (half · b), normalised in the same batch.
      dbl(acc);
      row.push(acc);
      const affine = normalize(row);
      for (let j = 0; j < half; j++) {
        const pt = affine[j] as AffinePoint;
        xs.push(pt.x);
        ys.push(pt.y);
      }
      b = affine[half] as AffinePoint;
    }
    return { W, windows, xs, ys };
  }

  /** acc += k · P from P's comb table: one signed digit per window, zero digits skipped. */
  function addComb(acc: Jacobian, table: CombTable, k: bigint): void {
    const { W, windows, xs, ys } = table;
    const half = 2 ** (W - 1);
    const size = 2 * half;
    const mask = BigInt(size - 1);
    const shift = BigInt(W);
    let rest = k;
    for (let w = 0; w < windows; w++) {
      let digit = Number(rest & mask);
      rest >>= shift;
      if (digit > half) {
        digit -= size;
        rest += 1n;
      }
      if (digit === 0) continue;
      const i = w * half + Math.abs(digit) - 1;
      const y = ys[i] as bigint;
      madd(acc, xs[i] as bigint, digit < 0 ? p - y : y);
    }
    if (rest !== 0n) throw new Error('fast-weierstrass: scalar exceeds table');
  }

  /** acc ← acc + k · Q by width-w wNAF double-and-add; acc must start as the identity. */
  function addWnaf(acc: Jacobian, Q: AffinePoint, k: bigint): void {
    const count = 2 ** (WNAF_WINDOW - 2);
    // Odd multiples Q, 3Q, …, (2·count − 1)Q, affine.
    const twoQ: Jacobian = { X: Q.x, Y: Q.y, Z: 1n };
    dbl(twoQ);
    const [d] = normalize([twoQ]) as [AffinePoint];
    const odd: Jacobian[] = [{ X: Q.x, Y: Q.y, Z: 1n }];
    const run: Jacobian = { X: Q.x, Y: Q.y, Z: 1n };
    for (let j = 1; j < count; j++) {
      madd(run, d.x, d.y);
      odd.push({ ...run });
    }
    const table = normalize(odd);
    // Signed digits, least significant first; each nonzero digit is odd with |digit| < 2^(w−1).
    const size = 2 ** WNAF_WINDOW;
    const half = size / 2;
    const mask = BigInt(size - 1);
    const digits: number[] = [];
    let rest = k;
    while (rest > 0n) {
      let digit = 0;
      if ((rest & 1n) === 1n) {
        digit = Number(rest & mask);
        if (digit >= half) digit -= size;
        rest -= BigInt(digit);
      }
      digits.push(digit);
      rest >>= 1n;
    }
    for (let i = digits.length - 1; i >= 0; i--) {
      dbl(acc);
      const digit = digits[i] as number;
      if (digit === 0) continue;
      const pt = table[(Math.abs(digit) - 1) >> 1] as AffinePoint;
      madd(acc, pt.x, digit < 0 ? p - pt.y : pt.y);
    }
  }

  let baseTable: CombTable | undefined;

  return {
    p,
    n,
    keyTable: (Q) => buildComb(Q, KEY_TABLE_WINDOW),
    mulAddX(u1, u2, Q, table) {
      if (u1 < 0n || u1 >= n || u2 < 0n || u2 >= n) throw new RangeError('fast-weierstrass: scalar range');
      baseTable ??= buildComb({ x: Gx, y: Gy }, BASE_TABLE_WINDOW);
      const acc: Jacobian = { X: 0n, Y: 1n, Z: 0n };
      // The wNAF walk doubles the accumulator, so it must run before any table additions.
      if (table === undefined) addWnaf(acc, Q, u2);
      else addComb(acc, table, u2);
      addComb(acc, baseTable, u1);
      if (acc.Z === 0n) return undefined;
      const zi = inv(acc.Z);
      return mul(acc.X, mul(zi, zi));
    },
  };
}
