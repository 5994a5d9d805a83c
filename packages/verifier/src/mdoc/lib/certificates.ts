import { equalBytes, type PublicKeyHandle, toHex, type Verifies } from '@deltaid/core';
import { type ParsedCertificate, parseCertificate } from '@deltaid/trust';

/**
 * What a verifier remembers between calls about certificates: parsed DER, and certificate signatures
 * already found valid. Both are pure functions of their inputs (validity times are still checked on
 * every call), so reusing them changes no verdict, only the cost.
 */
export interface CertificateCacheState {
  readonly parsed: Map<string, ParsedCertificate>;
  /** signature hex → the signed bytes and the signer key's coordinates that verified it. */
  readonly verified: Map<string, { readonly data: Uint8Array; readonly key: string }>;
}

// A cache that never stops growing is a memory leak fed by untrusted input; past this size it restarts.
const MAX_ENTRIES = 256;

function put<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, value);
}

export function parseCached(der: Uint8Array, cache: CertificateCacheState | undefined): ParsedCertificate {
  if (cache === undefined) return parseCertificate(der);
  const key = toHex(der);
  const hit = cache.parsed.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseCertificate(der);
  put(cache.parsed, key, parsed);
  return parsed;
}

/** A `Verifies` that remembers positive results, for the certificate chain check only. */
export function memoVerifies(crypto: Verifies, cache: CertificateCacheState | undefined): Verifies {
  if (cache === undefined) return crypto;
  return {
    importPublicKey: (alg, jwk, options) => crypto.importPublicKey(alg, jwk, options),
    importRawPublicKey: (alg, raw, options) => crypto.importRawPublicKey(alg, raw, options),
    async verify(key: PublicKeyHandle, data: Uint8Array, signature: Uint8Array) {
      const id = `${key.alg}:${key.jwk.crv}:${key.jwk.x}:${key.jwk.y ?? ''}`;
      const sig = toHex(signature);
      const hit = cache.verified.get(sig);
      if (hit !== undefined && hit.key === id && equalBytes(hit.data, data)) return true;
      const ok = await crypto.verify(key, data, signature);
      if (ok) put(cache.verified, sig, { data: data.slice(), key: id });
      return ok;
    },
  };
}
