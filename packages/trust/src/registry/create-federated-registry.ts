import { makeRegistry } from '../lib/make-registry.js';
import type { AcceptancePolicy, TrustRegistry } from './types.js';

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
  return makeRegistry(
    (kid) =>
      registries.length === 1 ? registries[0]!.candidates(kid) : registries.flatMap((r) => r.candidates(kid)),
    options.policy,
  );
}
