import type { ErrorCode, PublicJwk, SignatureAlg } from '@deltaid/core';

/** The four regions of the Yangtze River Delta federation (ISO 3166-2:CN codes). */
export type Region = 'CN-SH' | 'CN-JS' | 'CN-ZJ' | 'CN-AH';

/** All regions, in the order the list of lists names them. */
export const REGIONS: readonly Region[] = ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'];

/** A bilingual name: 中文 first, English second. */
export interface BilingualName {
  readonly zh: string;
  readonly en: string;
}

/** An issuer key's lifecycle. Times are epoch seconds. */
export type IssuerStatus =
  | { readonly state: 'active' }
  | { readonly state: 'retired'; readonly at: number }
  | { readonly state: 'compromised'; readonly at: number };

/** A public key with the algorithm it is used with and its `kid`. */
export interface IssuerKey {
  readonly kid: Uint8Array;
  readonly alg: SignatureAlg;
  readonly publicKey: PublicJwk;
}

/**
 * One issuer key in a regional trust list: who it belongs to, what it may sign and when.
 * An authority with two keys (rollover) has two entries with the same `issuerId`.
 */
export interface IssuerEntry extends IssuerKey {
  readonly issuerId: string;
  readonly region: Region;
  readonly name: BilingualName;
  /** 18-character unified social credit code (GB 32100-2015), check character validated. */
  readonly creditCode: string;
  /** The DER X.509 certificate of this key, for x5chain credentials (mdoc). */
  readonly certificate?: Uint8Array;
  /** Document types this key may sign; anything else is `ERR_ISSUER_NOT_AUTHORISED`. */
  readonly docTypes: readonly string[];
  /** Epoch seconds; credentials issued outside [validFrom, validUntil] are refused. */
  readonly validFrom: number;
  readonly validUntil: number;
  readonly status: IssuerStatus;
  /** The key that signs this issuer's status lists, when it is not the credential key. */
  readonly statusListKey?: IssuerKey;
  /** Short list number (as carried in compact credentials) → status list URI. */
  readonly statusLists?: ReadonlyMap<number, string>;
}

/** The content of a regional trust list (what the operator signs). */
export interface TrustListContent {
  readonly version: 1;
  readonly region: Region;
  readonly operator: BilingualName;
  /** Strictly increasing per region; a lower number than the cached one is a rollback. */
  readonly sequence: number;
  readonly issuedAt: number;
  readonly nextUpdate: number;
  readonly entries: readonly IssuerEntry[];
}

/** One regional list as the joint operator names it. */
export interface RegionalListRef {
  readonly region: Region;
  readonly operator: BilingualName;
  /** The regional operator's signing key; a regional list verifies only under it. */
  readonly operatorKey: IssuerKey;
  /** Where the regional list is published (https URL or a file name). */
  readonly url: string;
}

/** The content of the Delta list of lists. */
export interface ListOfListsContent {
  readonly version: 1;
  readonly operator: BilingualName;
  readonly sequence: number;
  readonly issuedAt: number;
  readonly nextUpdate: number;
  readonly lists: readonly RegionalListRef[];
}

/** What to do with a list past its next-update time. */
export interface StalePolicy {
  /** Seconds past next-update during which the list is still used without a warning. */
  readonly graceSeconds: number;
  /** Past the grace period: keep using it with a warning, or refuse it (`ERR_TRUST_LIST_STALE`). */
  readonly after: 'warn' | 'reject';
}

/** Warnings a verified list may carry; the caller decides whether to surface them. */
export type TrustListWarning = 'STALE';

/** A pinned operator key; `region` binds it to one regional list (absent for the joint operator). */
export interface OperatorAnchor extends IssuerKey {
  readonly region?: Region;
}

/** Why a signed list was refused. */
export type SignedListFailureCode = Extract<
  ErrorCode,
  | 'ERR_CBOR'
  | 'ERR_CBOR_LIMIT'
  | 'ERR_STRUCTURE'
  | 'ERR_COSE_ALG'
  | 'ERR_TRUST_LIST'
  | 'ERR_UNKNOWN_ISSUER'
  | 'ERR_SIGNATURE'
  | 'ERR_TRUST_LIST_STALE'
  | 'ERR_EXPIRED'
  | 'ERR_NOT_YET_VALID'
>;

/** A refusal as data: a stable code and a human-readable reason. */
export type Failure = { readonly ok: false; readonly code: SignedListFailureCode; readonly reason: string };
