import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One long vector of the draft's appendix, parsed from the vectors README as published. */
export interface LongVector {
  readonly bits: 1 | 2 | 4 | 8;
  readonly statuses: ReadonlyArray<readonly [index: number, value: number]>;
  readonly lstBase64Url: string;
  readonly cborHex: string;
}

const dir = fileURLToPath(new URL('./vectors/token-status-list/', import.meta.url));

export function readVectorText(name: string): string {
  return readFileSync(`${dir}${name}`, 'utf8');
}

export function longVectors(): LongVector[] {
  const md = readVectorText('status-list-examples.md');
  const out: LongVector[] = [];
  const sections = md.split(/^### (\d)-bit Status List \(bits=\d\)$/m);
  for (let i = 1; i < sections.length; i += 2) {
    const bits = Number(sections[i]);
    if (bits !== 1 && bits !== 2 && bits !== 4 && bits !== 8) throw new Error('bad section');
    const body = sections[i + 1] ?? '';
    const blocks = [...body.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
    const [list, lst, cbor] = blocks;
    if (list === undefined || lst === undefined || cbor === undefined) throw new Error('missing block');
    const statuses = list
      .trim()
      .split('\n')
      .map((line) => {
        const [idx, bin, dec] = line.trim().split(/\s+/);
        if (Number.parseInt(bin ?? '', 2) !== Number(dec)) throw new Error('inconsistent vector line');
        return [Number(idx), Number(dec)] as const;
      });
    out.push({ bits, statuses, lstBase64Url: lst.trim(), cborHex: cbor.trim() });
  }
  return out;
}

/** A fenced block that follows a heading line, e.g. the CWT example's hex. */
export function blockAfter(heading: string): string {
  const md = readVectorText('status-list-examples.md');
  const at = md.indexOf(heading);
  if (at < 0) throw new Error(`heading not found: ${heading}`);
  const m = /```\n([\s\S]*?)\n```/.exec(md.slice(at));
  if (m?.[1] === undefined) throw new Error('block not found');
  return m[1].trim();
}
