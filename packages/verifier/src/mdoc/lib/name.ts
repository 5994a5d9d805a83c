/**
 * Reads the countryName (2.5.4.6) and stateOrProvinceName (2.5.4.8) attributes of a DER `Name`
 * (RFC 5280 §4.1.2.4). Bounded: every length is checked against its parent; anything malformed yields `{}`,
 * so the jurisdiction check then has no certificate claim to compare, and never crashes.
 */
export function countryAndState(name: Uint8Array): { country?: string; state?: string } {
  const out: { country?: string; state?: string } = {};
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const top = read(name, 0, name.length);
    if (name[0] !== 0x30 || top.end !== name.length) return {};
    for (const rdn of contents(name, top)) {
      if (name[rdn.tagAt] !== 0x31) return {};
      for (const atv of contents(name, rdn)) {
        const [type, value] = [...contents(name, atv)];
        if (
          name[atv.tagAt] !== 0x30 ||
          type === undefined ||
          value === undefined ||
          name[type.tagAt] !== 0x06
        )
          continue;
        const oid = Array.from(name.subarray(type.start, type.end), (b) =>
          b.toString(16).padStart(2, '0'),
        ).join('');
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

function* contents(buf: Uint8Array, parent: Span): Generator<Span> {
  let pos = parent.start;
  while (pos < parent.end) {
    const s = read(buf, pos, parent.end);
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
