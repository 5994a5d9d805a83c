import { DeltaIdError, decodeCbor, encodeCbor } from '@deltaid/core';
import type { StoredCredential } from '../storage/types.js';

/**
 * The plaintext inside an encrypted wallet file or IndexedDB record: CBOR, validated field by field on the way back
 * (the bytes were decrypted, so they are authentic, but a file from a newer wallet version may differ).
 */

const ID = /^[0-9a-f]{2,64}$/;
// A wallet holds a handful of credentials; a portrait-bearing one is a few KiB. 16 MiB bounds a corrupt length.
const LIMITS = { maxBytes: 16 * 1024 * 1024, maxDepth: 8, maxItems: 100_000, maxStringBytes: 1024 * 1024 };

function corrupt(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STORAGE', `wallet data: ${message}`);
}

function encodeRecord(r: StoredCredential): unknown[] {
  return [r.id, r.credential, r.receivedAt, r.issuer.id, r.issuer.region, r.issuer.name.zh, r.issuer.name.en];
}

function decodeRecord(v: unknown): StoredCredential {
  if (!Array.isArray(v) || v.length !== 7) throw corrupt('a record must have 7 fields');
  const [id, credential, receivedAt, issuerId, region, zh, en] = v;
  if (typeof id !== 'string' || !ID.test(id)) throw corrupt('bad record id');
  if (!(credential instanceof Uint8Array) || credential.length === 0) throw corrupt('bad credential bytes');
  if (typeof receivedAt !== 'number' || !Number.isSafeInteger(receivedAt) || receivedAt < 0)
    throw corrupt('bad receivedAt');
  if (
    typeof issuerId !== 'string' ||
    typeof region !== 'string' ||
    typeof zh !== 'string' ||
    typeof en !== 'string'
  ) {
    throw corrupt('bad issuer fields');
  }
  return { id, credential, receivedAt, issuer: { id: issuerId, region, name: { zh, en } } };
}

/** Checks a record before it is stored, so a bad one fails at `put`, not at the next unlock. */
export function checkRecord(r: StoredCredential): void {
  try {
    decodeRecord(encodeRecord(r));
  } catch (err) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'not a storable credential record', { cause: err });
  }
}

export function encodeRecords(records: Iterable<StoredCredential>): Uint8Array {
  return encodeCbor([1, [...records].map(encodeRecord)]);
}

export function decodeRecords(bytes: Uint8Array): StoredCredential[] {
  const v = decodeCbor(bytes, { limits: LIMITS });
  if (!Array.isArray(v) || v.length !== 2 || v[0] !== 1 || !Array.isArray(v[1]))
    throw corrupt('unknown layout or version');
  return v[1].map(decodeRecord);
}

export function encodeOne(r: StoredCredential): Uint8Array {
  return encodeCbor(encodeRecord(r));
}

export function decodeOne(bytes: Uint8Array): StoredCredential {
  return decodeRecord(decodeCbor(bytes, { limits: LIMITS }));
}
