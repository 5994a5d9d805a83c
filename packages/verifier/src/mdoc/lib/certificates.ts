import { toHex } from '@deltaid/core';
import { type ParsedCertificate, parseCertificate } from '@deltaid/trust';

/** Parsed certificates by DER hex. Parsing is a fixed cost per certificate; a verifier reuses the results. */
export type CertificateCache = Map<string, ParsedCertificate>;

// A cache that never stops growing is a memory leak fed by untrusted input; past this size it restarts.
const MAX_ENTRIES = 256;

export function parseCached(der: Uint8Array, cache: CertificateCache | undefined): ParsedCertificate {
  if (cache === undefined) return parseCertificate(der);
  const key = toHex(der);
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const parsed = parseCertificate(der);
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, parsed);
  return parsed;
}
