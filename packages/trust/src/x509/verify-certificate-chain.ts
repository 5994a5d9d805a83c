import { equalBytes, type Verifies } from '@deltaid/core';
import { certSignatureAlg, type ParsedCertificate } from './parse-certificate.js';

/** Why a certificate chain is refused (from `verifyCertificateChain`). */
export type ChainFailure = {
  readonly code: 'ERR_SIGNATURE' | 'ERR_EXPIRED' | 'ERR_NOT_YET_VALID' | 'ERR_UNKNOWN_ISSUER';
  readonly reason: string;
};

/** True when `issuer`'s key signed `cert` (name chaining plus the signature over `tbsCertificate`). */
export async function issuedBy(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  crypto: Verifies,
): Promise<boolean> {
  if (!equalBytes(cert.issuer, issuer.subject)) return false;
  if (cert.authorityKeyId !== undefined && issuer.subjectKeyId !== undefined) {
    if (!equalBytes(cert.authorityKeyId, issuer.subjectKeyId)) return false;
  }
  const pk = issuer.publicKey;
  if (pk === undefined) return false;
  const alg = certSignatureAlg(cert.signatureAlgorithm, pk.alg);
  if (alg === undefined) return false;
  const key = await crypto.importPublicKey(alg, pk.jwk);
  return crypto.verify(key, cert.tbs, cert.signature);
}

function validity(cert: ParsedCertificate, at: number, what: string): ChainFailure | undefined {
  if (at < cert.notBefore)
    return { code: 'ERR_NOT_YET_VALID', reason: `${what} not valid before ${cert.notBefore}` };
  if (at > cert.notAfter) return { code: 'ERR_EXPIRED', reason: `${what} expired at ${cert.notAfter}` };
  return undefined;
}

/**
 * Checks a certificate chain against pinned anchors at time `at` (RFC 5280 §6.1, reduced to what pinned
 * anchors need): each certificate valid at `at` and signed by the next (issuer Name = subject, AKI = SKI
 * when both exist), every issuer a CA (cA and, when present, keyCertSign), and the top either one of the
 * anchors byte for byte or signed by one (itself a CA valid at `at`). No name constraints or policies.
 *
 * @param chain - parsed certificates, leaf first (x5chain order).
 * @param anchors - parsed trust anchors (IACA roots, a pinned signer).
 * @param at - epoch seconds.
 * @param crypto - `importPublicKey` and `verify` of a provider.
 * @returns `undefined` when the chain holds, else `{ code, reason }` with `ERR_EXPIRED`,
 *   `ERR_NOT_YET_VALID`, `ERR_SIGNATURE` (a link does not verify) or `ERR_UNKNOWN_ISSUER` (not a CA, or
 *   no pinned anchor at the top).
 * @example
 * ```ts
 * const problem = await verifyCertificateChain([ds], [iaca], now, crypto);
 * if (problem) return { ok: false, code: problem.code };
 * ```
 * @see RFC 5280 §6.1; ISO/IEC 18013-5:2021 §9.3.3
 */
export async function verifyChain(
  chain: readonly ParsedCertificate[],
  anchors: readonly ParsedCertificate[],
  at: number,
  crypto: Verifies,
): Promise<ChainFailure | undefined> {
  if (chain.length === 0) return { code: 'ERR_UNKNOWN_ISSUER', reason: 'empty certificate chain' };
  for (const [i, cert] of chain.entries()) {
    const bad = validity(cert, at, `chain[${i}]`);
    if (bad !== undefined) return bad;
    const next = chain[i + 1];
    if (next === undefined) break;
    if (!next.isCA || next.keyCertSign === false) {
      return { code: 'ERR_UNKNOWN_ISSUER', reason: `chain[${i + 1}] is not a CA` };
    }
    if (!(await issuedBy(cert, next, crypto))) {
      return { code: 'ERR_SIGNATURE', reason: `chain[${i}] is not signed by chain[${i + 1}]` };
    }
  }
  const top = chain[chain.length - 1]!;
  for (const anchor of anchors) {
    if (equalBytes(top.der, anchor.der)) return undefined;
  }
  for (const anchor of anchors) {
    if (!anchor.isCA || anchor.keyCertSign === false) continue;
    if (await issuedBy(top, anchor, crypto)) return validity(anchor, at, 'anchor');
  }
  return { code: 'ERR_UNKNOWN_ISSUER', reason: 'the chain does not end at a pinned anchor' };
}
