import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeltaIdError } from '@deltaid/core';
import type { TrustStorage } from './types.js';

/**
 * {@link TrustStorage} in a directory, for Node verifiers that must work offline after a restart. The only
 * module of `@deltaid/trust` that imports `node:*`; it is not exported from the package root so the
 * portable verifier bundle never pulls it in. Writes go to a temporary file renamed into place, so a crash
 * mid-write leaves the previous good copy.
 *
 * @param dir - the directory (created when missing).
 * @returns a storage whose keys become file names (`[A-Za-z0-9._-]` only).
 * @throws DeltaIdError `ERR_STORAGE` for an unusable key or an I/O failure other than a missing file.
 * @example
 * ```ts
 * const storage = createFileStorage('/var/lib/deltaid/trust');
 * ```
 * @see docs/formats/trust-list.md §Caching
 */
export function createFileStorage(dir: string): TrustStorage {
  const path = (key: string) => {
    // Keys name files; anything that could climb out of `dir` is refused.
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(key) || key.startsWith('.')) {
      throw new DeltaIdError('ERR_STORAGE', `storage key ${JSON.stringify(key)} is not a safe file name`);
    }
    return join(dir, `${key}.cbor`);
  };
  return {
    async get(key) {
      try {
        return new Uint8Array(await readFile(path(key)));
      } catch (cause) {
        if (cause instanceof Error && 'code' in cause && cause.code === 'ENOENT') return undefined;
        throw new DeltaIdError('ERR_STORAGE', `cannot read ${key}`, { cause });
      }
    },
    async set(key, value) {
      const target = path(key);
      const tmp = `${target}.${process.pid}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(tmp, value);
        await rename(tmp, target);
      } catch (cause) {
        throw new DeltaIdError('ERR_STORAGE', `cannot write ${key}`, { cause });
      }
    },
  };
}
