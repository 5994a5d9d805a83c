/**
 * Node-only adapters for the status cache. This module is the only one of the status cache that
 * imports `node:*`; it is not re-exported from the package root, so a browser or mini-program
 * verifier bundle never pulls it in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DeltaIdError } from '@deltaid/core';
import type { ReadBytes, StatusCacheStorage } from './types.js';

function fileName(key: string): string {
  // URIs are not safe file names; a digest is, and keeps names short.
  return `${createHash('sha256').update(key, 'utf8').digest('hex')}.status`;
}

/**
 * A {@link StatusCacheStorage} in a directory, one file per list. Writes are atomic (a temporary file
 * in the same directory, flushed, then renamed over the old one), so a crash leaves either the old or
 * the new copy, never half of one.
 *
 * @param options - `dir`: the directory (created when missing).
 * @returns the storage.
 * @throws DeltaIdError `ERR_STORAGE` when the directory cannot be written (from `set`).
 * @example
 * ```ts
 * import { createFileStatusStorage } from '@deltaid/trust/status-cache/file-storage'
 * const storage = createFileStatusStorage({ dir: '/var/lib/verifier/status' })
 * ```
 * @see draft-ietf-oauth-status-list §13.7
 */
export function createFileStatusStorage(options: { readonly dir: string }): StatusCacheStorage {
  const { dir } = options;
  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(join(dir, fileName(key))));
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
        throw new DeltaIdError('ERR_STORAGE', 'cannot read the status cache', { cause: err });
      }
    },
    async set(key, value) {
      const target = join(dir, fileName(key));
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, value, { flush: true });
        await rename(temp, target);
      } catch (err) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw new DeltaIdError('ERR_STORAGE', 'cannot write the status cache', { cause: err });
      }
    },
  };
}

/**
 * Reads a token file for the status cache's `readFile` option; accepts a path or a `file:` URL.
 *
 * @param location - path or `file:` URL.
 * @returns the file's bytes.
 * @throws DeltaIdError `ERR_STATUS_UNAVAILABLE` when the file cannot be read.
 * @example
 * ```ts
 * createStatusCache({ crypto, key, now, readFile: readFileBytes, lists: [{ uri, location: './list-1.cwt' }] })
 * ```
 * @see draft-ietf-oauth-status-list §8.1
 */
export const readFileBytes: ReadBytes = async (location) => {
  try {
    const path = location.startsWith('file:') ? fileURLToPath(location) : location;
    return new Uint8Array(await readFile(path));
  } catch (err) {
    throw new DeltaIdError('ERR_STATUS_UNAVAILABLE', 'cannot read the status list file', { cause: err });
  }
};
