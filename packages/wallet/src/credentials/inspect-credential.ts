import { DeltaIdError, formatElementValue, getDocType, labelFor } from '@deltaid/core';
import { decodeStored, summarise } from '../lib/summary.js';
import type { CredentialStorage } from '../storage/types.js';
import type { CredentialDetails, InspectedElement } from './types.js';

/**
 * Opens one credential for display: every element with its bilingual label and formatted value (性别 男 / Sex male,
 * 民族 汉族 / Ethnicity Han, dates as 1990年3月7日 / 1990-03-07, 长期 / long-term), in the document type's key order.
 *
 * @param id - the credential id from {@link listCredentials} or `importCredential`.
 * @param ctx - the storage.
 * @returns the summary plus the elements.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (no credential with this id), `ERR_STORAGE`, `ERR_PASSPHRASE`.
 * @example
 * ```ts
 * const { elements } = await inspectCredential(id, { storage });
 * for (const e of elements) console.log(`${e.label.zh} ${e.display.zh}`);
 * ```
 * @see docs/formats/compact-credential.md §Element keys
 */
export async function inspectCredential(
  id: string,
  ctx: { readonly storage: Pick<CredentialStorage, 'get'> },
): Promise<CredentialDetails> {
  const record = typeof id === 'string' ? await ctx.storage.get(id) : undefined;
  if (record === undefined) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'no credential with this id', {
      details: { field: 'id' },
    });
  }
  const c = decodeStored(record);
  const elements: InspectedElement[] = [];
  for (const def of getDocType(c.docType).elements) {
    const value = c.elements[def.id];
    if (value === undefined) continue;
    elements.push({
      id: def.id,
      label: labelFor(c.docType, def.id),
      display: formatElementValue(c.docType, def.id, value),
      value,
    });
  }
  return { ...summarise(record, c), elements };
}
