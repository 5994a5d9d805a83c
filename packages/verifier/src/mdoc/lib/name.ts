/**
 * Reads the countryName (2.5.4.6) and stateOrProvinceName (2.5.4.8) attributes of a DER `Name`
 * (RFC 5280 §4.1.2.4). Bounded: every length is checked against its parent; anything odd yields `{}`,
 * which makes the jurisdiction check fall back to "no claim to compare", never a crash.
 */
export function countryAndState(name: Uint8Array): { country?: string; state?: string } {
  const out: { country?: string; state?: string } = {};
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (const rdn of children(name, 0, name.length, 0x30)) {
      for (const atv of children(name, rdn.start, rdn.end, 0x31)) {
        const [type, value] = [...children(name, atv.start, atv.end, 0x30)];
        if (type === undefined || value === undefined || name[type.tagAt] !== 0x06) continue;
        const oid = Array.from(name.subarray(type.start, type.end), (b) => b.toString(16).padStart(2, '0')).join('');
        const text = decoder.decode(name.subarray(value.start, value.end));
        if (oid === '550406') out.country = text;
        else if (oid === '550408') out.state = text;
      }
    }
  } catch {
    return {};
  }
  return out;
}

interface Span {
  readonly tagAt: number;
  readonly start: number;
  readonly end: number;
}

/** The TLVs inside [start, end) of an element with tag `outer` at `start`… or its contents when outer is 0x30 at top. */
function* children(buf: Uint8Array, start: number, end: number, outer: number): Generator<Span> {
  // The caller passes the span of an element's content, except at the top where it passes the whole Name.
  let pos = start;
  if (start === 0 && buf[0] === outer && end === buf.length) {
    const top = read(buf, 0, end);
    pos = top.start;
    end = top.end;
  }
  while (pos < end) {
    const s = read(buf, pos, end);
    yield s;
    pos = s.end;
  }
}

function read(buf: Uint8Array, at: number, limit: number): Span {
  let pos = at + 1;
  const first = buf[pos++];
  if (first === undefined) throw new Error('truncated');
  let len = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 3) throw new Error('length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[pos++] ?? Number.NaN);
  }
  const end = pos + len;
  if (!Number.isFinite(end) || end > limit) throw new Error('overrun');
  return { tagAt: at, start: pos, end };
}
