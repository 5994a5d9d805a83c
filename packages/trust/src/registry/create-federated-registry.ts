import { makeRegistry } from '../lib/make-registry.js';
import type { AcceptancePolicy, Candidate, TrustRegistry } from './types.js';

/** What {@link createFederatedRegistry} needs. */
export interface FederatedRegistryOptions {
  /** The registries to search (one per region, or one over several lists). */
  readonly registries: readonly TrustRegistry[];
  /** What this verifier accepts on top of what the lists authorise. */
  readonly policy: AcceptancePolicy;
}

/**
 * Several registries behind one acceptance policy: which regions and which document types this verifier
 * accepts. A Shanghai benefits desk accepts `{ regions: ['CN-SH'], docTypes: [eID] }` and refuses a Zhejiang
 * issuer with `ERR_REGION_NOT_ACCEPTED`; a hotel accepts `{ regions: 'all', docTypes: 'all' }`. The lists'
 * own authorisation (`docTypes` per entry) still applies: policy narrows, never widens.
 * Candidates for a `kid` are gathered from every registry, so a collision across regions is handled by
 * trying each candidate key (`verify` in the query), never by taking the first.
 *
 * @param options - the registries and the acceptance policy.
 * @returns a {@link TrustRegistry}; its lookup fails with `ERR_REGION_NOT_ACCEPTED`, `ERR_POLICY`
 *   (document type not accepted here) or any code of the underlying registries.
 * @example
 * ```ts
 * const desk = createFederatedRegistry({ registries: [delta], policy: { regions: ['CN-SH'], docTypes: [EID] } });
 * ```
 * @see docs/formats/trust-list.md §Registries
 */
export function createFederatedRegistry(options: FederatedRegistryOptions): TrustRegistry {
  const registries = [...options.registries];
  return makeRegistry((kid) => gather(registries, kid), options.policy);
}

// Allocates only when more than one registry knows the kid, which keeps a warm lookup cheap.
function gather(registries: readonly TrustRegistry[], kid: Uint8Array): readonly Candidate[] {
  let found: readonly Candidate[] = [];
  let merged: Candidate[] | undefined;
  for (const r of registries) {
    const c = r.candidates(kid);
    if (c.length === 0) continue;
    if (found.length === 0) found = c;
    else {
      merged ??= [...found];
      merged.push(...c);
    }
  }
  return merged ?? found;
}
