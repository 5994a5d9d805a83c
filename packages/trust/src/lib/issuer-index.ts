import type { PublicKeyHandle, Verifies } from '@deltaid/core';
import type { Candidate, CandidateSource } from '../registry/types.js';
import type { IssuerEntry } from '../trust-list/types.js';

/** Entries indexed by `kid` (as a binary string); each candidate imports its key on first use and keeps the handle. */
export type IssuerIndex = ReadonlyMap<string, readonly Candidate[]>;

const NONE: readonly Candidate[] = [];

/**
 * The map key for a kid: one UTF-16 unit per byte. Cheaper than hex on the hot path (a warm lookup is a
 * few microseconds in all) and just as unambiguous. Kids are at most 64 bytes (trust-list bound).
 */
function kidKey(kid: Uint8Array): string {
  let s = '';
  for (let i = 0; i < kid.length; i++) s += String.fromCharCode(kid[i]!);
  return s;
}

/** A source that is always usable: static entries, or a list whose freshness is handled elsewhere. */
export const ALWAYS_FRESH: CandidateSource = { blocked: () => undefined, warnings: () => [] };

export function buildIssuerIndex(
  entries: readonly IssuerEntry[],
  crypto: Pick<Verifies, 'importPublicKey'>,
  source: CandidateSource,
): IssuerIndex {
  const index = new Map<string, Candidate[]>();
  for (const issuer of entries) {
    let pending: Promise<PublicKeyHandle> | undefined;
    let imported: PublicKeyHandle | undefined;
    const candidate: Candidate = {
      issuer,
      source,
      key: () => {
        if (imported !== undefined) return imported;
        if (pending === undefined) {
          const p = crypto.importPublicKey(issuer.alg, issuer.publicKey);
          pending = p;
          p.then(
            (handle) => {
              imported = handle;
            },
            // A failed import is retried next time instead of caching the rejection forever.
            () => {
              if (pending === p) pending = undefined;
            },
          );
        }
        return pending;
      },
    };
    const k = kidKey(issuer.kid);
    const list = index.get(k);
    if (list === undefined) index.set(k, [candidate]);
    else list.push(candidate);
  }
  return index;
}

export function candidatesFor(index: IssuerIndex, kid: Uint8Array): readonly Candidate[] {
  return index.get(kidKey(kid)) ?? NONE;
}

/** One index over several (entries from several lists, each candidate keeping its own source). */
export function mergeIndexes(indexes: readonly IssuerIndex[]): IssuerIndex {
  if (indexes.length === 1) return indexes[0]!;
  const out = new Map<string, Candidate[]>();
  for (const index of indexes) {
    for (const [k, list] of index) {
      const cur = out.get(k);
      if (cur === undefined) out.set(k, [...list]);
      else cur.push(...list);
    }
  }
  return out;
}
