import { listOfListsFromJson } from '../lib/issuer-json.js';
import { json } from '../lib/json-input.js';
import type { ListOfListsContent } from './types.js';

/**
 * Reads a list-of-lists manifest (JSON) into the content `buildListOfLists` signs.
 *
 * @param input - JSON text or a parsed value.
 * @returns the list-of-lists content.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the field, e.g. `lists[1].operatorKey.kid`.
 * @example parseListOfListsManifest(text)
 * @see docs/formats/trust-list.md §JSON manifest
 */
export function parseListOfListsManifest(input: string | unknown): ListOfListsContent {
  return listOfListsFromJson(json(input));
}
