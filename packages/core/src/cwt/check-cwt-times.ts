import { DeltaIdError } from '../errors.js';
import type { CwtClaims } from './claims.js';

/** The clock to check against. */
export interface CheckCwtTimesOptions {
  /** Current time in seconds since the epoch (inject the clock; nothing here reads one). */
  readonly now: number;
  /** Tolerated clock difference in seconds, applied in the token's favour; default 0. */
  readonly skew?: number;
}

/**
 * Compares the validity claims of a CWT with a clock, returning the failure as data.
 *
 * - `ERR_EXPIRED` when `now - skew >= exp` (RFC 8392 §3.1.4: the token must not be accepted on or
 *   after `exp`).
 * - `ERR_NOT_YET_VALID` when `now + skew < nbf`, or when `iat` lies in the future beyond the skew
 *   (a token cannot be issued later than now; EU DCC test CO16).
 * Expiry is reported first. Absent claims are not checked; policy decides whether they are required.
 *
 * @param claims - decoded claims (only `exp`, `nbf`, `iat` are read).
 * @param options - `now` in seconds and an optional `skew`.
 * @returns the failure code, or `undefined` when the times are acceptable.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when `now` or `skew` is not a finite number (skew ≥ 0).
 * @example
 * ```ts
 * const code = checkCwtTimes(claims, { now: Math.floor(clock() / 1000), skew: 300 });
 * if (code) return fail(code);
 * ```
 * @see RFC 8392 §3.1.4–3.1.6
 */
export function checkCwtTimes(
  claims: Pick<CwtClaims, 'exp' | 'nbf' | 'iat'>,
  options: CheckCwtTimesOptions,
): 'ERR_EXPIRED' | 'ERR_NOT_YET_VALID' | undefined {
  const { now } = options;
  const skew = options.skew ?? 0;
  if (!Number.isFinite(now))
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'now must be a finite number of seconds');
  if (!Number.isFinite(skew) || skew < 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'skew must be a non-negative number of seconds');
  }
  if (claims.exp !== undefined && now - skew >= claims.exp) return 'ERR_EXPIRED';
  if (claims.nbf !== undefined && now + skew < claims.nbf) return 'ERR_NOT_YET_VALID';
  if (claims.iat !== undefined && now + skew < claims.iat) return 'ERR_NOT_YET_VALID';
  return undefined;
}
