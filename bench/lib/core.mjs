// Loads @deltaid/core entry points from the built package (packages/core/dist; run `pnpm build` first).
// The workspace root does not depend on @deltaid/core, so when the bare specifier does not resolve from
// bench/, resolve it as packages/core would resolve itself (package self-reference, Node's "node" condition).
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const fromCore = createRequire(new URL('../../packages/core/package.json', import.meta.url));

/** `await importCore('crypto/native')` ≈ `await import('@deltaid/core/crypto/native')`. */
export async function importCore(subpath = '') {
  const specifier = subpath === '' ? '@deltaid/core' : `@deltaid/core/${subpath}`;
  try {
    return await import(specifier);
  } catch (err) {
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' && err?.code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw err;
  }
  let file;
  try {
    file = fromCore.resolve(specifier);
  } catch (cause) {
    throw new Error(`cannot resolve ${specifier}: run \`pnpm build\` (packages/core/dist) first`, { cause });
  }
  return import(pathToFileURL(file).href);
}
