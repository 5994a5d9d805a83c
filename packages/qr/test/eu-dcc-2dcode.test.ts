import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeltaIdError } from '@deltaid/core';
import { readQr } from '@deltaid/qr/node';
import { describe, expect, it } from 'vitest';

// The EU DCC test data (dgc-testdata) already kept by core; its README documents the flags.
const ROOT = fileURLToPath(new URL('../../core/test/vectors/eu-dcc/', import.meta.url));

interface Vector {
  readonly name: string;
  readonly prefix: string | undefined;
  readonly png: Uint8Array;
  readonly expected: boolean | undefined;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [],
  );
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined;
}

const vectors: Vector[] = walk(ROOT).flatMap((file): Vector[] => {
  const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const code = field(json, '2DCODE');
  if (typeof code !== 'string') return [];
  const prefix = field(json, 'PREFIX');
  const expected = field(field(json, 'EXPECTEDRESULTS'), 'EXPECTEDPICTUREDECODE');
  return [
    {
      name: relative(ROOT, file),
      prefix: typeof prefix === 'string' ? prefix : undefined,
      png: new Uint8Array(Buffer.from(code, 'base64')),
      expected: typeof expected === 'boolean' ? expected : undefined,
    },
  ];
});

describe('EU DCC 2DCODE images (dgc-testdata, EXPECTEDPICTUREDECODE)', () => {
  it('has the vectors this test is about', () => {
    expect(vectors.filter((v) => v.expected === true).length).toBeGreaterThanOrEqual(20);
    expect(vectors.filter((v) => v.expected === false).map((v) => v.name)).toEqual([
      join('common', '2DCode', 'raw', 'Q1.json'),
    ]);
  });

  it('reads every picture flagged EXPECTEDPICTUREDECODE true to exactly its PREFIX text', async () => {
    for (const v of vectors.filter((x) => x.expected === true)) {
      expect(v.prefix?.startsWith('HC1:'), v.name).toBe(true);
      expect(await readQr(v.png), v.name).toBe(v.prefix);
    }
  });

  it('reads the unflagged pictures (other checks of real certificates) to their PREFIX too', async () => {
    for (const v of vectors.filter((x) => x.expected === undefined && x.prefix !== undefined)) {
      expect(await readQr(v.png), v.name).toBe(v.prefix);
    }
  });

  it('fails on Q1 (EXPECTEDPICTUREDECODE false) with ERR_QR_READ', async () => {
    for (const v of vectors.filter((x) => x.expected === false)) {
      const err = await readQr(v.png).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, v.name).toBeInstanceOf(DeltaIdError);
      expect(err instanceof DeltaIdError && err.code).toBe('ERR_QR_READ');
    }
  });
});
