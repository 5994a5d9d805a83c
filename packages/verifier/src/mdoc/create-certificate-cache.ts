import type { CertificateCacheState } from './lib/certificates.js';

/** Reusable certificate work for {@link verifyDeviceResponse}: pass the same cache to every call. */
export type CertificateCache = CertificateCacheState;

/**
 * Creates a cache of parsed certificates and verified certificate signatures (at most 256 of each), so a
 * verifier that sees the same document signers again skips re-parsing and re-checking their chain
 * signatures. Validity periods are still checked on every call; only pure results are reused.
 *
 * @returns an empty cache.
 * @example
 * ```ts
 * const certificateCache = createCertificateCache();
 * await verifyDeviceResponse(bytes, { ...options, certificateCache });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.3.3
 */
export function createCertificateCache(): CertificateCache {
  return { parsed: new Map(), verified: new Map() };
}
