import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const NODE_ONLY = ['pngjs', 'jpeg-js', 'zxing-wasm/reader'];

/** Every module specifier reachable from `entry` through this package's own relative imports. */
function imports(entry: string): { files: Set<string>; external: Set<string> } {
  const files = new Set<string>();
  const external = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, spec] of source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)) {
      if (spec!.startsWith('.')) visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
      else external.add(spec!);
    }
  };
  visit(join(SRC, entry));
  return { files, external };
}

describe('package boundaries', () => {
  it('the portable entry (renderers) reaches no node:* module and no image decoder', () => {
    const { files, external } = imports('index.ts');
    expect(files.size).toBeGreaterThan(5);
    expect([...external].sort()).toEqual(['@deltaid/core', 'qrcode']);
  });

  it('the ./node entry is where the readers and their Node-only dependencies live', () => {
    const { external } = imports('node.ts');
    for (const dep of [...NODE_ONLY, 'node:fs/promises', 'node:zlib']) expect(external).toContain(dep);
  });
});
