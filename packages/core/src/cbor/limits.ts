/** Bounds applied to every CBOR decode. Each breach fails with `ERR_CBOR_LIMIT`, never a hang or a big allocation. */
export interface CborLimits {
  /** Maximum input length in bytes. */
  readonly maxBytes: number;
  /** Maximum nesting depth of arrays, maps and tags. */
  readonly maxDepth: number;
  /** Maximum number of data items (every head counts once). */
  readonly maxItems: number;
  /** Maximum length in bytes of one byte or text string. */
  readonly maxStringBytes: number;
}

/** Generous defaults for documents such as trust lists; the verifier uses {@link QR_CBOR_LIMITS}. */
export const DEFAULT_CBOR_LIMITS: CborLimits = Object.freeze({
  maxBytes: 4 * 1024 * 1024,
  maxDepth: 24,
  maxItems: 200_000,
  maxStringBytes: 2 * 1024 * 1024,
});

/** Tight limits for what a QR code can carry (version 40 holds < 3 KiB of binary). */
export const QR_CBOR_LIMITS: CborLimits = Object.freeze({
  maxBytes: 8 * 1024,
  maxDepth: 12,
  maxItems: 1024,
  maxStringBytes: 4 * 1024,
});
