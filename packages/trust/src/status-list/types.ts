import type { PrivateKeyHandle, PublicJwk, PublicKeyHandle, Signs, Verifies } from '@deltaid/core';
import type { StatusListBits } from './constants.js';

/**
 * A decoded Status List: the uncompressed byte array and its bit width. Entry `i` occupies bits
 * `[i·bits, i·bits + bits)`, filled from the least significant bit of each byte (draft §4.1), so a
 * lookup is one shift and one mask. `size` is `bytes.length · 8 / bits`: the draft gives no other
 * length, and entries in the last byte's padding are valid positions holding 0.
 *
 * @see draft-ietf-oauth-status-list §4.1
 */
export interface StatusList {
  readonly bits: StatusListBits;
  /** The byte array. Owned by the list; writing to it (through `setStatus`) changes the list. */
  readonly bytes: Uint8Array;
  /** Number of entries. */
  readonly size: number;
}

/**
 * The `status_list` claim in transport form: `bits` and the zlib-compressed byte array
 * (`aggregation_uri` optional).
 *
 * @see draft-ietf-oauth-status-list §4.2 (JSON), §4.3 (CBOR)
 */
export interface CompressedStatusList {
  readonly bits: StatusListBits;
  /** zlib (RFC 1950) stream of the byte array. */
  readonly lst: Uint8Array;
  readonly aggregationUri?: string;
}

/**
 * A verified Status List Token, in either form.
 *
 * @see draft-ietf-oauth-status-list §5
 */
export interface StatusListToken {
  readonly format: 'cwt' | 'jwt';
  /** `sub`: the URI of this list, equal to the Referenced Token's `status_list.uri`. */
  readonly sub: string;
  readonly iss?: string;
  /** `iat`, seconds since the epoch. */
  readonly iat: number;
  /** `exp`, seconds since the epoch. */
  readonly exp?: number;
  /** `ttl`, seconds a consumer may cache the token before fetching a fresh copy. */
  readonly ttl?: number;
  readonly aggregationUri?: string;
  /** The key id from the token's header (CWT: the `kid` bytes; JWT: UTF-8 of the `kid` string). */
  readonly kid?: Uint8Array;
  /**
   * The public key that verified the token. A verifier compares it with the key the credential issuer's trust entry
   * names for its status lists, so one trusted issuer cannot answer for another's credentials.
   */
  readonly signer: PublicJwk;
  readonly list: StatusList;
}

/** The claims a Status List Token carries, as given to the signers. Times in seconds since the epoch. */
export interface StatusListClaims {
  readonly sub: string;
  readonly iss?: string;
  readonly iat: number;
  readonly exp?: number;
  readonly ttl?: number;
  readonly aggregationUri?: string;
}

/**
 * Finds the issuer's status-list signing key(s) for a token, from its `kid` (the bytes for CWT, the
 * string for JWT) or, when it has none, its `iss`. May return several keys when a `kid` is
 * shared; each is tried. Typically backed by the trust registry.
 */
export type StatusKeyResolver = (
  issuerOrKid: string | Uint8Array,
) => Promise<PublicKeyHandle | readonly PublicKeyHandle[] | undefined>;

/** The key a Status List Token must verify with, or a resolver for it (key-or-resolver, as in jose). */
export type StatusListKey = PublicKeyHandle | StatusKeyResolver;

/** Options shared by the two token verifiers. */
export interface VerifyStatusListOptions {
  /** Signature verification (an imported key's provider). */
  readonly crypto: Verifies;
  /** The verification time; nothing reads a global clock. */
  readonly now: Date;
  /** When set, the token's `sub` must equal it (the Referenced Token's `status_list.uri`). */
  readonly uri?: string;
  /** Tolerance for `iat` in the future and `exp` in the past, in seconds (default 60). */
  readonly clockToleranceSeconds?: number;
  /** Bound on the decompressed list (default 4 MiB). */
  readonly maxListBytes?: number;
  /** Bound on the encoded token in bytes (default 4 MiB). */
  readonly maxTokenBytes?: number;
}

/** The signing side: a private key, its provider and the `kid` to put in the header. */
export interface StatusListSigner {
  readonly key: PrivateKeyHandle;
  readonly crypto: Signs;
  /** Key id written to the header (CWT: bytes; JWT: the string form is the UTF-8 decoding). */
  readonly kid?: Uint8Array;
}
