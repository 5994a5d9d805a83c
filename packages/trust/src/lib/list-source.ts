import type { CandidateSource } from '../registry/types.js';
import type { StalePolicy, TrustListContent } from '../trust-list/types.js';
import { staleness } from './signed-list.js';

/** A candidate source for one verified list, judging its freshness on every call. */
export function listSource(
  list: Pick<TrustListContent, 'nextUpdate' | 'region'>,
  clock: () => number,
  policy: StalePolicy | undefined,
): CandidateSource {
  return {
    blocked: () =>
      staleness(list.nextUpdate, clock(), policy).refuse
        ? { code: 'ERR_TRUST_LIST_STALE', reason: `${list.region} list past next-update ${list.nextUpdate}` }
        : undefined,
    warnings: () => staleness(list.nextUpdate, clock(), policy).warnings,
  };
}
