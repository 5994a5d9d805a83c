/**
 * The SM2 recommended curve sm2p256v1 (GB/T 32918.5-2017 §3, GM/T 0003.5-2012), as a @noble/curves
 * Weierstrass point. Internal: the public surface is `sm2` in `../sm2.ts`.
 * @module
 */
import {
  type WeierstrassOpts,
  type WeierstrassPointCons,
  weierstrass,
} from '@noble/curves/abstract/weierstrass.js';

/** GB/T 32918.5-2017 recommended parameters (y² = x³ + ax + b over F_p, cofactor 1, OID 1.2.156.10197.1.301). */
export const SM2_CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};

/**
 * The sm2p256v1 point constructor. No `allowInfinityPoint`, so `fromBytes` cannot decode the identity and
 * every decoded point is checked to lie on the curve (cofactor 1: on the curve means in the group).
 */
export const Sm2Point: WeierstrassPointCons<bigint> = /* @__PURE__ */ weierstrass(SM2_CURVE);

/** Scalar field mod n. */
export const Sm2Fn = /* @__PURE__ */ (() => Sm2Point.Fn)();

/** Coordinate byte length (and scalar byte length): 32. */
export const SM2_BYTES = 32;
