/**
 * Constants of the IETF Token Status List (draft-ietf-oauth-status-list-20): status values, the
 * token media types and the CWT claim keys it registers.
 */

/**
 * Status values (draft §7.1 "Status Types"). `0x03` and `0x0C`–`0x0F` are application-specific;
 * Delta ID reports every value it does not know as unknown (`ERR_STATUS_UNKNOWN`).
 *
 * @example
 * ```ts
 * setStatus(list, 42, STATUS.INVALID)
 * ```
 * @see draft-ietf-oauth-status-list §7.1
 */
export const STATUS = {
  VALID: 0,
  INVALID: 1,
  SUSPENDED: 2,
} as const;

/** The number of bits per entry a Status List may use (draft §4.1 `bits`). */
export type StatusListBits = 1 | 2 | 4 | 8;

/** The bit widths allowed by the draft, in ascending order. */
export const STATUS_LIST_BITS: readonly StatusListBits[] = Object.freeze([1, 2, 4, 8]);

/**
 * `typ` protected header of a Status List Token in CWT form (COSE header label 16, RFC 9596).
 *
 * @see draft-ietf-oauth-status-list §5.2, §14 (media type registration)
 */
export const STATUS_LIST_CWT_TYP = 'application/statuslist+cwt';

/**
 * `typ` JOSE header of a Status List Token in JWT form. The draft registers the media type
 * `application/statuslist+jwt` and uses its short form in the header, as RFC 7515 §4.1.9 recommends.
 *
 * @see draft-ietf-oauth-status-list §5.1
 */
export const STATUS_LIST_JWT_TYP = 'statuslist+jwt';

/**
 * Default bound on the decompressed size of `lst`: 4 MiB holds 4,194,304 entries at 8 bits or
 * 33,554,432 at 1 bit, far above the 1,000,000 × 2 bits (250 KB) a province needs.
 */
export const DEFAULT_MAX_STATUS_LIST_BYTES = 4 * 1024 * 1024;
