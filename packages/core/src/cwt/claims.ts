/**
 * CWT claim keys: RFC 8392 §4 (iss … cti), RFC 8747 §3.1 (cnf), and the IETF Token Status List
 * (draft-ietf-oauth-status-list §6.2/§5.2: `status` 65535 in Referenced Tokens, `ttl` 65534 and
 * `status_list` 65533 in Status List Tokens).
 *
 * @example
 * ```ts
 * claimsMap.get(CWT_CLAIM.exp)
 * ```
 */
export const CWT_CLAIM = {
  iss: 1,
  sub: 2,
  aud: 3,
  exp: 4,
  nbf: 5,
  iat: 6,
  cti: 7,
  cnf: 8,
  statusList: 65533,
  ttl: 65534,
  status: 65535,
} as const;

/** A claim key as CWT allows it: an integer or a text string (RFC 8392 §3). */
export type CwtClaimKey = number | string;

/**
 * Decoded CWT claims. Known claims are type-checked and named; every other claim is kept in `extra`
 * under its key as received (EU DCC's `-260`, the Delta ID document claims). Times are NumericDate
 * seconds (RFC 8392 §2: integer or floating point).
 */
export interface CwtClaims {
  readonly iss?: string;
  readonly sub?: string;
  readonly aud?: string | readonly string[];
  readonly exp?: number;
  readonly nbf?: number;
  readonly iat?: number;
  readonly cti?: Uint8Array;
  /** RFC 8747 confirmation: `{1: COSE_Key}` or `{3: kid}` (also `2`, an encrypted COSE_Key). */
  readonly cnf?: ReadonlyMap<number, unknown>;
  /** Token Status List reference, e.g. `{"status_list": {"idx": 0, "uri": "https://…"}}`. */
  readonly status?: ReadonlyMap<CwtClaimKey, unknown>;
  /** Status List Token: the list (`{"bits": 1, "lst": h'…'}`). */
  readonly statusList?: ReadonlyMap<CwtClaimKey, unknown>;
  /** Status List Token: seconds a cached list may be used. */
  readonly ttl?: number;
  /** Every claim not listed above. */
  readonly extra: ReadonlyMap<CwtClaimKey, unknown>;
}

/** Claims for {@link encodeCwtClaims}: as {@link CwtClaims}, `extra` optional, times whole seconds. */
export type CwtClaimsInput = Omit<CwtClaims, 'extra'> & {
  readonly extra?: ReadonlyMap<CwtClaimKey, unknown>;
};
