import { MDL_DOCTYPE, MDL_NAMESPACE, type PublicJwk } from '@deltaid/core';
import { type IssuedMdoc, type IssueMdocContext, issueMdoc } from './issue-mdoc.js';
import { mdlElements } from './lib/mdl-elements.js';

/** The Chinese extension namespace of the Delta mDL: the fields of our licence ISO does not define. */
export const CN_DL_NAMESPACE = 'cn.gov.mps.dl.1';

/** A Delta driving licence in ISO terms. Dates are `YYYY-MM-DD`. */
export interface MdlClaims {
  /** Latin-1 (pinyin), e.g. `ZHANG`. */
  readonly family_name: string;
  readonly given_name: string;
  /** 姓 as written, e.g. `张`. */
  readonly family_name_national_character: string;
  readonly given_name_national_character?: string;
  readonly birth_date: string;
  readonly issue_date: string;
  readonly expiry_date: string;
  /** e.g. `上海市公安局交通警察总队`. */
  readonly issuing_authority: string;
  readonly issuing_jurisdiction: 'CN-SH' | 'CN-JS' | 'CN-ZJ' | 'CN-AH';
  readonly document_number: string;
  /** JPEG bytes. */
  readonly portrait: Uint8Array;
  readonly driving_privileges: readonly {
    readonly vehicle_category_code: string;
    readonly issue_date?: string;
    readonly expiry_date?: string;
  }[];
  readonly sex?: number;
  /** ISO 3166-1 alpha-2. */
  readonly nationality?: string;
  readonly resident_address?: string;
  /** The `cn.gov.mps.dl.1` namespace. */
  readonly extension: {
    /** 档案编号, 12 digits. */
    readonly file_number: string;
    /** 驾驶证状态 letters (GA/T), `A` = valid. */
    readonly status: string;
    /** 准驾车型 as printed, e.g. `C1` or `A2D`. */
    readonly classes?: string;
    /** 初次领证日期. */
    readonly first_issue_date?: string;
    /** 姓名 in full as printed. */
    readonly name?: string;
  };
}

/**
 * Issues a Delta driving licence as an ISO/IEC 18013-5 mDL (`org.iso.18013.5.1.mDL`): the standard
 * elements in `org.iso.18013.5.1` (issuing_country `CN`, un_distinguishing_sign `CHN`, age_over_18/60 at
 * the signing date) plus `cn.gov.mps.dl.1` for 档案编号, status and the Chinese licence classes.
 *
 * @param claims - the licence content.
 * @param input.deviceKey - the holder's device public key.
 * @param input.validity - MSO validity (signed, validFrom, validUntil).
 * @param input.status - optional MSO status (Token Status List reference).
 * @param ctx - DS key, DS certificate chain, crypto.
 * @returns the `IssuerSigned` encoding.
 * @throws DeltaIdError `ERR_CLAIMS` (naming the field), plus those of {@link issueMdoc}.
 * @example
 * ```ts
 * const mdl = await issueMdl(claims, { deviceKey, validity }, { key: ds.privateKey, certificateChain: [dsCert], crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 §7.2.1 (mDL data elements), §9.1.2
 */
export async function issueMdl(
  claims: MdlClaims,
  input: {
    readonly deviceKey: PublicJwk;
    readonly validity: { readonly signed: Date; readonly validFrom: Date; readonly validUntil: Date };
    readonly status?: ReadonlyMap<string, unknown>;
  },
  ctx: IssueMdocContext,
): Promise<IssuedMdoc> {
  const { mdl, cn } = mdlElements(claims, input.validity.signed);
  return issueMdoc(
    {
      docType: MDL_DOCTYPE,
      nameSpaces: new Map([
        [MDL_NAMESPACE, mdl],
        [CN_DL_NAMESPACE, cn],
      ]),
      deviceKey: input.deviceKey,
      validity: input.validity,
      ...(input.status === undefined ? {} : { status: input.status }),
    },
    ctx,
  );
}
