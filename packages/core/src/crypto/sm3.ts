/**
 * SM3 cryptographic hash (GB/T 32905-2016, GM/T 0004-2012, ISO/IEC 10118-3:2018).
 *
 * Built on @noble/hashes' Merkle–Damgård base: SM3 pads exactly like SHA-256 (0x80, zeros, 64-bit big-endian
 * bit length, 64-byte blocks), so only the compression function lives here.
 * @module
 */
import { HashMD } from '@noble/hashes/_md.js';
import { type CHash, clean, createHasher, rotl } from '@noble/hashes/utils.js';

/** GB/T 32905-2016 §4.1 initial value IV. */
// biome-ignore format: one word per state register
const SM3_IV = /* @__PURE__ */ Uint32Array.from([
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
]);

/**
 * `T_j <<< (j mod 32)` for j = 0..63 (§4.2 constants, rotated as used in §5.3.3), precomputed so the round
 * loop does one table read instead of a variable rotate.
 */
const SM3_TJ_ROTATED = /* @__PURE__ */ (() => {
  const t = new Uint32Array(64);
  for (let j = 0; j < 64; j++) t[j] = rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
  return t;
})();

/** Message expansion buffer W_0..W_67 (§5.3.2); shared like noble's SHA256_W and wiped after each digest. */
const SM3_W = /* @__PURE__ */ new Uint32Array(68);

const p0 = (x: number): number => x ^ rotl(x, 9) ^ rotl(x, 17);
const p1 = (x: number): number => x ^ rotl(x, 15) ^ rotl(x, 23);

/** SM3 state and compression function CF (§5.3.3). Internal: callers use {@link sm3}. */
class SM3 extends HashMD<SM3> {
  // Numeric fields (not an array) keep V8 on the fast register path, as in noble's SHA-256.
  private A = SM3_IV[0]! | 0;
  private B = SM3_IV[1]! | 0;
  private C = SM3_IV[2]! | 0;
  private D = SM3_IV[3]! | 0;
  private E = SM3_IV[4]! | 0;
  private F = SM3_IV[5]! | 0;
  private G = SM3_IV[6]! | 0;
  private H = SM3_IV[7]! | 0;

  constructor() {
    super(64, 32, 8, false);
  }

  protected get(): [number, number, number, number, number, number, number, number] {
    const { A, B, C, D, E, F, G, H } = this;
    return [A, B, C, D, E, F, G, H];
  }

  protected set(
    A: number,
    B: number,
    C: number,
    D: number,
    E: number,
    F: number,
    G: number,
    H: number,
  ): void {
    this.A = A | 0;
    this.B = B | 0;
    this.C = C | 0;
    this.D = D | 0;
    this.E = E | 0;
    this.F = F | 0;
    this.G = G | 0;
    this.H = H | 0;
  }

  _cloneInto(to?: SM3): SM3 {
    const target = to ?? new SM3();
    target.set(...this.get());
    return this._cloneIntoMeta(target);
  }

  protected process(view: DataView, offset: number): void {
    const W = SM3_W;
    for (let j = 0; j < 16; j++, offset += 4) W[j] = view.getUint32(offset, false);
    for (let j = 16; j < 68; j++) {
      const w3 = W[j - 3]!;
      W[j] = p1(W[j - 16]! ^ W[j - 9]! ^ rotl(w3, 15)) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
    }
    let { A, B, C, D, E, F, G, H } = this;
    for (let j = 0; j < 64; j++) {
      const a12 = rotl(A, 12);
      const ss1 = rotl((a12 + E + SM3_TJ_ROTATED[j]!) | 0, 7);
      const ss2 = ss1 ^ a12;
      const wj = W[j]!;
      // W'_j = W_j xor W_{j+4} (§5.3.2 step c), folded into the round to skip a second array.
      const wPrime = wj ^ W[j + 4]!;
      const ff = j < 16 ? A ^ B ^ C : (A & B) | (A & C) | (B & C);
      const gg = j < 16 ? E ^ F ^ G : (E & F) | (~E & G);
      const tt1 = (ff + D + ss2 + wPrime) | 0;
      const tt2 = (gg + H + ss1 + wj) | 0;
      D = C;
      C = rotl(B, 9);
      B = A;
      A = tt1;
      H = G;
      G = rotl(F, 19);
      F = E;
      E = p0(tt2);
    }
    // SM3 chains with XOR (V_{i+1} = ABCDEFGH xor V_i), unlike SHA-2's addition.
    this.set(A ^ this.A, B ^ this.B, C ^ this.C, D ^ this.D, E ^ this.E, F ^ this.F, G ^ this.G, H ^ this.H);
  }

  protected roundClean(): void {
    clean(SM3_W);
  }

  destroy(): void {
    this.destroyed = true;
    this.set(0, 0, 0, 0, 0, 0, 0, 0);
    clean(this.buffer);
  }
}

/** DER encoding of the SM3 OID 1.2.156.10197.1.401 (GM/T 0006), as noble's `oid` metadata expects. */
const SM3_OID = /* @__PURE__ */ Uint8Array.from([0x06, 0x08, 0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x11]);

/**
 * SM3 hash: 32-byte digest of any byte string, one-shot or streaming.
 *
 * @param message - bytes to hash (when called directly).
 * @returns the 32-byte digest; `sm3.create()` returns a streaming hasher with `update()` / `digest()`.
 * @throws TypeError (from @noble/hashes) when the input is not a Uint8Array; no Delta ID error codes.
 * @example
 * ```ts
 * sm3(utf8('abc')); // 66c7f0f4…8f4ba8e0
 * sm3.create().update(utf8('ab')).update(utf8('c')).digest(); // same digest
 * ```
 * @see GB/T 32905-2016 §5 (padding, expansion, compression), Annex A (examples).
 */
export const sm3: CHash = /* @__PURE__ */ createHasher(() => new SM3(), { oid: SM3_OID });
