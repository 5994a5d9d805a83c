import type { PublicKeyHandle } from '@deltaid/core';
import type { IssuerEntry, Region, TrustListWarning } from '../trust-list/types.js';

/** What a verifier asks a registry: which key signed, for what document, issued when. */
export interface LookupQuery {
  readonly kid: Uint8Array;
  /** The credential's document type; omitted only for non-credential uses (status lists). */
  readonly docType?: string;
  /** Epoch seconds: the credential's issued-at (`iat`). Key validity and status are judged at this time. */
  readonly at: number;
  /**
   * Checks a candidate key against the message. When several entries share the `kid`, each acceptable
   * candidate is tried in turn and the first that verifies is returned; none verifying is `ERR_SIGNATURE`.
   */
  readonly verify?: (key: PublicKeyHandle) => Promise<boolean>;
}

/** An acceptable issuer key, imported. */
export interface ResolvedIssuer {
  readonly issuer: IssuerEntry;
  /** Imported once per registry and cached. */
  readonly key: PublicKeyHandle;
}

/** Why a lookup failed. */
export type LookupFailureCode =
  | 'ERR_UNKNOWN_ISSUER'
  | 'ERR_ISSUER_NOT_AUTHORISED'
  | 'ERR_ISSUER_KEY_RETIRED'
  | 'ERR_ISSUER_KEY_COMPROMISED'
  | 'ERR_REGION_NOT_ACCEPTED'
  | 'ERR_POLICY'
  | 'ERR_TRUST_LIST_STALE'
  | 'ERR_SIGNATURE';

/** The outcome of {@link TrustRegistry.lookup}: the issuer, or the reason as data. */
export type LookupResult =
  | {
      readonly ok: true;
      readonly issuer: IssuerEntry;
      readonly key: PublicKeyHandle;
      /**
       * Every acceptable candidate for the `kid` (more than one only on a `kid` collision). Without
       * `verify`, `issuer`/`key` is the first of them and a verifier must try each in turn.
       */
      readonly candidates: readonly ResolvedIssuer[];
      readonly warnings: readonly TrustListWarning[];
    }
  | { readonly ok: false; readonly code: LookupFailureCode; readonly reason: string };

/** The state of the list an entry came from, judged at lookup time. */
export interface CandidateSource {
  /** Set when the list must not be used now (stale beyond policy). */
  blocked(): { readonly code: 'ERR_TRUST_LIST_STALE'; readonly reason: string } | undefined;
  warnings(): readonly TrustListWarning[];
}

/** An entry with a lazily imported, cached key; what composing registries exchange. */
export interface Candidate {
  readonly issuer: IssuerEntry;
  /** The imported key: the handle itself once imported, a promise the first time. */
  key(): PublicKeyHandle | Promise<PublicKeyHandle>;
  readonly source: CandidateSource;
}

/** A source of issuer keys (DESIGN.md "Trust"). */
export interface TrustRegistry {
  /** The issuer for `kid`, authorised for `docType` at `at`, or `undefined` (report `ERR_UNKNOWN_ISSUER`). */
  resolve(query: LookupQuery): Promise<ResolvedIssuer | undefined>;
  /** Like `resolve`, but says why when it fails. */
  lookup(query: LookupQuery): Promise<LookupResult>;
  /** Every entry carrying `kid`, unfiltered; for registries composed of others. */
  candidates(kid: Uint8Array): readonly Candidate[];
}

/** Which issuers a verifier accepts, on top of what the lists authorise. */
export interface AcceptancePolicy {
  readonly regions: readonly Region[] | 'all';
  readonly docTypes: readonly string[] | 'all';
  /**
   * `'all'` (default): a compromised key verifies nothing, since whoever holds it can write any `iat`.
   * `'after-compromise'`: credentials whose `iat` is before the compromise time still verify.
   */
  readonly compromised?: 'all' | 'after-compromise';
}
