import type { Verifies } from '@deltaid/core';
import { type Failure, type OperatorAnchor, readSignedList } from '../lib/signed-list.js';
import { CONTENT_TYPE, decodeListOfListsPayload } from '../lib/trust-list-codec.js';
import type { ListOfListsContent, StalePolicy, TrustListWarning } from './types.js';

/** What {@link verifyListOfLists} needs. */
export interface VerifyListOfListsOptions {
  /** The pinned joint operator key(s). */
  readonly anchors: readonly OperatorAnchor[];
  readonly crypto: Verifies;
  /** Epoch seconds. */
  readonly now: number;
  readonly stalePolicy?: StalePolicy;
}

/** A verified list of lists; `anchors` are the regional operator keys it names, each bound to its region. */
export interface VerifiedListOfLists extends ListOfListsContent {
  readonly bytes: Uint8Array;
  readonly anchors: readonly OperatorAnchor[];
}

/** The result of {@link verifyListOfLists}. */
export type VerifyListOfListsResult =
  | { readonly ok: true; readonly list: VerifiedListOfLists; readonly warnings: readonly TrustListWarning[] }
  | Failure;

/**
 * Verifies the Delta list of lists under the pinned joint operator key and returns the regional operator
 * keys it names, each bound to its region, ready to pass as `anchors` to `verifyTrustList`.
 *
 * @param bytes - the signed list of lists.
 * @param options - the joint anchor, crypto, time, stale policy.
 * @returns `{ ok: true, list, warnings }` or `{ ok: false, code, reason }` with the codes of
 *   `verifyTrustList` (`ERR_TRUST_LIST` also for a regional list presented as a list of lists).
 * @example
 * ```ts
 * const lol = await verifyListOfLists(bytes, { anchors: [jointKey], crypto, now });
 * if (lol.ok) await verifyTrustList(sh, { anchors: lol.list.anchors, crypto, now, region: 'CN-SH' });
 * ```
 * @see docs/formats/trust-list.md §List of lists
 */
export async function verifyListOfLists(
  bytes: Uint8Array,
  options: VerifyListOfListsOptions,
): Promise<VerifyListOfListsResult> {
  const read = await readSignedList(bytes, CONTENT_TYPE.listOfLists, decodeListOfListsPayload, options);
  if (!read.ok) return read;
  const { content } = read;
  const anchors = content.lists.map((l): OperatorAnchor => ({ ...l.operatorKey, region: l.region }));
  return { ok: true, list: { ...content, bytes, anchors }, warnings: read.warnings };
}
