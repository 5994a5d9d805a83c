import type { ErrorCode } from '@deltaid/core';
import type { StatusCache } from '@deltaid/trust';

/** The MSO `status.status_list` reference (draft-ietf-oauth-status-list §6.3, ISO/IEC 18013-5 2nd ed.). */
export interface StatusReference {
  readonly uri: string;
  readonly idx: number;
}

/** Reads the reference; `undefined` when the MSO has none, `'malformed'` when it has an unusable one. */
export function statusReference(
  status: ReadonlyMap<unknown, unknown> | undefined,
): StatusReference | 'malformed' | undefined {
  if (status === undefined) return undefined;
  const list = status.get('status_list');
  if (list === undefined) return undefined;
  if (!(list instanceof Map)) return 'malformed';
  const uri = list.get('uri');
  const idx = list.get('idx');
  if (typeof uri !== 'string' || typeof idx !== 'number' || !Number.isSafeInteger(idx) || idx < 0)
    return 'malformed';
  return { uri, idx };
}

/** The outcome of a status check: nothing, a warning to record, or a failure. */
export type StatusOutcome =
  | { readonly kind: 'ok' }
  | { readonly kind: 'warn'; readonly code: ErrorCode; readonly detail: string }
  | { readonly kind: 'fail'; readonly code: ErrorCode; readonly detail: string };

/** Same rules as the compact verifier: only a missing or stale list is a matter of policy. */
export async function checkStatus(
  ref: StatusReference,
  cache: StatusCache | undefined,
  at: Date,
  policy: 'reject' | 'warn' | 'accept',
): Promise<StatusOutcome> {
  let code: ErrorCode;
  let detail: string;
  if (cache === undefined) {
    code = 'ERR_STATUS_UNAVAILABLE';
    detail = 'no status cache';
  } else {
    const r = await cache.check({ uri: ref.uri, index: ref.idx, at });
    if (r.ok) {
      const excused =
        r.status === undefined && r.warnings.length === 0 ? ['ERR_STATUS_UNAVAILABLE' as const] : r.warnings;
      const first = excused[0];
      if (first === undefined) return { kind: 'ok' };
      code = first;
      detail = 'status list missing or stale';
    } else {
      code = r.code;
      detail = r.message;
    }
  }
  if ((code === 'ERR_STATUS_UNAVAILABLE' || code === 'ERR_STATUS_STALE') && policy !== 'reject') {
    return policy === 'warn' ? { kind: 'warn', code, detail } : { kind: 'ok' };
  }
  return { kind: 'fail', code, detail };
}
