import { type PublicKeyHandle, toHex, type Verifies } from '@deltaid/core';
import type { Candidate, CandidateSource } from '../registry/types.js';
import type { IssuerEntry } from '../trust-list/types.js';

/** Entries indexed by hex `kid`; each candidate imports its key on first use and keeps the handle. */
export type IssuerIndex = ReadonlyMap<string, readonly Candidate[]>;

const NONE: readonly Candidate[] = [];

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
    const candidate: Candidate = {
      issuer,
      source,
      key: () => {
        if (pending === undefined) {
          const p = crypto.importPublicKey(issuer.alg, issuer.publicKey);
          // A failed import is retried next time instead of caching the rejection forever.
          p.catch(() => {
            if (pending === p) pending = undefined;
          });
          pending = p;
        }
        return pending;
      },
    };
    const k = toHex(issuer.kid);
    const list = index.get(k);
    if (list === undefined) index.set(k, [candidate]);
    else list.push(candidate);
  }
  return index;
}

export function candidatesFor(index: IssuerIndex, kid: Uint8Array): readonly Candidate[] {
  return index.get(toHex(kid)) ?? NONE;
}
