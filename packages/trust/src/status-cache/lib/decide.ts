import { getStatus } from '../../status-list/get-status.js';
import type { StatusListToken } from '../../status-list/types.js';
import type { StatusCheckCode, StatusCheckResult, StatusPolicy } from '../types.js';

export interface HeldList {
  readonly token: StatusListToken;
  /** Seconds since the epoch when this copy was fetched and verified. */
  readonly fetchedAt: number;
}

export interface Policy {
  readonly unavailable: StatusPolicy;
  readonly stale: StatusPolicy;
}

function fail(
  code: StatusCheckCode,
  uri: string | undefined,
  index: number,
  message: string,
  status?: number,
): StatusCheckResult {
  return status === undefined
    ? { ok: false, code, uri, index, message }
    : { ok: false, code, uri, index, status, message };
}

/** Seconds after which a held copy should have been replaced: its `ttl`, else the default. */
export function lifetime(held: HeldList, defaultTtl: number | undefined): number | undefined {
  return held.token.ttl ?? defaultTtl;
}

/**
 * The pure decision of a status check. The list's own answer comes first: a stale list that says
 * "revoked" is still evidence of revocation, so staleness only matters for a valid entry.
 */
export function decide(
  held: HeldList | undefined,
  uri: string | undefined,
  index: number,
  atSeconds: number,
  policy: Policy,
  defaultTtl: number | undefined,
): StatusCheckResult {
  const expired = held?.token.exp !== undefined && held.token.exp <= atSeconds;
  if (held === undefined || expired || uri === undefined) {
    const why = held === undefined ? 'no status list is held' : 'the held status list has expired';
    if (policy.unavailable === 'reject') return fail('ERR_STATUS_UNAVAILABLE', uri, index, why);
    return {
      ok: true,
      uri: uri ?? '',
      index,
      status: undefined,
      warnings: policy.unavailable === 'warn' ? ['ERR_STATUS_UNAVAILABLE'] : [],
    };
  }
  const list = held.token.list;
  if (index >>> 0 !== index || index >= list.size) {
    return fail('ERR_STATUS_INDEX', uri, index, `index outside the status list of ${list.size} entries`);
  }
  const status = getStatus(list, index);
  if (status === 1) return fail('ERR_REVOKED', uri, index, 'the credential is revoked', status);
  if (status === 2) return fail('ERR_SUSPENDED', uri, index, 'the credential is suspended', status);
  if (status !== 0) return fail('ERR_STATUS_UNKNOWN', uri, index, `unknown status value ${status}`, status);
  const ttl = lifetime(held, defaultTtl);
  const stale = ttl !== undefined && atSeconds > held.fetchedAt + ttl;
  if (stale) {
    if (policy.stale === 'reject') {
      return fail('ERR_STATUS_STALE', uri, index, 'the status list is older than its ttl', status);
    }
    return { ok: true, uri, index, status, warnings: policy.stale === 'warn' ? ['ERR_STATUS_STALE'] : [] };
  }
  return { ok: true, uri, index, status, warnings: [] };
}
