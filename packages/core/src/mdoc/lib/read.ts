import { Tag } from '../../cbor/cbor.js';
import { DeltaIdError, type ErrorCode } from '../../errors.js';

/** A structure error naming the field, so a refused response says where it went wrong. */
export function bad(what: string, message: string, code: ErrorCode = 'ERR_STRUCTURE'): DeltaIdError {
  return new DeltaIdError(code, `${what}: ${message}`);
}

export function asMap(v: unknown, what: string): ReadonlyMap<unknown, unknown> {
  if (!(v instanceof Map)) throw bad(what, 'must be a map');
  return v;
}

export function asArray(v: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(v)) throw bad(what, 'must be an array');
  return v;
}

export function asText(v: unknown, what: string): string {
  if (typeof v !== 'string') throw bad(what, 'must be a text string');
  return v;
}

export function asBytes(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Uint8Array)) throw bad(what, 'must be a byte string');
  return v;
}

export function asUint(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw bad(what, 'must be an unsigned integer');
  return v;
}

/** A tdate (tag 0), which the CBOR module decodes as a `Date`. */
export function asTdate(v: unknown, what: string): Date {
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) throw bad(what, 'must be a tdate (tag 0)');
  return v;
}

/** The embedded bytes of a `#6.24(bstr .cbor T)`. */
export function tag24Inner(v: unknown, what: string): Uint8Array {
  if (!(v instanceof Tag) || v.tag !== 24) throw bad(what, 'must be tag 24 (embedded CBOR)');
  if (!(v.value instanceof Uint8Array)) throw bad(what, 'tag 24 must hold a byte string');
  return v.value;
}

/** Keys of a map that must all be text strings (namespace and element maps). */
export function textKeyed(v: unknown, what: string): ReadonlyMap<string, unknown> {
  const m = asMap(v, what);
  const out = new Map<string, unknown>();
  for (const [k, val] of m) out.set(asText(k, `${what} key`), val);
  return out;
}

/** Refuses keys outside the CDDL of a closed map: an unknown key is more likely damage than extension. */
export function onlyKeys(m: ReadonlyMap<unknown, unknown>, allowed: readonly string[], what: string): void {
  for (const k of m.keys()) {
    if (typeof k !== 'string' || !allowed.includes(k)) throw bad(what, `unexpected key ${String(k)}`);
  }
}
