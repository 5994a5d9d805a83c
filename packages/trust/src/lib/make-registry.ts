import type {
  AcceptancePolicy,
  Candidate,
  LookupQuery,
  LookupResult,
  TrustRegistry,
} from '../registry/types.js';
import { lookupCandidates } from './lookup.js';

/** Derives `resolve` and `lookup` from a registry's candidate source and acceptance policy. */
export function makeRegistry(
  candidates: (kid: Uint8Array) => readonly Candidate[],
  policy: AcceptancePolicy,
): TrustRegistry {
  const lookup = (query: LookupQuery): Promise<LookupResult> =>
    lookupCandidates(candidates(query.kid), query, policy);
  return {
    lookup,
    async resolve(query) {
      const r = await lookup(query);
      return r.ok ? { issuer: r.issuer, key: r.key } : undefined;
    },
    candidates,
  };
}
