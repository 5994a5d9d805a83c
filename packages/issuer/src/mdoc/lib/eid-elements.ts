import {
  DeltaIdError,
  deriveAgeElements,
  type ElementValue,
  fullDate,
  RESIDENT_EID_DOCTYPE,
  validateClaims,
} from '@deltaid/core';

function claimsError(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_CLAIMS', `${field}: ${message}`, { details: { field } });
}

function str(claims: Readonly<Record<string, ElementValue>>, id: string): string {
  const v = claims[id];
  // validateClaims guarantees the type; this guard keeps the compiler honest without a cast.
  if (typeof v !== 'string') throw claimsError(id, 'must be text');
  return v;
}

/**
 * The two namespaces of the e-ID mdoc, from claims validated by the resident e-ID claims schema (the same
 * rules as the compact credential: ID number ↔ birth date and sex, validity order, code lists).
 */
export function eidElements(
  input: unknown,
  familyName: string | undefined,
  signed: Date,
): { readonly iso: Map<string, unknown>; readonly cn: Map<string, unknown> } {
  const c = validateClaims(RESIDENT_EID_DOCTYPE, input, { now: signed });
  const name = str(c, 'name');
  const birth = str(c, 'birth_date');
  const validUntil = str(c, 'valid_until');
  const sex = c.sex;
  if (typeof sex !== 'number') throw claimsError('sex', 'must be a code');
  const ages = deriveAgeElements(birth, signed);

  const iso = new Map<string, unknown>();
  // 姓 and 名 are not separable from 姓名 by rule (欧阳, 司马 …): only the issuer's register knows the split.
  if (familyName !== undefined) {
    if (familyName.length === 0 || !name.startsWith(familyName) || familyName.length >= name.length) {
      throw claimsError('family_name', 'must be a proper leading part of name');
    }
    iso.set('family_name', familyName);
    iso.set('given_name', name.slice(familyName.length));
  }
  iso.set('birth_date', fullDate(birth));
  // GB/T 2261.1 and ISO/IEC 5218 share the codes 0, 1, 2, 9.
  iso.set('sex', sex);
  iso.set('issue_date', fullDate(str(c, 'valid_from')));
  // 长期 has no full-date; a 23220 reader then sees no expiry_date and the Chinese namespace says long-term.
  if (validUntil !== 'long-term') iso.set('expiry_date', fullDate(validUntil));
  iso.set('issuing_country', 'CN');
  iso.set('issuing_authority', str(c, 'issuing_authority'));
  iso.set('nationality', 'CN');
  iso.set('age_over_18', ages.age_over_18);
  iso.set('age_over_60', ages.age_over_60);
  const portrait = c.portrait;
  if (portrait !== undefined) {
    if (typeof portrait !== 'object' || portrait.media_type === 'image/png') {
      // ISO/IEC 18013-5 §7.2.2 (and 23220-2 after it): JPEG or JPEG 2000 only.
      throw claimsError('portrait', 'an mdoc portrait must be image/jpeg or image/jp2');
    }
    iso.set('portrait', portrait.data);
  }

  const cn = new Map<string, unknown>([
    ['name', name],
    ['ethnicity', str(c, 'ethnicity')],
    ['id_number', str(c, 'id_number')],
    ['address', str(c, 'address')],
    ['valid_until', validUntil === 'long-term' ? validUntil : fullDate(validUntil)],
  ]);
  return { iso, cn };
}
