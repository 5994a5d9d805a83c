import { DeltaIdError, formatElementValue, validateRegionCode } from '@deltaid/core';
import type { VerificationResult } from '@deltaid/verifier';
import type { GuestRecord } from './types.js';

const EID = 'cn.gov.mps.eid.1';

function text(claims: Readonly<Record<string, unknown>>, id: string): string {
  const v = claims[id];
  if (typeof v !== 'string' || v.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `the verified claims lack ${id}`, {
      details: { field: id },
    });
  }
  return v;
}

/**
 * Builds the guest registration record from a successful `hotel-checkin` verification: name, sex and ethnicity with
 * their labels, birth date, ID number, address, the issuing region and authority from the trust list, and the time.
 * Values come from the verified claims only; each is checked again against the e-ID schema before it is used.
 *
 * @param result - a valid result of the verifier for a resident e-ID.
 * @param verifiedAt - the desk's clock at verification, in milliseconds since the epoch.
 * @returns the record.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when the result is not a valid e-ID result with the check-in elements
 *   (a result from another policy: misuse).
 * @example toGuestRecord(await desk.verifier.verify(text), desk.clock()).idNumber // '310115199003071239'
 * @see 旅馆业治安管理办法 §6 (registration of guests' identity documents); GB/T 2261.1; GB/T 3304
 */
export function toGuestRecord(result: VerificationResult, verifiedAt: number): GuestRecord {
  if (!result.valid || result.docType !== EID || result.claims === undefined || result.issuer === undefined) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'a guest record needs a valid resident e-ID result');
  }
  const claims = result.claims;
  const sex = claims.sex;
  const ethnicity = claims.ethnicity;
  if (typeof sex !== 'number') {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'the verified claims lack sex', {
      details: { field: 'sex' },
    });
  }
  if (typeof ethnicity !== 'string') {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'the verified claims lack ethnicity', {
      details: { field: 'ethnicity' },
    });
  }
  const region = validateRegionCode(result.issuer.region);
  return {
    name: text(claims, 'name'),
    sex: { code: String(sex), ...formatElementValue(EID, 'sex', sex) },
    ethnicity: { code: ethnicity, ...formatElementValue(EID, 'ethnicity', ethnicity) },
    birthDate: text(claims, 'birth_date'),
    idNumber: text(claims, 'id_number'),
    address: text(claims, 'address'),
    issuingRegion: { code: region.code, ...region.name },
    issuer: { zh: result.issuer.name.zh, en: result.issuer.name.en },
    verifiedAt: new Date(verifiedAt).toISOString(),
  };
}
