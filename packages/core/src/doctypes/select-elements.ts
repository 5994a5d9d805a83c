import { DeltaIdError } from '../errors.js';
import { getDocType } from './get-doc-type.js';
import type { ElementDefinition, Purpose } from './types.js';

/**
 * The elements an issuer signs for a purpose: `full` (every non-derived element), `checkin`
 * (e-ID), `age` (e-ID, driving licence), `traffic` (driving and vehicle licence).
 *
 * @param docType - a known document type.
 * @param purpose - a purpose that document type supports.
 * @returns element definitions in ascending key order.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type or a purpose the type lacks.
 * @example selectElements('cn.gov.mps.eid.1', 'age').map((e) => e.id) // ['valid_until', 'age_over_18', 'age_over_60']
 * @see docs/formats/compact-credential.md (purpose element sets)
 */
export function selectElements(docType: string, purpose: Purpose | string): ElementDefinition[] {
  const def = getDocType(docType);
  const ids = Object.entries(def.purposes).find(([name]) => name === purpose)?.[1];
  if (!ids) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `purpose: not defined for ${def.docType}`, {
      details: { field: 'purpose' },
    });
  }
  return def.elements.filter((e) => ids.includes(e.id));
}
