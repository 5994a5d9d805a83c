import { randomBytes } from 'node:crypto';
import { COMPACT_PREFIX, encodeBase45 } from '@deltaid/core';

/** A `YRD1:` text as the compact format makes them: prefix + base45 of `bytes`. */
export function yrdText(bytes: Uint8Array): string {
  return COMPACT_PREFIX + encodeBase45(bytes);
}

/** A random `YRD1:` text of exactly `length` characters (base45 of random bytes, trimmed to length). */
export function randomYrdText(length: number): string {
  const body = encodeBase45(randomBytes(Math.ceil(((length - COMPACT_PREFIX.length) * 2) / 3) + 2));
  return COMPACT_PREFIX + body.slice(0, length - COMPACT_PREFIX.length);
}

/** The fixed 587-character text of the size assertions: base45 of 388 bytes (i × 37 + 11) mod 256. */
export const FIXED_587 = yrdText(Uint8Array.from({ length: 388 }, (_, i) => (i * 37 + 11) % 256));
