import { DeltaIdError } from '../errors.js';
import { getDocType } from './get-doc-type.js';
import type { ClaimsSchemaOptions, ElementValue } from './types.js';

/**
 * Validates an issuer's input claims against a document type's schema and returns them
 * normalised (licence classes in printing order; absent optional elements omitted).
 *
 * @param docType - a known document type.
 * @param input - the untrusted claims object, keyed by element id.
 * @param options - `now` enables the not-in-the-future checks.
 * @returns the validated claims.
 * @throws DeltaIdError `ERR_CLAIMS` naming every failed field in the message, the first in
 *   `details.field` and all in `details.fields` (comma-separated); `ERR_INVALID_ARGUMENT` for an
 *   unknown document type.
 * @example validateClaims('cn.gov.mps.eid.1', claims, { now: new Date() })
 * @see residentEidClaimsSchema, drivingLicenceClaimsSchema, vehicleLicenceClaimsSchema
 */
export function validateClaims(
  docType: string,
  input: unknown,
  options: ClaimsSchemaOptions = {},
): Readonly<Record<string, ElementValue>> {
  const result = getDocType(docType).claimsSchema(options).safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => {
      // Unknown keys are reported by zod on the object itself; name them as the fields at fault.
      const keys = 'keys' in i && Array.isArray(i.keys) ? i.keys.map(String) : [];
      const field = keys.length > 0 ? keys.join(',') : i.path.map(String).join('.') || '(claims)';
      const message = i.message.startsWith(`${field}:`) ? i.message : `${field}: ${i.message}`;
      return { field, message };
    });
    throw new DeltaIdError('ERR_CLAIMS', `invalid claims: ${problems.map((p) => p.message).join('; ')}`, {
      details: { field: problems[0]?.field, fields: [...new Set(problems.map((p) => p.field))].join(',') },
    });
  }
  const out: Record<string, ElementValue> = {};
  for (const [k, v] of Object.entries(result.data)) if (v !== undefined) out[k] = v;
  return out;
}
