import { DeltaIdError } from '../errors.js';
import type { CborLimits } from './limits.js';

/**
 * Tags Delta ID understands: 0 tdate, 1 epoch date, 16/17/18 COSE_Encrypt0/Mac0/Sign1, 24 embedded CBOR,
 * 61 CWT, 1004 full-date. Anything else is refused before cbor-x sees it, so none of its built-in tag
 * handlers (packed values, records, generic objects) can run on untrusted input.
 */
export const ALLOWED_TAGS: ReadonlySet<number> = new Set([0, 1, 16, 17, 18, 24, 61, 1004]);

interface Frame {
  /** Items still expected; -1 while indefinite (ends with a break). */
  left: number;
  readonly kind: 'array' | 'map' | 'tag';
  /** Items seen so far (map keys sit at even positions). */
  seen: number;
  keys: Set<string> | null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function malformed(message: string, offset: number): DeltaIdError {
  return new DeltaIdError('ERR_CBOR', `malformed CBOR: ${message}`, { details: { offset } });
}

function limit(name: keyof CborLimits, value: number, max: number): DeltaIdError {
  return new DeltaIdError('ERR_CBOR_LIMIT', `CBOR ${name} exceeded: ${value} > ${max}`, {
    details: { limit: name, max, value },
  });
}

/**
 * Walks the heads of one CBOR data item without building values: checks well-formedness (RFC 8949
 * §3, no trailing bytes), the limits, the tag allow-list, UTF-8 of text strings and duplicate map keys.
 * Cost is linear in the input and allocation is bounded by `maxDepth`.
 */
export function scanCbor(buf: Uint8Array, limits: CborLimits, allowedTags: ReadonlySet<number>): void {
  const len = buf.length;
  if (len > limits.maxBytes) throw limit('maxBytes', len, limits.maxBytes);
  if (len === 0) throw malformed('empty input', 0);
  const stack: Frame[] = [];
  let pos = 0;
  let items = 0;
  let done = false;

  const readArg = (ai: number, at: number): number => {
    if (ai < 24) return ai;
    const size = ai === 24 ? 1 : ai === 25 ? 2 : ai === 26 ? 4 : ai === 27 ? 8 : 0;
    if (size === 0) throw malformed(`reserved additional information ${ai}`, at);
    if (pos + size > len) throw malformed('truncated argument', at);
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + buf[pos + i]!;
    pos += size;
    // Above 2^53 the value is imprecise but still far beyond every limit, which is all that matters here.
    return v;
  };

  const push = (frame: Frame): void => {
    if (stack.length + 1 > limits.maxDepth) throw limit('maxDepth', stack.length + 1, limits.maxDepth);
    stack.push(frame);
  };

  // Called when a complete item ends; closes every container it completes.
  const itemEnded = (): void => {
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        done = true;
        return;
      }
      top.seen++;
      if (top.left > 0) top.left--;
      if (top.left !== 0) return;
      stack.pop();
    }
  };

  while (!done) {
    if (pos >= len) throw malformed('truncated input', pos);
    const at = pos;
    const ib = buf[pos++]!;
    const major = ib >> 5;
    const ai = ib & 31;
    const top = stack[stack.length - 1];

    if (ib === 0xff) {
      if (top === undefined || top.left !== -1) throw malformed('unexpected break', at);
      if (top.kind === 'map' && top.seen % 2 !== 0) throw malformed('map with a key but no value', at);
      stack.pop();
      itemEnded();
      continue;
    }
    if (++items > limits.maxItems) throw limit('maxItems', items, limits.maxItems);
    const isKey = top?.kind === 'map' && top.seen % 2 === 0;
    // Duplicate detection compares decoded keys, not bytes: `01` and `18 01` are both the key 1 once decoded.
    let keyId: string | undefined;

    switch (major) {
      case 0:
      case 1:
        keyId = `${major}:${readArg(ai, at)}`;
        break;
      case 2:
      case 3: {
        // cbor-x cannot decode chunked strings, and no Delta ID structure needs them: refuse them up front.
        if (ai === 31) throw malformed('indefinite-length strings are not supported', at);
        const n = readArg(ai, at);
        if (n > limits.maxStringBytes) throw limit('maxStringBytes', n, limits.maxStringBytes);
        if (pos + n > len) throw malformed('truncated string', at);
        if (major === 3) {
          try {
            utf8.decode(buf.subarray(pos, pos + n));
          } catch {
            throw malformed('invalid UTF-8 in text string', at);
          }
        }
        if (isKey) {
          keyId = `${major}:`;
          for (let i = pos; i < pos + n; i++) keyId += String.fromCharCode(buf[i]!);
        }
        pos += n;
        break;
      }
      case 4:
      case 5: {
        const kind = major === 4 ? 'array' : 'map';
        if (ai === 31) {
          push({ left: -1, kind, seen: 0, keys: kind === 'map' ? new Set() : null });
          continue;
        }
        const n = readArg(ai, at);
        const count = major === 4 ? n : n * 2;
        // Each item takes at least one byte: a count larger than the rest of the input is truncation.
        if (count > len - pos) throw malformed(`${kind} of ${n} items in ${len - pos} bytes`, at);
        if (count === 0) break;
        push({ left: count, kind, seen: 0, keys: kind === 'map' ? new Set() : null });
        if (isKey) top!.keys = null; // a container key: skip duplicate detection for this map
        continue;
      }
      case 6: {
        const tag = readArg(ai, at);
        if (!allowedTags.has(tag)) throw malformed(`unsupported tag ${tag}`, at);
        push({ left: 1, kind: 'tag', seen: 0, keys: null });
        if (isKey) top!.keys = null;
        continue;
      }
      default: {
        // major 7: false, true, null, undefined and floats only, and never as a map key: a float 1.0 and the integer
        // 1 decode to the same JavaScript key.
        if (isKey) throw malformed('a map key must be an integer or a string', at);
        if (ai >= 20 && ai <= 23) break;
        if (ai === 25 || ai === 26 || ai === 27) {
          readArg(ai, at);
          break;
        }
        throw malformed(`unsupported simple value ${ai}`, at);
      }
    }
    if (isKey && top!.keys !== null && keyId !== undefined) {
      if (top!.keys.has(keyId)) throw malformed('duplicate map key', at);
      top!.keys.add(keyId);
    }
    itemEnded();
  }
  if (pos !== len) throw malformed(`${len - pos} trailing bytes`, pos);
}
