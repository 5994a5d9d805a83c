import { DeltaIdError } from '../errors.js';
import { getDocType } from './get-doc-type.js';
import type { Label } from './types.js';

/**
 * The bilingual display label of an element.
 *
 * @param docType - a known document type.
 * @param elementId - an element of that type.
 * @returns `{ zh, en }`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type or element.
 * @example labelFor('cn.gov.mps.eid.1', 'id_number') // { zh: '公民身份号码', en: 'Citizen ID number' }
 */
export function labelFor(docType: string, elementId: string): Label {
  const el = getDocType(docType).elements.find((e) => e.id === elementId);
  if (!el) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'elementId: unknown element', {
      details: { field: 'elementId' },
    });
  }
  return el.label;
}
