import { concatBytes, utf8 } from '@deltaid/core';

/** A minimal DER writer (X.690 §10): definite lengths, only the types an X.509 certificate needs. */
export function tlv(tag: number, content: Uint8Array): Uint8Array {
  const n = content.length;
  let len: Uint8Array;
  if (n < 0x80) len = Uint8Array.of(n);
  else if (n < 0x100) len = Uint8Array.of(0x81, n);
  else if (n < 0x10000) len = Uint8Array.of(0x82, n >>> 8, n & 0xff);
  else len = Uint8Array.of(0x83, n >>> 16, (n >>> 8) & 0xff, n & 0xff);
  return concatBytes(Uint8Array.of(tag), len, content);
}

export const seq = (...items: Uint8Array[]): Uint8Array => tlv(0x30, concatBytes(...items));
export const set = (...items: Uint8Array[]): Uint8Array => tlv(0x31, concatBytes(...items));
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bitString = (b: Uint8Array): Uint8Array => tlv(0x03, concatBytes(Uint8Array.of(0), b));
export const bool = (v: boolean): Uint8Array => tlv(0x01, Uint8Array.of(v ? 0xff : 0));
export const explicit = (n: number, inner: Uint8Array): Uint8Array => tlv(0xa0 | n, inner);
export const utf8String = (s: string): Uint8Array => tlv(0x0c, utf8(s));
export const printable = (s: string): Uint8Array => tlv(0x13, utf8(s));

/** An unsigned big-endian integer as DER INTEGER (minimal, with a 0x00 pad when the top bit is set). */
export function uint(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const b = bytes.subarray(i);
  return tlv(0x02, (b[0] ?? 0) & 0x80 ? concatBytes(Uint8Array.of(0), b) : b);
}

export function smallInt(n: number): Uint8Array {
  return uint(Uint8Array.of(n));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const p of parts.slice(2)) {
    const stack = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) stack.unshift(0x80 | (v & 0x7f));
    out.push(...stack);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** UTCTime before 2050, GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5). */
export function time(d: Date): Uint8Array {
  const iso = d.toISOString();
  const compact = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050 ? tlv(0x17, utf8(compact.slice(2))) : tlv(0x18, utf8(compact));
}

/** Raw `r‖s` → ECDSA-Sig-Value (RFC 3279 §2.2.3). */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  return seq(uint(raw.subarray(0, half)), uint(raw.subarray(half)));
}

/** A one-byte named-bit BIT STRING (KeyUsage) with its count of unused trailing bits. */
export function namedBits(byte: number, unused: number): Uint8Array {
  return tlv(0x03, Uint8Array.of(unused, byte));
}
