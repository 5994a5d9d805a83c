import { trustListFromJson } from '../lib/issuer-json.js';
import { json } from '../lib/json-input.js';
import type { TrustListContent } from './types.js';

/**
 * Reads a regional trust list manifest (JSON, as an operator writes it) into the content
 * `buildTrustList` signs. Bytes are base64url (`kid`, `certificate`), keys JWK, times epoch seconds or
 * ISO 8601 UTC; entries take the list's region.
 *
 * @param input - JSON text or an already parsed value.
 * @returns the list content.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` whose message and `details.field` name the entry and field,
 *   e.g. `entries[3].creditCode: not a valid unified social credit code`.
 * @example
 * ```ts
 * const content = parseTrustListManifest(await readFile('cn-sh.json', 'utf8'));
 * const bytes = await buildTrustList(content, { key, kid, crypto });
 * ```
 * @see docs/formats/trust-list.md §JSON manifest
 */
export function parseTrustListManifest(input: string | unknown): TrustListContent {
  return trustListFromJson(json(input));
}
