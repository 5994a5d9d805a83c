import { DeltaIdError, isDeltaIdError } from '@deltaid/core';
import { signList } from '../lib/signed-list.js';
import { CONTENT_TYPE, decodeListOfListsPayload, encodeListOfListsPayload } from '../lib/trust-list-codec.js';
import type { BuildListContext } from './build-trust-list.js';
import type { ListOfListsContent } from './types.js';

/**
 * Builds and signs the Delta list of lists: the joint operator names each regional list, its operator's
 * key and where it is published. Protected header `{1: alg, 3: "application/vnd.deltaid.list-of-lists+cbor",
 * 4: kid}`, so it can never be mistaken for a regional list.
 *
 * @param content - the four (or fewer) regional list references, each region once.
 * @param ctx - the joint operator's key, its kid, and `crypto.sign`.
 * @returns the signed bytes.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the field that is wrong.
 * @example
 * ```ts
 * const lol = await buildListOfLists({ version: 1, operator, sequence: 1, issuedAt, nextUpdate,
 *   lists: [{ region: 'CN-SH', operator: shName, operatorKey, url: 'https://…/cn-sh.cbor' }, …] }, ctx);
 * ```
 * @see docs/formats/trust-list.md §List of lists; ETSI TS 119 612 (the EU list of trusted lists pattern)
 */
export async function buildListOfLists(
  content: ListOfListsContent,
  ctx: BuildListContext,
): Promise<Uint8Array> {
  try {
    const payload = encodeListOfListsPayload(content);
    decodeListOfListsPayload(payload);
    return await signList(payload, CONTENT_TYPE.listOfLists, ctx);
  } catch (err) {
    if (isDeltaIdError(err) && err.code === 'ERR_TRUST_LIST') {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', err.message, { cause: err, details: err.details });
    }
    throw err;
  }
}
