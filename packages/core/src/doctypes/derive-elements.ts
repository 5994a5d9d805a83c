import { deriveAgeElements } from './derive-age-elements.js';
import { getDocType } from './get-doc-type.js';
import type { ElementValue } from './types.js';

/**
 * Computes the derived elements of a document type (today `age_over_18` and `age_over_60`, from
 * `birth_date`) at an issuance time, to merge with the validated claims before signing.
 *
 * @param docType - a known document type.
 * @param claims - claims returned by {@link validateClaims}.
 * @param issuedAt - the issuance instant (its date in China Standard Time is used).
 * @returns the derived element values by id; empty when the type has none or lacks a birth date.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type or an invalid date.
 * @example deriveElements('cn.gov.mps.eid.1', claims, new Date()) // { age_over_18: true, age_over_60: false }
 * @see ISO/IEC 18013-5:2021 §7.2.5
 */
export function deriveElements(
  docType: string,
  claims: Readonly<Record<string, ElementValue>>,
  issuedAt: Date,
): Record<string, ElementValue> {
  const derived = getDocType(docType).elements.filter((e) => e.derived);
  const birthDate = claims.birth_date;
  if (derived.length === 0 || typeof birthDate !== 'string') return {};
  const ages = deriveAgeElements(birthDate, issuedAt);
  const out: Record<string, ElementValue> = {};
  for (const e of derived) {
    if (e.id === 'age_over_18') out[e.id] = ages.age_over_18;
    if (e.id === 'age_over_60') out[e.id] = ages.age_over_60;
  }
  return out;
}
