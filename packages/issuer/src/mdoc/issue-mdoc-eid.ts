import { type PublicJwk, RESIDENT_EID, RESIDENT_EID_DOCTYPE } from '@deltaid/core';
import { type IssuedMdoc, type IssueMdocContext, issueMdoc } from './issue-mdoc.js';
import { eidElements } from './lib/eid-elements.js';

/**
 * The mdoc docType of the resident e-ID: our compact document type id plus `.mdoc`, in the manner of
 * ISO/IEC 23220-2 docTypes (`org.iso.23220.photoid.1`) — a doctype of our own, not an ISO one.
 */
export const EID_MDOC_DOCTYPE = `${RESIDENT_EID_DOCTYPE}.mdoc`;
/** ISO/IEC 23220-2 namespace of the elements identity documents share (names, birth date, sex, portrait…). */
export const ISO_23220_NAMESPACE = 'org.iso.23220.1';
/** Our namespace for what only the resident e-ID carries (姓名, 民族, 公民身份号码, 住址, 有效期限). */
export const CN_EID_NAMESPACE = RESIDENT_EID_DOCTYPE;

/**
 * Where each resident e-ID claim is disclosed in the mdoc: claim id → [namespace, element identifier].
 * `valid_from` becomes 23220 `issue_date`; `valid_until` is read from the Chinese namespace because only
 * there can it say `long-term` (a dated one is also the 23220 `expiry_date`).
 */
export const EID_MDOC_ELEMENTS: Readonly<Record<string, readonly [string, string]>> = {
  name: [CN_EID_NAMESPACE, 'name'],
  sex: [ISO_23220_NAMESPACE, 'sex'],
  ethnicity: [CN_EID_NAMESPACE, 'ethnicity'],
  birth_date: [ISO_23220_NAMESPACE, 'birth_date'],
  id_number: [CN_EID_NAMESPACE, 'id_number'],
  address: [CN_EID_NAMESPACE, 'address'],
  valid_from: [ISO_23220_NAMESPACE, 'issue_date'],
  valid_until: [CN_EID_NAMESPACE, 'valid_until'],
  age_over_18: [ISO_23220_NAMESPACE, 'age_over_18'],
  age_over_60: [ISO_23220_NAMESPACE, 'age_over_60'],
  issuing_authority: [ISO_23220_NAMESPACE, 'issuing_authority'],
  portrait: [ISO_23220_NAMESPACE, 'portrait'],
};

function requestFor(ids: readonly string[]): Readonly<Record<string, readonly string[]>> {
  const out: Record<string, string[]> = {};
  for (const id of ids) {
    const place = EID_MDOC_ELEMENTS[id];
    if (place === undefined) continue;
    const list = out[place[0]] ?? [];
    list.push(place[1]);
    out[place[0]] = list;
  }
  return out;
}

/**
 * The mdoc items request (namespace → element identifiers) for hotel check-in: the same element set as the
 * compact `checkin` purpose (实名登记: 姓名, 性别, 民族, 出生, 公民身份号码, 住址, 有效期限).
 */
export const EID_MDOC_CHECKIN: Readonly<Record<string, readonly string[]>> = requestFor(
  RESIDENT_EID.purposes.checkin ?? [],
);

/**
 * Issues the resident e-ID (居民身份证) as an mdoc of docType {@link EID_MDOC_DOCTYPE}: the claims are
 * validated by the same schema as the compact credential, then split into ISO/IEC 23220-2 common elements
 * (`org.iso.23220.1`: family_name, given_name, birth_date, sex, issue_date, expiry_date, issuing_country
 * `CN`, issuing_authority, nationality `CN`, age_over_18/60 at the signing date, portrait) and our namespace
 * `cn.gov.mps.eid.1` (name, ethnicity, id_number, address, valid_until). Salts, digest IDs and issuerAuth as
 * {@link issueMdoc}.
 *
 * @param claims - the issuer's untrusted input claims (resident e-ID claims schema).
 * @param input.familyName - 姓 as registered; when given (a proper leading part of `name`), family_name and
 *   given_name are issued, otherwise only the full `name`.
 * @param input.deviceKey - the holder's device public key.
 * @param input.validity - MSO validity (signed, validFrom, validUntil); `signed` is also the date the age
 *   elements and the claims' not-in-the-future checks use.
 * @param input.status - optional MSO status (Token Status List reference).
 * @param ctx - DS key, DS certificate chain, crypto.
 * @returns the `IssuerSigned` encoding and the docType.
 * @throws DeltaIdError `ERR_CLAIMS` (naming the field; also `family_name` and a PNG `portrait`), plus those of
 *   {@link issueMdoc}.
 * @example
 * ```ts
 * const eid = await issueMdocEid(claims, { familyName: '张', deviceKey, validity },
 *   { key: ds.privateKey, certificateChain: [dsCert], crypto });
 * ```
 * @see ISO/IEC 23220-2 (common identity elements), ISO/IEC 18013-5:2021 §9.1.2; docs/formats/mdoc.md
 */
export async function issueMdocEid(
  claims: unknown,
  input: {
    readonly familyName?: string;
    readonly deviceKey: PublicJwk;
    readonly validity: { readonly signed: Date; readonly validFrom: Date; readonly validUntil: Date };
    readonly status?: ReadonlyMap<string, unknown>;
  },
  ctx: IssueMdocContext,
): Promise<IssuedMdoc> {
  const { iso, cn } = eidElements(claims, input.familyName, input.validity.signed);
  return issueMdoc(
    {
      docType: EID_MDOC_DOCTYPE,
      nameSpaces: new Map([
        [ISO_23220_NAMESPACE, iso],
        [CN_EID_NAMESPACE, cn],
      ]),
      deviceKey: input.deviceKey,
      validity: input.validity,
      ...(input.status === undefined ? {} : { status: input.status }),
    },
    ctx,
  );
}
