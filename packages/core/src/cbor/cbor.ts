import { Decoder, Encoder, Tag } from 'cbor-x';
import { DeltaIdError } from '../errors.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from './limits.js';
import { ALLOWED_TAGS, scanCbor } from './scan.js';

/**
 * The one place cbor-x is configured (STYLE.md item 8). Pinned so the bytes are interoperable:
 * no record extension, no tag 64 on byte strings, no tag 259 on maps, Maps decoded as Maps so
 * integer keys survive, and no bundled-string or packing tricks.
 */
const OPTIONS = {
  useRecords: false,
  mapsAsObjects: false,
  tagUint8Array: false,
  variableMapSize: true,
  useTag259ForMaps: false,
  pack: false,
  bundleStrings: false,
  structuredClone: false,
} as const;

const encoder = new Encoder(OPTIONS);
const decoder = new Decoder(OPTIONS);

/** A tagged CBOR value as cbor-x represents it: `value` is the content, `tag` the number. */
export { Tag };

export const TAG_TDATE = 0;
export const TAG_EPOCH_DATE = 1;
export const TAG_COSE_MAC0 = 17;
export const TAG_COSE_SIGN1 = 18;
export const TAG_ENCODED_CBOR = 24;
export const TAG_CWT = 61;
export const TAG_FULL_DATE = 1004;

/**
 * Encodes a value to CBOR. `Map` keeps its key types (integer labels stay integers), `Uint8Array`
 * becomes a byte string, `Tag` a tagged item.
 *
 * @throws DeltaIdError `ERR_CBOR` when the value cannot be encoded.
 * @example encodeCbor(new Map([[1, -7]])) // a1 01 26
 */
export function encodeCbor(value: unknown): Uint8Array {
  try {
    const out = encoder.encode(value);
    // cbor-x returns a Buffer view on Node; callers get a plain, owned Uint8Array.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength).slice();
  } catch (cause) {
    throw new DeltaIdError('ERR_CBOR', 'value cannot be encoded as CBOR', { cause });
  }
}

/** Options for {@link decodeCbor}. */
export interface DecodeCborOptions {
  readonly limits?: CborLimits;
  /** Tags accepted; defaults to {@link ALLOWED_TAGS}. */
  readonly allowedTags?: ReadonlySet<number>;
}

/**
 * Decodes exactly one CBOR data item (RFC 8949) within limits. Maps decode as `Map`, byte strings as
 * `Uint8Array`, tag 24 as `Tag` whose `value` holds the embedded bytes exactly as received, tag 1004 as
 * `Tag` with its string, tag 0 and 1 as `Date`. Unknown tags, duplicate map keys, invalid UTF-8,
 * unassigned simple values and trailing bytes are refused.
 *
 * The result is `unknown`: validate it with a guard, never cast it.
 *
 * @throws DeltaIdError `ERR_CBOR` (malformed) or `ERR_CBOR_LIMIT` (a limit exceeded).
 * @example decodeCbor(Uint8Array.of(0xa1, 0x01, 0x26)) // Map { 1 => -7 }
 */
export function decodeCbor(bytes: Uint8Array, options: DecodeCborOptions = {}): unknown {
  scanCbor(bytes, options.limits ?? DEFAULT_CBOR_LIMITS, options.allowedTags ?? ALLOWED_TAGS);
  try {
    return normalise(decoder.decode(bytes));
  } catch (cause) {
    throw new DeltaIdError('ERR_CBOR', 'malformed CBOR', { cause });
  }
}

// cbor-x hands out Node Buffers that may share memory with the input; give callers owned Uint8Arrays
// so equality checks and later mutation of the input behave as expected.
function normalise(v: unknown): unknown {
  if (v instanceof Uint8Array) {
    return v.constructor === Uint8Array ? v : new Uint8Array(v);
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = normalise(v[i]);
    return v;
  }
  if (v instanceof Map) {
    for (const [k, val] of v) v.set(k, normalise(val));
    return v;
  }
  if (v instanceof Tag) {
    v.value = normalise(v.value);
    return v;
  }
  return v;
}

/** True when `v` is a `Tag` with the given number. */
export function isTag(v: unknown, tag: number): v is Tag {
  return v instanceof Tag && v.tag === tag;
}

/** Wraps already-encoded CBOR as tag 24 (`#6.24(bstr .cbor T)`), keeping the bytes as given. */
export function embedCbor(encoded: Uint8Array): Tag {
  return new Tag(encoded, TAG_ENCODED_CBOR);
}

/** A `full-date` (RFC 8943, tag 1004) such as `2026-11-28`. */
export function fullDate(isoDate: string): Tag {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      `full-date must be YYYY-MM-DD, got ${JSON.stringify(isoDate)}`,
    );
  }
  return new Tag(isoDate, TAG_FULL_DATE);
}

/** A `tdate` (RFC 8949 tag 0) without fractional seconds, as ISO 18013-5 requires. */
export function tdate(date: Date): Tag {
  if (Number.isNaN(date.getTime()))
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'tdate needs a valid Date');
  return new Tag(date.toISOString().replace(/\.\d{3}Z$/, 'Z'), TAG_TDATE);
}
