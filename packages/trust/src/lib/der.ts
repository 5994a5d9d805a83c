import { DeltaIdError } from '@deltaid/core';

/**
 * A small, bounded DER reader (ITU-T X.690 §8, §10): just enough for X.509 certificates. Every read is
 * checked against the enclosing length, lengths use at most 4 bytes, and nesting is limited, so a hostile
 * certificate fails with `ERR_STRUCTURE` instead of reading out of bounds, recursing without end or
 * allocating on the strength of a declared length.
 */

/** One DER element: its tag byte, its content and its full encoding (header included). */
export interface DerElement {
  readonly tag: number;
  readonly content: Uint8Array;
  /** The whole TLV, as received: what a signature over `tbsCertificate` covers. */
  readonly raw: Uint8Array;
}

export const DER = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific constructed tag `[n]`. */
export const derContext = (n: number): number => 0xa0 | n;

/** Certificates are a few KiB; anything bigger is not something this reader should walk. */
const MAX_DER_BYTES = 64 * 1024;

export function derError(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `DER: ${message}`);
}

/** Reads the element at `offset`; returns it and the offset after it. */
export function readDer(buf: Uint8Array, offset: number, end = buf.length): { el: DerElement; next: number } {
  if (buf.length > MAX_DER_BYTES) throw derError(`input exceeds ${MAX_DER_BYTES} bytes`);
  if (offset + 2 > end) throw derError('truncated header');
  const tag = buf[offset]!;
  // High tag numbers (0x1f) never occur in the structures read here.
  if ((tag & 0x1f) === 0x1f) throw derError('high tag numbers are not supported');
  let pos = offset + 1;
  const first = buf[pos++]!;
  let len: number;
  if (first < 0x80) {
    len = first;
  } else {
    const n = first & 0x7f;
    // 0x80 is BER's indefinite form, which DER forbids; > 4 length bytes cannot fit MAX_DER_BYTES.
    if (n === 0 || n > 4) throw derError('unsupported length form');
    if (pos + n > end) throw derError('truncated length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos++]!;
    if (len < 0x80 || buf[pos - n] === 0) throw derError('non-minimal length');
  }
  if (pos + len > end) throw derError('length exceeds input');
  return {
    el: { tag, content: buf.subarray(pos, pos + len), raw: buf.subarray(offset, pos + len) },
    next: pos + len,
  };
}

/** Parses exactly one element filling `buf`. */
export function parseDer(buf: Uint8Array): DerElement {
  const { el, next } = readDer(buf, 0);
  if (next !== buf.length) throw derError('trailing bytes');
  return el;
}

/** The children of a constructed element. */
export function derChildren(el: DerElement): DerElement[] {
  if ((el.tag & 0x20) === 0) throw derError(`tag 0x${el.tag.toString(16)} is not constructed`);
  const out: DerElement[] = [];
  let pos = 0;
  while (pos < el.content.length) {
    const { el: child, next } = readDer(el.content, pos);
    out.push(child);
    pos = next;
  }
  return out;
}

/** Checks the tag and returns the element, so callers read a structure as a list of expectations. */
export function expectTag(el: DerElement | undefined, tag: number, what: string): DerElement {
  if (el === undefined) throw derError(`${what} missing`);
  if (el.tag !== tag)
    throw derError(`${what}: expected tag 0x${tag.toString(16)}, got 0x${el.tag.toString(16)}`);
  return el;
}

/** Dotted form of an OBJECT IDENTIFIER (X.690 §8.19). */
export function derOid(el: DerElement): string {
  const b = expectTag(el, DER.OID, 'OID').content;
  if (b.length === 0 || b.length > 64) throw derError('OID length');
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    const byte = b[i]!;
    if (v === 0 && byte === 0x80) throw derError('OID non-minimal arc');
    v = v * 128 + (byte & 0x7f);
    if (v > Number.MAX_SAFE_INTEGER / 128) throw derError('OID arc too large');
    if ((byte & 0x80) === 0) {
      if (parts.length === 0) {
        const first = v < 80 ? Math.floor(v / 40) : 2;
        parts.push(first, v - first * 40);
      } else {
        parts.push(v);
      }
      v = 0;
    }
  }
  if ((b[b.length - 1]! & 0x80) !== 0) throw derError('OID truncated arc');
  return parts.join('.');
}

/** The bits of a BIT STRING with no unused bits (keys and signatures are whole bytes). */
export function derBitStringBytes(el: DerElement): Uint8Array {
  const c = expectTag(el, DER.BIT_STRING, 'BIT STRING').content;
  if (c.length === 0 || c[0] !== 0) throw derError('BIT STRING with unused bits');
  return c.subarray(1);
}

/** A non-negative INTEGER's magnitude bytes, leading zero removed. */
export function derUnsigned(el: DerElement): Uint8Array {
  const c = expectTag(el, DER.INTEGER, 'INTEGER').content;
  if (c.length === 0) throw derError('empty INTEGER');
  if ((c[0]! & 0x80) !== 0) throw derError('negative INTEGER');
  if (c.length > 1 && c[0] === 0 && (c[1]! & 0x80) === 0) throw derError('non-minimal INTEGER');
  return c[0] === 0 && c.length > 1 ? c.subarray(1) : c;
}

/** A small INTEGER (BasicConstraints pathLen, version). */
export function derSmallInt(el: DerElement): number {
  const m = derUnsigned(el);
  if (m.length > 4) throw derError('INTEGER too large');
  let v = 0;
  for (const byte of m) v = v * 256 + byte;
  return v;
}

/** UTCTime (YYMMDDHHMMSSZ, RFC 5280 §4.1.2.5.1) or GeneralizedTime (YYYYMMDDHHMMSSZ) as epoch seconds. */
export function derTime(el: DerElement): number {
  const s = String.fromCharCode(...el.content);
  const utc = el.tag === DER.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  const gen =
    el.tag === DER.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  const m = utc ?? gen;
  if (m === null) throw derError('time is not UTCTime/GeneralizedTime in Z form');
  const y = Number(m[1]);
  // RFC 5280 §4.1.2.5.1: two-digit years 50..99 are 19xx.
  const year = utc === null ? y : y >= 50 ? 1900 + y : 2000 + y;
  const [mo, d, h, mi, se] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 59)
    throw derError('time out of range');
  return Date.UTC(year, mo - 1, d, h, mi, se) / 1000;
}
