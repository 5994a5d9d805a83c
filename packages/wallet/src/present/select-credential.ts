import type { CredentialSummary } from '../credentials/types.js';
import { chooseCredential } from '../lib/match.js';
import { summarise } from '../lib/summary.js';
import type { CredentialStorage } from '../storage/types.js';
import type { PresentationRequest } from './types.js';

/**
 * Picks the credential to present for a request, disclosing least: for `hotel-checkin` an e-ID `checkin` credential
 * before a `full` one; for `age-18` the e-ID `age` credential (age_over_18 true, nothing else personal); for
 * `traffic-stop` and `car-rental` a driving licence `traffic` credential before a `full` one; for an explicit element
 * list, the credential covering all of them with the fewest extra elements. Expired and not-yet-valid credentials
 * are skipped; ties go to the most recently issued.
 *
 * @param request - `{ purpose }` or `{ elements, docTypes? }`.
 * @param ctx - storage and clock (ms since the epoch).
 * @returns the chosen credential's summary.
 * @throws DeltaIdError `ERR_POLICY` (no valid credential satisfies the request), `ERR_INVALID_ARGUMENT` (malformed
 *   request), `ERR_STORAGE`, `ERR_PASSPHRASE`.
 * @example
 * ```ts
 * const chosen = await selectCredential({ purpose: 'hotel-checkin' }, { storage, clock: Date.now });
 * chosen.purpose // 'checkin'
 * ```
 * @see docs/formats/compact-credential.md (purpose element sets)
 */
export async function selectCredential(
  request: PresentationRequest,
  ctx: { readonly storage: Pick<CredentialStorage, 'list'>; readonly clock: () => number },
): Promise<CredentialSummary> {
  const { record, credential } = chooseCredential(
    request,
    await ctx.storage.list(),
    Math.floor(ctx.clock() / 1000),
  );
  return summarise(record, credential);
}
