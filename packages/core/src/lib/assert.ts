import { DeltaIdError, type ErrorCode } from '../errors.js';

/** Throws a typed error when `cond` is false. Messages name the field that failed. */
export function ensure(cond: unknown, code: ErrorCode, message: string): asserts cond {
  if (!cond) throw new DeltaIdError(code, message);
}

export function isBytes(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

export function isPlainMap(v: unknown): v is Map<unknown, unknown> {
  return v instanceof Map;
}
