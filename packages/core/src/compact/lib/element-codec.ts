import { DeltaIdError } from '../../errors.js';

/**
 * Compact encodings of element values (docs/formats/compact-credential.md §Element values). Dates travel as days since
 * 1970-01-01 (3 bytes instead of 13 for a tag-1004 string), `long-term` validity as null, citizen ID numbers as 9 bytes of
 * packed decimal (the check character X as the nibble 0xA).
 */

const DAY_MS = 86_400_000;

export function dateToDays(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return Math.round(ms / DAY_MS);
}

export function daysToDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function packIdNumber(id: string): Uint8Array {
  const out = new Uint8Array(9);
  for (let i = 0; i < 18; i++) {
    const c = id[i];
    const nibble = c === 'X' ? 10 : Number(c);
    out[i >> 1]! |= i % 2 === 0 ? nibble << 4 : nibble;
  }
  return out;
}

export function unpackIdNumber(b: Uint8Array, field: string): string {
  if (b.length !== 9) throw bad(field, 'must be 9 bytes of packed decimal');
  let s = '';
  for (let i = 0; i < 18; i++) {
    const nibble = i % 2 === 0 ? b[i >> 1]! >> 4 : b[i >> 1]! & 15;
    if (nibble < 10) s += String(nibble);
    else if (nibble === 10 && i === 17) s += 'X';
    else throw bad(field, 'has a nibble that is not a digit');
  }
  return s;
}

export function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `element ${field} ${message}`, { details: { field } });
}
