import { DeltaIdError, fromBase64Url, fromUtf8, toBase64Url } from '@deltaid/core';

/** The JWS `kid` for binary key ids: the text when it is UTF-8, base64url otherwise. */
export function jwtKid(kid: Uint8Array): string {
  try {
    return fromUtf8(kid);
  } catch {
    return toBase64Url(kid);
  }
}

/** Strict base64url segment decode: only the unpadded alphabet, as RFC 7515 §2 requires. */
export function segment(part: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) {
    throw new DeltaIdError('ERR_STRUCTURE', `status list JWT: ${what} is not base64url`);
  }
  try {
    return fromBase64Url(part);
  } catch (cause) {
    throw new DeltaIdError('ERR_STRUCTURE', `status list JWT: ${what} is not base64url`, { cause });
  }
}

/** Parses a JSON object segment; arrays and primitives are refused. */
export function jsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(bytes));
  } catch (cause) {
    throw new DeltaIdError('ERR_STRUCTURE', `status list JWT: ${what} is not JSON`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeltaIdError('ERR_STRUCTURE', `status list JWT: ${what} must be a JSON object`);
  }
  return Object.fromEntries(Object.entries(value));
}
