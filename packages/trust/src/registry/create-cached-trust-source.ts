import { equalBytes, type Verifies } from '@deltaid/core';
import { buildIssuerIndex, candidatesFor, type IssuerIndex } from '../lib/issuer-index.js';
import { listSource } from '../lib/list-source.js';
import { ACCEPT_ALL } from '../lib/lookup.js';
import { makeRegistry } from '../lib/make-registry.js';
import type { OperatorAnchor, SignedListFailureCode } from '../lib/signed-list.js';
import type { TrustStorage } from '../storage/types.js';
import type { Region, StalePolicy } from '../trust-list/types.js';
import { type VerifiedTrustList, verifyTrustList } from '../trust-list/verify-trust-list.js';
import type { TrustRegistry } from './types.js';

/** What {@link createCachedTrustSource} needs; every capability is injected. */
export interface CachedTrustSourceOptions {
  /** Fetches the signed list (a `fetch` to its URL, a file read …); rejects when offline. */
  readonly load: () => Promise<Uint8Array>;
  readonly storage: TrustStorage;
  /** Storage key of the last good copy; default `trust-list-<region>` or `trust-list`. */
  readonly storageKey?: string;
  /** The region operator's key(s), or the anchors of a verified list of lists. */
  readonly anchors: readonly OperatorAnchor[];
  /** The region this source serves; a list for another region is refused. */
  readonly region?: Region;
  readonly crypto: Verifies;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly clock: () => number;
  /** Past next-update: grace period, then warn or refuse lookups. */
  readonly stalePolicy: StalePolicy;
  readonly compromised?: 'all' | 'after-compromise';
}

/** The outcome of one refresh. On failure the previous good copy, if any, stays in use. */
export type RefreshResult =
  | {
      readonly ok: true;
      readonly updated: boolean;
      readonly sequence: number;
      readonly from: 'network' | 'storage';
    }
  | {
      readonly ok: false;
      readonly code: SignedListFailureCode | 'ERR_TRUST_LIST_ROLLBACK' | 'ERR_TRUST_LIST_UNAVAILABLE';
      readonly reason: string;
      /** The sequence number still served, if a good copy exists. */
      readonly kept: number | undefined;
    };

/** A trust list kept fresh when online and served from its last good copy when not. */
export interface CachedTrustSource {
  /** Loads the stored copy (first call), then the network copy; never throws for bad or missing input. */
  refresh(): Promise<RefreshResult>;
  /** The list in use, if any. */
  current(): VerifiedTrustList | undefined;
  /** Lookups against the list in use; before any good copy exists every lookup is `ERR_UNKNOWN_ISSUER`. */
  readonly registry: TrustRegistry;
}

/**
 * A cached, verified trust list source. `refresh()` first restores the last good copy from storage
 * (verified again: a file edited on disk is ignored), then loads the published copy and accepts it only if
 * its signature verifies under the anchors, it is for the expected region, and its sequence number is
 * higher than the one in use (a lower one is `ERR_TRUST_LIST_ROLLBACK`; the same number with different
 * bytes too). An accepted copy is written to storage before it is used. Past next-update, lookups follow
 * `stalePolicy`: within the grace period they succeed, then they warn (`warnings: ['STALE']`) or fail with
 * `ERR_TRUST_LIST_STALE`.
 *
 * @param options - load, storage, anchors, crypto, clock, stale policy.
 * @returns the source; call `refresh()` at start-up and periodically.
 * @example
 * ```ts
 * const sh = createCachedTrustSource({ load: () => fetchBytes(url), storage, anchors, region: 'CN-SH',
 *   crypto, clock: Date.now, stalePolicy: { graceSeconds: 86400, after: 'warn' } });
 * await sh.refresh();
 * ```
 * @see docs/formats/trust-list.md §Caching
 */
export function createCachedTrustSource(options: CachedTrustSourceOptions): CachedTrustSource {
  // Trust-list times are epoch seconds; the clock is milliseconds like every Delta ID clock.
  const nowSeconds = () => Math.floor(options.clock() / 1000);
  const key =
    options.storageKey ?? (options.region === undefined ? 'trust-list' : `trust-list-${options.region}`);
  let list: VerifiedTrustList | undefined;
  let index: IssuerIndex = new Map();
  let restored = false;

  // Staleness is judged at lookup time, so a stored list past next-update is kept, not discarded.
  const verify = (bytes: Uint8Array) =>
    verifyTrustList(bytes, {
      anchors: options.anchors,
      crypto: options.crypto,
      now: nowSeconds(),
      stalePolicy: { graceSeconds: Number.POSITIVE_INFINITY, after: 'warn' },
      ...(options.region === undefined ? {} : { region: options.region }),
    });

  const use = (next: VerifiedTrustList) => {
    list = next;
    index = buildIssuerIndex(next.entries, options.crypto, listSource(next, nowSeconds, options.stalePolicy));
  };

  const restore = async (): Promise<boolean> => {
    restored = true;
    let stored: Uint8Array | undefined;
    try {
      stored = await options.storage.get(key);
    } catch {
      return false;
    }
    if (stored === undefined) return false;
    const v = await verify(stored);
    if (!v.ok) return false;
    use(v.list);
    return true;
  };

  const refresh = async (): Promise<RefreshResult> => {
    const fromStorage = restored ? false : await restore();
    let bytes: Uint8Array;
    try {
      bytes = await options.load();
    } catch {
      if (fromStorage && list !== undefined)
        return { ok: true, updated: true, sequence: list.sequence, from: 'storage' };
      return {
        ok: false,
        code: 'ERR_TRUST_LIST_UNAVAILABLE',
        reason: 'the list could not be loaded',
        kept: list?.sequence,
      };
    }
    const v = await verify(bytes);
    if (!v.ok) return { ...v, kept: list?.sequence };
    const cur = list;
    if (cur !== undefined) {
      if (
        v.list.sequence < cur.sequence ||
        (v.list.sequence === cur.sequence && !equalBytes(bytes, cur.bytes))
      ) {
        return {
          ok: false,
          code: 'ERR_TRUST_LIST_ROLLBACK',
          reason: `sequence ${v.list.sequence} after ${cur.sequence}`,
          kept: cur.sequence,
        };
      }
      if (v.list.sequence === cur.sequence)
        return { ok: true, updated: false, sequence: cur.sequence, from: 'network' };
    }
    try {
      await options.storage.set(key, bytes);
    } catch {
      // The new copy is good; failing to persist it only costs the offline fallback, not correctness.
    }
    use(v.list);
    return { ok: true, updated: true, sequence: v.list.sequence, from: 'network' };
  };

  return {
    refresh,
    current: () => list,
    registry: makeRegistry((kid) => candidatesFor(index, kid), {
      ...ACCEPT_ALL,
      compromised: options.compromised ?? 'all',
    }),
  };
}
