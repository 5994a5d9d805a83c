import { summarise } from '../lib/summary.js';
import type { CredentialStorage } from '../storage/types.js';
import type { CredentialSummary } from './types.js';

/**
 * Lists the wallet's credentials, oldest import first, with bilingual document-type and purpose names and the ids of
 * the elements each discloses — no element values, so a list screen shows nothing personal until the user opens one.
 *
 * @param ctx - the storage.
 * @returns one summary per stored credential.
 * @throws DeltaIdError `ERR_STORAGE` (a stored credential no longer decodes, or the medium fails), `ERR_PASSPHRASE`.
 * @example
 * ```ts
 * for (const c of await listCredentials({ storage })) console.log(c.docTypeLabel.zh, c.purposeLabel.zh, c.issuer.region);
 * ```
 * @see docs/formats/compact-credential.md §Credential
 */
export async function listCredentials(ctx: {
  readonly storage: Pick<CredentialStorage, 'list'>;
}): Promise<CredentialSummary[]> {
  return (await ctx.storage.list()).map((r) => summarise(r));
}
