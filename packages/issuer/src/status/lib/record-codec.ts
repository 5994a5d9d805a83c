import { DeltaIdError, decodeCbor, encodeCbor } from '@deltaid/core';
import type { StatusListBits } from '@deltaid/trust';
import type { StatusListRecord } from '../types.js';
import { countAllocated } from './allocate.js';

const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function encodeRecord(record: StatusListRecord): Uint8Array {
  return encodeCbor(
    new Map<string, unknown>([
      ['v', 1],
      ['listId', record.listId],
      ['uri', record.uri],
      ['bits', record.bits],
      ['size', record.size],
      ['revision', record.revision],
      ['allocatedCount', record.allocatedCount],
      ['statuses', record.statuses],
      ['allocated', record.allocated],
    ]),
  );
}

function bad(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STORAGE', `status list record: ${message}`);
}

function isBits(v: unknown): v is StatusListBits {
  return v === 1 || v === 2 || v === 4 || v === 8;
}

/** Reads a stored record and checks it is self-consistent; a damaged file is an error, never a fresh list. */
export function decodeRecord(bytes: Uint8Array): StatusListRecord {
  let value: unknown;
  try {
    value = decodeCbor(bytes, {
      limits: { maxBytes: MAX_RECORD_BYTES, maxDepth: 4, maxItems: 64, maxStringBytes: MAX_RECORD_BYTES },
    });
  } catch (cause) {
    throw new DeltaIdError('ERR_STORAGE', 'status list record is not valid CBOR', { cause });
  }
  if (!(value instanceof Map) || value.get('v') !== 1) throw bad('unknown format');
  const listId = value.get('listId');
  const uri = value.get('uri');
  const bits = value.get('bits');
  const size = value.get('size');
  const revision = value.get('revision');
  const allocatedCount = value.get('allocatedCount');
  const statuses = value.get('statuses');
  const allocated = value.get('allocated');
  if (typeof listId !== 'number' || !Number.isSafeInteger(listId) || listId < 0) throw bad('listId');
  if (typeof uri !== 'string') throw bad('uri');
  if (!isBits(bits)) throw bad('bits');
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1) throw bad('size');
  if (typeof revision !== 'number' || !Number.isSafeInteger(revision)) throw bad('revision');
  if (!(statuses instanceof Uint8Array) || statuses.length !== Math.ceil((size * bits) / 8))
    throw bad('statuses');
  if (!(allocated instanceof Uint8Array) || allocated.length !== Math.ceil(size / 8)) throw bad('allocated');
  if (allocatedCount !== countAllocated(allocated)) throw bad('allocatedCount does not match the bitmap');
  return { listId, uri, bits, size, revision, allocatedCount, statuses, allocated };
}
