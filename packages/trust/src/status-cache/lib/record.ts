import { DEFAULT_CBOR_LIMITS, decodeCbor, encodeCbor } from '@deltaid/core';

/** What the cache persists per list: the token exactly as received and when it was fetched (seconds). */
export interface StoredToken {
  readonly token: Uint8Array | string;
  readonly fetchedAt: number;
}

export function encodeRecord(record: StoredToken): Uint8Array {
  return encodeCbor(
    new Map<string, unknown>([
      ['v', 1],
      ['token', record.token],
      ['fetchedAt', record.fetchedAt],
    ]),
  );
}

/** Reads a stored record; anything unexpected reads as absent (the token is verified again anyway). */
export function decodeRecord(bytes: Uint8Array, maxTokenBytes: number): StoredToken | undefined {
  let value: unknown;
  try {
    value = decodeCbor(bytes, {
      limits: { ...DEFAULT_CBOR_LIMITS, maxBytes: maxTokenBytes + 1024, maxStringBytes: maxTokenBytes },
    });
  } catch {
    return undefined;
  }
  if (!(value instanceof Map) || value.get('v') !== 1) return undefined;
  const token = value.get('token');
  const fetchedAt = value.get('fetchedAt');
  if (!(token instanceof Uint8Array) && typeof token !== 'string') return undefined;
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt)) return undefined;
  return { token, fetchedAt };
}
