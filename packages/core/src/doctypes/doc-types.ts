import { DRIVING_LICENCE } from './driving-licence.js';
import { RESIDENT_EID } from './resident-eid.js';
import type { DocTypeDefinition } from './types.js';
import { VEHICLE_LICENCE } from './vehicle-licence.js';

/**
 * The document types Delta ID knows: resident e-ID, driving licence, vehicle licence.
 *
 * @example DOC_TYPES.map((d) => d.docType) // ['cn.gov.mps.eid.1', 'cn.gov.mps.dl.1', 'cn.gov.mps.vl.1']
 * @see docs/formats/compact-credential.md (element keys)
 */
export const DOC_TYPES: readonly DocTypeDefinition[] = [RESIDENT_EID, DRIVING_LICENCE, VEHICLE_LICENCE];
