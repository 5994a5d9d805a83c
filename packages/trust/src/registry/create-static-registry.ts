import type { Verifies } from '@deltaid/core';
import { ALWAYS_FRESH, buildIssuerIndex, candidatesFor } from '../lib/issuer-index.js';
import { issuerEntriesFromJson } from '../lib/issuer-json.js';
import { json } from '../lib/json-input.js';
import { ACCEPT_ALL } from '../lib/lookup.js';
import { makeRegistry } from '../lib/make-registry.js';
import type { IssuerEntry } from '../trust-list/types.js';
import type { TrustRegistry } from './types.js';

/** What {@link createStaticRegistry} needs. */
export interface StaticRegistryOptions {
  /** Imports each issuer key once, on first use. */
  readonly crypto: Pick<Verifies, 'importPublicKey'>;
  /** `'all'` (default): compromised keys verify nothing; see `AcceptancePolicy.compromised`. */
  readonly compromised?: 'all' | 'after-compromise';
}

/**
 * A registry over a fixed set of issuer entries held in memory: for tests, demos and closed deployments
 * that distribute keys out of band. Entries are not signed, so whoever supplies them is trusted.
 *
 * @param source - entries, or their JSON form (text or parsed; an array or `{ entries: [...] }`, fields as
 *   in the trust-list manifest with `region` on each entry).
 * @param options - the provider that imports keys; the compromise policy.
 * @returns a {@link TrustRegistry}.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the entry and field when the JSON is wrong.
 * @example
 * ```ts
 * const registry = createStaticRegistry(entriesJson, { crypto });
 * const r = await registry.lookup({ kid, docType: DOC_TYPE_EID, at: iat });
 * ```
 * @see docs/formats/trust-list.md §Registries
 */
export function createStaticRegistry(
  source: readonly IssuerEntry[] | string | unknown,
  options: StaticRegistryOptions,
): TrustRegistry {
  const entries = isEntryArray(source) ? source : issuerEntriesFromJson(json(source));
  const index = buildIssuerIndex(entries, options.crypto, ALWAYS_FRESH);
  return makeRegistry((kid) => candidatesFor(index, kid), {
    ...ACCEPT_ALL,
    compromised: options.compromised ?? 'all',
  });
}

// Entries built in code carry Uint8Array kids; JSON carries base64url strings.
function isEntryArray(v: unknown): v is readonly IssuerEntry[] {
  return (
    Array.isArray(v) && v.every((e) => typeof e === 'object' && e !== null && e.kid instanceof Uint8Array)
  );
}
