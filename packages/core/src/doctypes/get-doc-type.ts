import { DeltaIdError } from '../errors.js';
import { DOC_TYPES } from './doc-types.js';
import type { DocTypeDefinition } from './types.js';

/**
 * Looks up a document type by id.
 *
 * @param docType - e.g. `'cn.gov.mps.eid.1'`; any other value is misuse.
 * @returns its definition.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type.
 * @example getDocType('cn.gov.mps.dl.1').label.zh // '机动车驾驶证'
 * @see docs/formats/compact-credential.md
 */
export function getDocType(docType: string): DocTypeDefinition {
  const found = DOC_TYPES.find((d) => d.docType === docType);
  if (!found) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'docType: unknown document type', {
      details: { field: 'docType' },
    });
  }
  return found;
}
