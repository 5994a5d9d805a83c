import { DeltaIdError } from '../errors.js';

/** The 45 characters of RFC 9285 §4, in value order. */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

// ASCII code → value, -1 for every character outside the alphabet (lowercase included: RFC 9285 has none).
const VALUES: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/**
 * Longest text {@link decodeBase45} accepts unless told otherwise: 64 Ki characters, far above the
 * 4,296 alphanumeric characters of a version 40 QR code, so a caller that forgets the option still has a bound.
 */
export const DEFAULT_BASE45_MAX_LENGTH = 65_536;

/** Options for {@link decodeBase45}. */
export interface DecodeBase45Options {
  /** Maximum input length in characters (default {@link DEFAULT_BASE45_MAX_LENGTH}); longer input fails before any allocation. */
  readonly maxLength?: number;
}

/**
 * Encodes bytes as base45 (RFC 9285): each pair of bytes becomes three characters, a final odd byte two.
 *
 * @param bytes - the bytes to encode.
 * @returns the base45 text, using only `0-9A-Z $%*+-./:` (QR alphanumeric mode).
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when `bytes` is not a Uint8Array.
 * @example encodeBase45(new TextEncoder().encode('AB')) // 'BB8'
 * @see RFC 9285 §4.3 (encoding).
 */
export function encodeBase45(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'encodeBase45 expects a Uint8Array');
  }
  // String concatenation beats array push + join here (V8 builds ropes, flattened once).
  let out = '';
  const pairs = bytes.length - (bytes.length % 2);
  for (let i = 0; i < pairs; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    out += ALPHABET[c]! + ALPHABET[d]! + ALPHABET[(n - d) / 45]!;
  }
  if (pairs < bytes.length) {
    const n = bytes[pairs]!;
    out += ALPHABET[n % 45]! + ALPHABET[(n - (n % 45)) / 45]!;
  }
  return out;
}

/**
 * Decodes base45 text (RFC 9285) strictly. Nothing is trimmed, case-folded or skipped: a scanner that
 * hands us anything but the exact alphanumeric payload gets an error, never a best-effort guess.
 *
 * @param text - base45 text.
 * @param options - `maxLength`, the longest input accepted (characters).
 * @returns the decoded bytes.
 * @throws DeltaIdError `ERR_BASE45` with `details.position` (index of the offending character or group)
 *   for a character outside `0-9A-Z $%*+-./:`, a dangling single character (length ≡ 1 mod 3), a
 *   triple above 65535 or a final pair above 255; with `details.length`/`details.maxLength` when the
 *   text is too long. `ERR_INVALID_ARGUMENT` when `text` is not a string or `maxLength` is not a
 *   non-negative integer.
 * @example decodeBase45('BB8') // Uint8Array [0x41, 0x42] ('AB')
 * @see RFC 9285 §4.4 (decoding) and §6 (invalid input must be rejected).
 */
export function decodeBase45(text: string, options: DecodeBase45Options = {}): Uint8Array {
  if (typeof text !== 'string') {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'decodeBase45 expects a string');
  }
  const maxLength = options.maxLength ?? DEFAULT_BASE45_MAX_LENGTH;
  if (!Number.isSafeInteger(maxLength) || maxLength < 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'maxLength must be a non-negative integer');
  }
  if (text.length > maxLength) {
    throw new DeltaIdError('ERR_BASE45', `base45 text longer than ${maxLength} characters`, {
      details: { length: text.length, maxLength },
    });
  }
  const rest = text.length % 3;
  const out = new Uint8Array(((text.length - rest) / 3) * 2 + (rest === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 3 <= text.length; i += 3) {
    const n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 2025;
    if (n > 0xffff) {
      throw new DeltaIdError('ERR_BASE45', 'base45 triple encodes a value above 65535', {
        details: { position: i },
      });
    }
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (rest === 1) {
    // Checked last so that an earlier bad character is the one reported.
    value(text, i);
    throw new DeltaIdError('ERR_BASE45', 'base45 text ends with a single dangling character', {
      details: { position: i },
    });
  }
  if (rest === 2) {
    const n = value(text, i) + value(text, i + 1) * 45;
    if (n > 0xff) {
      throw new DeltaIdError('ERR_BASE45', 'final base45 pair encodes a value above 255', {
        details: { position: i },
      });
    }
    out[o] = n;
  }
  return out;
}

function value(text: string, position: number): number {
  const code = text.charCodeAt(position);
  const v = code < 128 ? VALUES[code]! : -1;
  if (v < 0) {
    throw new DeltaIdError('ERR_BASE45', 'character outside the base45 alphabet', {
      details: { position },
    });
  }
  return v;
}
