import { DeltaIdError, equalBytes, type Verifies } from '@deltaid/core';
import { buildIssuerIndex, candidatesFor, mergeIndexes } from '../lib/issuer-index.js';
import { listSource } from '../lib/list-source.js';
import { ACCEPT_ALL } from '../lib/lookup.js';
import { makeRegistry } from '../lib/make-registry.js';
import type { StalePolicy } from '../trust-list/types.js';
import type { VerifiedTrustList } from '../trust-list/verify-trust-list.js';
import type { TrustRegistry } from './types.js';

/** What {@link createTrustListRegistry} needs. */
export interface TrustListRegistryOptions {
  readonly crypto: Pick<Verifies, 'importPublicKey'>;
  /**
   * Milliseconds since the epoch, like `Date.now` (the unit every Delta ID clock uses); freshness is judged at every
   * lookup, not only when the list was verified.
   */
  readonly clock: () => number;
  /** Past next-update; default: refuse (`ERR_TRUST_LIST_STALE`). */
  readonly stalePolicy?: StalePolicy;
  readonly compromised?: 'all' | 'after-compromise';
}

/**
 * A registry over verified regional trust lists (from `verifyTrustList`). Each entry is authorised only for
 * its document types, in its list's region; a list past next-update is handled by the stale policy at
 * every lookup (grace, then warn or refuse).
 *
 * Only the newest list of each region counts: given an older copy too (a folder that kept last week's list), its
 * entries are ignored, so a key retired or marked compromised in the newer list cannot come back (rollback).
 *
 * @param lists - one or more verified lists (typically one per region).
 * @param options - key import, clock, stale and compromise policy.
 * @returns a {@link TrustRegistry}.
 * @throws DeltaIdError `ERR_TRUST_LIST_ROLLBACK` when two different lists of one region carry the same sequence.
 * @example
 * ```ts
 * const v = await verifyTrustList(bytes, { anchors, crypto, now });
 * if (v.ok) registry = createTrustListRegistry([v.list], { crypto, clock });
 * ```
 * @see docs/formats/trust-list.md §Registries
 */
export function createTrustListRegistry(
  lists: VerifiedTrustList | readonly VerifiedTrustList[],
  options: TrustListRegistryOptions,
): TrustRegistry {
  const all = newestPerRegion(Array.isArray(lists) ? lists : [lists]);
  const index = mergeIndexes(
    all.map((l: VerifiedTrustList) =>
      buildIssuerIndex(
        l.entries,
        options.crypto,
        listSource(l, () => Math.floor(options.clock() / 1000), options.stalePolicy),
      ),
    ),
  );
  return makeRegistry((kid) => candidatesFor(index, kid), {
    ...ACCEPT_ALL,
    compromised: options.compromised ?? 'all',
  });
}

function newestPerRegion(lists: readonly VerifiedTrustList[]): VerifiedTrustList[] {
  const newest = new Map<string, VerifiedTrustList>();
  for (const l of lists) {
    const held = newest.get(l.region);
    if (held === undefined || l.sequence > held.sequence) newest.set(l.region, l);
    else if (l.sequence === held.sequence && !equalBytes(l.bytes, held.bytes)) {
      throw new DeltaIdError(
        'ERR_TRUST_LIST_ROLLBACK',
        `two different ${l.region} trust lists carry sequence ${l.sequence}`,
        { details: { region: l.region, sequence: l.sequence } },
      );
    }
  }
  return [...newest.values()];
}
