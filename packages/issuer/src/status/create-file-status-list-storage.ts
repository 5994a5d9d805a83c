import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DeltaIdError } from '@deltaid/core';
import { decodeRecord, encodeRecord } from './lib/record-codec.js';
import type { StatusListStorage } from './types.js';

const NAME = /^list-(\d{1,9})\.cbor$/;

/**
 * A {@link StatusListStorage} in a directory, one file per list (`list-<id>.cbor`). A save writes a
 * temporary file in the same directory, flushes it to disk, renames it over the old file and flushes
 * the directory, so after a crash the file holds either the previous or the new record, never a mix,
 * and an allocation reported as done survives a restart.
 *
 * One process should own the directory: the storage does not lock against a second writer.
 *
 * @param options - `dir`: the directory (created when missing).
 * @returns the storage.
 * @throws DeltaIdError `ERR_STORAGE` when a file cannot be read or written, or a record is damaged.
 * @example
 * ```ts
 * const storage = createFileStatusListStorage({ dir: '/var/lib/deltaid/status' })
 * ```
 * @see draft-ietf-oauth-status-list §13.3
 */
export function createFileStatusListStorage(options: { readonly dir: string }): StatusListStorage {
  const { dir } = options;
  const path = (listId: number) => join(dir, `list-${listId}.cbor`);
  return {
    async load(listId) {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(path(listId)));
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return undefined;
        throw new DeltaIdError('ERR_STORAGE', `cannot read status list ${listId}`, { cause: err });
      }
      const record = decodeRecord(bytes);
      if (record.listId !== listId)
        throw new DeltaIdError('ERR_STORAGE', `file of list ${listId} holds another list`);
      return record;
    },
    async save(record) {
      const target = path(record.listId);
      const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        const file = await open(temp, 'wx', 0o600);
        try {
          await file.writeFile(encodeRecord(record));
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temp, target);
        const directory = await open(dir, 'r');
        try {
          await directory.sync();
        } catch {
          // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
        } finally {
          await directory.close();
        }
      } catch (err) {
        await rm(temp, { force: true }).catch(() => undefined);
        throw new DeltaIdError('ERR_STORAGE', `cannot write status list ${record.listId}`, { cause: err });
      }
    },
    async listIds() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (err) {
        if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return [];
        throw new DeltaIdError('ERR_STORAGE', 'cannot list status lists', { cause: err });
      }
      return names
        .map((name) => NAME.exec(name)?.[1])
        .filter((id): id is string => id !== undefined)
        .map(Number)
        .sort((a, b) => a - b);
    },
  };
}
