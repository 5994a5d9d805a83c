import { encodeCbor, tdate } from '../cbor/cbor.js';
import { jwkToCoseKey } from '../cose/jwk-to-cose-key.js';
import type { PublicJwk } from '../crypto/types.js';
import { DeltaIdError } from '../errors.js';
import { tag24Encoding } from './lib/tag24.js';
import type { MsoDigestAlgorithm } from './types.js';

/** What {@link encodeMobileSecurityObject} needs. */
export interface MobileSecurityObjectInput {
  readonly digestAlgorithm: MsoDigestAlgorithm;
  readonly valueDigests: ReadonlyMap<string, ReadonlyMap<number, Uint8Array>>;
  readonly deviceKey: PublicJwk;
  readonly docType: string;
  readonly validityInfo: {
    readonly signed: Date;
    readonly validFrom: Date;
    readonly validUntil: Date;
    readonly expectedUpdate?: Date;
  };
  /** 2nd-edition status reference, e.g. `{ status_list: { idx, uri } }` (Token Status List §6.3). */
  readonly status?: ReadonlyMap<string, unknown>;
}

/**
 * Encodes `MobileSecurityObjectBytes` = `#6.24(bstr .cbor MobileSecurityObject)`, the issuerAuth payload.
 * Times are tdate (tag 0) without fractions.
 *
 * @param mso - the MSO content.
 * @returns the tag-24 encoding.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when validUntil is not after validFrom; `ERR_KEY`; `ERR_CBOR`.
 * @example
 * ```ts
 * const payload = encodeMobileSecurityObject({ digestAlgorithm: 'SHA-256', valueDigests, deviceKey, docType, validityInfo });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.2.4
 */
export function encodeMobileSecurityObject(mso: MobileSecurityObjectInput): Uint8Array {
  const v = mso.validityInfo;
  if (v.validUntil.getTime() <= v.validFrom.getTime()) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'validUntil must be after validFrom');
  }
  const validity = new Map<string, unknown>([
    ['signed', tdate(v.signed)],
    ['validFrom', tdate(v.validFrom)],
    ['validUntil', tdate(v.validUntil)],
  ]);
  if (v.expectedUpdate !== undefined) validity.set('expectedUpdate', tdate(v.expectedUpdate));
  const m = new Map<string, unknown>([
    ['version', '1.0'],
    ['digestAlgorithm', mso.digestAlgorithm],
    ['valueDigests', mso.valueDigests],
    ['deviceKeyInfo', new Map([['deviceKey', jwkToCoseKey(mso.deviceKey)]])],
    ['docType', mso.docType],
    ['validityInfo', validity],
  ]);
  if (mso.status !== undefined) m.set('status', mso.status);
  return tag24Encoding(encodeCbor(m));
}
