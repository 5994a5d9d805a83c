import { DeltaIdError } from '../errors.js';
import { LAYOUTS } from './lib/layouts.js';

/**
 * The element ids of a document type, in key order, from its plain wire layout. Unlike `getDocType` it carries no
 * schemas, so code that only needs the ids (a verifier checking a policy) bundles no zod.
 *
 * @param docType - e.g. `'cn.gov.mps.eid.1'`.
 * @returns the element ids, e.g. `['name', 'sex', …]`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type.
 * @example elementIds('cn.gov.mps.eid.1').includes('id_number') // true
 * @see docs/formats/compact-credential.md §Element keys
 */
export function elementIds(docType: string): readonly string[] {
  const layout = LAYOUTS.get(docType);
  if (layout === undefined) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'docType: unknown document type', {
      details: { field: 'docType' },
    });
  }
  return layout.elements.map((e) => e.id);
}
