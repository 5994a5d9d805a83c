// Bundle size of the verifier as a browser app ships it: esbuild bundles an entry that imports `createVerifier`
// with the `hotel-checkin` preset, minified, platform browser, ESM, UTF-8 output (Chinese messages stay 3 bytes a
// character instead of 6-byte \u escapes). Packages resolve through their `exports` with the `source` condition,
// i.e. their TypeScript sources, so no build is needed; tsconfig `paths` are ignored (they point at Node files).
// One JSON line per entry:
// {"bench":"bundle-size","entry":…,"bytes":…,"gzip_bytes":…,"gzip_kib":…,"budget_kib":30,"within_budget":…}
//   verifier           — createVerifier + hotel preset; the crypto provider is injected by the app
//                         (WebCrypto-backed `@deltaid/core/crypto/native` in browsers), so it is not counted.
//   verifier+portable  — the same plus `createPortableCrypto()` (@noble: ES256, ES384, EdDSA, SM2, SM3) for
//                         runtimes without WebCrypto (mini-programs).
// Also exported: `bundleVerifier(entry)` → { bytes, gzipBytes, code, inputs } for the tests.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_KIB = 30;

const verifierDir = fileURLToPath(new URL('../packages/verifier/', import.meta.url));

/** esbuild: the root's own, or the one tsup depends on (not a root dependency). */
async function loadEsbuild() {
  try {
    return await import('esbuild');
  } catch {
    const root = createRequire(new URL('../package.json', import.meta.url));
    return createRequire(root.resolve('tsup'))('esbuild');
  }
}

export const ENTRIES = {
  verifier: `import { createVerifier } from '@deltaid/verifier';
export const makeVerifier = (trust, crypto) =>
  createVerifier({ trust, crypto, policy: 'hotel-checkin', clock: () => Date.now() });`,
  'verifier+portable': `import { createVerifier } from '@deltaid/verifier';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
export const makeVerifier = (trust) =>
  createVerifier({ trust, crypto: createPortableCrypto(), policy: 'hotel-checkin', clock: () => Date.now() });`,
};

/**
 * Bundles `contents` (an ES module importing @deltaid/*) for the browser.
 * @returns {{ bytes: number, gzipBytes: number, code: string, inputs: string[] }}
 */
export async function bundleVerifier(contents, options = {}) {
  const { build } = await loadEsbuild();
  const result = await build({
    stdin: { contents, resolveDir: verifierDir, loader: 'js', sourcefile: 'entry.js' },
    bundle: true,
    minify: options.minify ?? true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    charset: 'utf8',
    conditions: ['source'],
    // Resolve through package exports, not the workspace tsconfig paths (which map to Node-only files).
    tsconfigRaw: '{}',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0].contents;
  return {
    bytes: out.length,
    gzipBytes: gzipSync(out, { level: 9 }).length,
    code: new TextDecoder().decode(out),
    // Files that contributed code (the metafile also lists parsed-then-shaken files with 0 bytes).
    inputs: Object.values(result.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([file]) => file),
    ),
  };
}

export default async function benchBundleSize() {
  const results = [];
  for (const [entry, contents] of Object.entries(ENTRIES)) {
    const { bytes, gzipBytes } = await bundleVerifier(contents);
    const line = {
      bench: 'bundle-size',
      entry,
      bytes,
      gzip_bytes: gzipBytes,
      gzip_kib: Math.round((gzipBytes / 1024) * 10) / 10,
      budget_kib: BUDGET_KIB,
      within_budget: gzipBytes <= BUDGET_KIB * 1024,
    };
    console.log(JSON.stringify(line));
    results.push(line);
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBundleSize();
