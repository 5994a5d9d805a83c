import type { Sign1 } from '../cose/decode-sign1.js';
import type { PublicJwk } from '../crypto/types.js';

/** The namespace of the ISO/IEC 18013-5 mDL data elements (§7.2.1). */
export const MDL_NAMESPACE = 'org.iso.18013.5.1';
/** The mDL document type (§7.1). */
export const MDL_DOCTYPE = 'org.iso.18013.5.1.mDL';

/** Digest algorithms an MSO may name (ISO/IEC 18013-5:2021 §9.1.2.5). */
export type MsoDigestAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

/** `IssuerSignedItem` (§8.3.2.1.2.2) with the bytes its digest covers. */
export interface IssuerSignedItem {
  readonly digestID: number;
  readonly random: Uint8Array;
  readonly elementIdentifier: string;
  /** As decoded: `Map` for maps, `Tag` for full-date (1004), `Date` for tdate, `Uint8Array` for bstr. */
  readonly elementValue: unknown;
  /** The whole `#6.24(bstr)` encoding, embedded bytes as received: the MSO digest is over exactly these. */
  readonly bytes: Uint8Array;
}

/** `IssuerSigned` (§8.3.2.1.2.2): disclosed items per namespace and the issuer's COSE_Sign1 over the MSO. */
export interface IssuerSigned {
  readonly nameSpaces: ReadonlyMap<string, readonly IssuerSignedItem[]>;
  readonly issuerAuth: Sign1;
  /** The x5chain (header 33), leaf first; a single certificate arrives as one bstr, several as an array. */
  readonly x5chain: readonly Uint8Array[];
}

/** `ValidityInfo` (§9.1.2.4). */
export interface ValidityInfo {
  readonly signed: Date;
  readonly validFrom: Date;
  readonly validUntil: Date;
  readonly expectedUpdate?: Date;
}

/** `MobileSecurityObject` (§9.1.2.4), plus the 2nd-edition `status` when present. */
export interface MobileSecurityObject {
  readonly version: string;
  readonly digestAlgorithm: MsoDigestAlgorithm;
  /** namespace → digestID → digest. */
  readonly valueDigests: ReadonlyMap<string, ReadonlyMap<number, Uint8Array>>;
  readonly deviceKey: PublicJwk;
  /** The raw `deviceKeyInfo` map, for keyAuthorizations and keyInfo. */
  readonly deviceKeyInfo: ReadonlyMap<unknown, unknown>;
  readonly docType: string;
  readonly validityInfo: ValidityInfo;
  /** The `status` map (e.g. a Token Status List reference), undecoded. */
  readonly status?: ReadonlyMap<unknown, unknown>;
}

/** `COSE_Mac0` (RFC 9052 §6.2) as decoded. */
export interface Mac0 {
  readonly protectedBytes: Uint8Array;
  readonly protectedHeader: ReadonlyMap<unknown, unknown>;
  readonly unprotectedHeader: ReadonlyMap<unknown, unknown>;
  readonly payload: Uint8Array | null;
  readonly tag: Uint8Array;
}

/** `DeviceAuth` (§8.3.2.1.2.2): exactly one of a signature or a MAC. */
export type DeviceAuth = { readonly deviceSignature: Sign1 } | { readonly deviceMac: Mac0 };

/** `DeviceSigned` (§8.3.2.1.2.2). */
export interface DeviceSigned {
  /** The embedded bytes of `DeviceNameSpacesBytes` as received. */
  readonly nameSpacesBytes: Uint8Array;
  readonly nameSpaces: ReadonlyMap<string, ReadonlyMap<string, unknown>>;
  readonly deviceAuth: DeviceAuth;
}

/** One `Document` of a DeviceResponse. */
export interface MdocDocument {
  readonly docType: string;
  readonly issuerSigned: IssuerSigned;
  readonly deviceSigned: DeviceSigned;
}

/** `DeviceResponse` (§8.3.2.1.2.2). */
export interface DeviceResponse {
  readonly version: string;
  readonly documents: readonly MdocDocument[];
  /** docType → error code, for documents the device did not return. */
  readonly documentErrors: ReadonlyMap<string, number>;
  readonly status: number;
}
