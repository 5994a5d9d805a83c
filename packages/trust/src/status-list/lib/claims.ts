import { DeltaIdError } from '@deltaid/core';
import type { StatusListClaims } from '../types.js';

function structure(message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `status list token: ${message}`);
}

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0;
}

/**
 * Reads and type-checks the claims both forms share. `get` abstracts over a CBOR Map (integer keys)
 * and a JSON object (names), so the rules live in one place.
 */
export function readClaims(get: (name: 'sub' | 'iss' | 'iat' | 'exp' | 'ttl') => unknown): StatusListClaims {
  const sub = get('sub');
  if (typeof sub !== 'string' || sub.length === 0) throw structure('sub must be a non-empty string');
  const iat = get('iat');
  if (!isTime(iat)) throw structure('iat must be a NumericDate');
  const exp = get('exp');
  if (exp !== undefined && !isTime(exp)) throw structure('exp must be a NumericDate');
  const ttl = get('ttl');
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isSafeInteger(ttl) && ttl > 0)) {
    throw structure('ttl must be a positive integer');
  }
  const iss = get('iss');
  if (iss !== undefined && typeof iss !== 'string') throw structure('iss must be a string');
  return {
    sub,
    iat,
    ...(iss === undefined ? {} : { iss }),
    ...(exp === undefined ? {} : { exp }),
    ...(ttl === undefined ? {} : { ttl }),
  };
}

/** Refuses a token not yet issued or already expired at `now` (seconds), with a tolerance. */
export function checkTimes(claims: StatusListClaims, nowSeconds: number, tolerance: number): void {
  if (claims.iat > nowSeconds + tolerance) {
    throw new DeltaIdError('ERR_NOT_YET_VALID', 'status list token issued in the future', {
      details: { iat: claims.iat },
    });
  }
  if (claims.exp !== undefined && claims.exp <= nowSeconds - tolerance) {
    throw new DeltaIdError('ERR_EXPIRED', 'status list token has expired', { details: { exp: claims.exp } });
  }
}

export function checkUri(claims: StatusListClaims, uri: string | undefined): void {
  if (uri !== undefined && claims.sub !== uri) {
    throw new DeltaIdError('ERR_STRUCTURE', 'status list token sub does not match the expected URI', {
      details: { expected: uri, sub: claims.sub },
    });
  }
}

export function assertClaimsInput(claims: StatusListClaims): void {
  // Signing validates its own input with the same reader, so we never publish what we would refuse.
  const record: Record<string, unknown> = { ...claims };
  try {
    readClaims((name) => record[name]);
  } catch (cause) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'invalid status list claims', { cause });
  }
}
