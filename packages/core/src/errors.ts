/**
 * Every failure in Delta ID has a stable code. Switch on `err.code`; never on
 * the message text, which may change.
 */
export const ERROR_CODES = [
  // text codec
  'ERR_QR_PREFIX',
  'ERR_QR_READ',
  'ERR_BASE45',
  'ERR_INFLATE',
  'ERR_INFLATE_LIMIT',
  // CBOR and structures
  'ERR_CBOR',
  'ERR_CBOR_LIMIT',
  'ERR_STRUCTURE',
  'ERR_COSE_ALG',
  'ERR_KEY',
  // trust
  'ERR_UNKNOWN_ISSUER',
  'ERR_ISSUER_NOT_AUTHORISED',
  'ERR_ISSUER_KEY_RETIRED',
  'ERR_ISSUER_KEY_COMPROMISED',
  'ERR_TRUST_LIST',
  'ERR_TRUST_LIST_ROLLBACK',
  'ERR_TRUST_LIST_STALE',
  'ERR_TRUST_LIST_UNAVAILABLE',
  // signatures and validity
  'ERR_SIGNATURE',
  'ERR_NOT_YET_VALID',
  'ERR_EXPIRED',
  // status
  'ERR_REVOKED',
  'ERR_SUSPENDED',
  'ERR_STATUS_UNKNOWN',
  'ERR_STATUS_UNAVAILABLE',
  'ERR_STATUS_STALE',
  'ERR_STATUS_INDEX',
  // holder and presentation
  'ERR_HOLDER_SIGNATURE',
  'ERR_NOT_HOLDER',
  'ERR_STALE_PRESENTATION',
  'ERR_CHALLENGE',
  'ERR_AUDIENCE',
  'ERR_REPLAY',
  // ISO/IEC 18013-5 mdoc
  'ERR_MDOC_DIGEST',
  'ERR_MDOC_DOCTYPE',
  'ERR_MDOC_DEVICE_AUTH',
  'ERR_CERT_CHAIN',
  // relying party
  'ERR_POLICY',
  'ERR_REGION_NOT_ACCEPTED',
  // input validation (issuer side) and misuse
  'ERR_CLAIMS',
  'ERR_INVALID_ARGUMENT',
  'ERR_UNSUPPORTED',
  'ERR_STORAGE',
  'ERR_PASSPHRASE',
] as const;

/** The stable code of a {@link DeltaIdError}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Structured, non-personal details attached to an error (field names, limits, sizes). */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | undefined>>;

/**
 * The one error class of Delta ID.
 *
 * @example
 * ```ts
 * try { decodeBase45(text) } catch (err) {
 *   if (err instanceof DeltaIdError && err.code === 'ERR_BASE45') { … }
 * }
 * ```
 */
export class DeltaIdError<C extends ErrorCode = ErrorCode> extends Error {
  override readonly name = 'DeltaIdError';
  readonly code: C;
  readonly details: ErrorDetails;

  constructor(code: C, message: string, options: { cause?: unknown; details?: ErrorDetails } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details ?? {};
  }
}

/** True when `err` is a {@link DeltaIdError}, optionally with the given code. */
export function isDeltaIdError<C extends ErrorCode>(err: unknown, code?: C): err is DeltaIdError<C> {
  return err instanceof DeltaIdError && (code === undefined || err.code === code);
}
