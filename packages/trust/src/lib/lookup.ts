import type { PublicKeyHandle } from '@deltaid/core';
import type {
  AcceptancePolicy,
  Candidate,
  LookupFailureCode,
  LookupQuery,
  LookupResult,
  ResolvedIssuer,
} from '../registry/types.js';
import type { IssuerEntry, TrustListWarning } from '../trust-list/types.js';

const NO_WARNINGS: readonly TrustListWarning[] = Object.freeze([]);

/** The policy of a registry that adds none: every region and document type the lists authorise. */
export const ACCEPT_ALL: AcceptancePolicy = { regions: 'all', docTypes: 'all', compromised: 'all' };

interface Refusal {
  readonly code: LookupFailureCode;
  readonly reason: string;
  /** How far the entry got through the checks; the deepest refusal is the one reported. */
  readonly depth: number;
}

/**
 * Checks one entry at the credential's issue time. Order: the verifier's region and document-type policy,
 * the list's authorisation, compromise, key validity, retirement. Boundaries: a key is valid for
 * `validFrom <= at <= validUntil`; retired or compromised at `T` refuses `at >= T`.
 */
export function refusal(
  entry: IssuerEntry,
  query: LookupQuery,
  policy: AcceptancePolicy,
): Refusal | undefined {
  if (policy.regions !== 'all' && !policy.regions.includes(entry.region)) {
    return { code: 'ERR_REGION_NOT_ACCEPTED', reason: `region ${entry.region} is not accepted`, depth: 1 };
  }
  const docType = query.docType;
  if (docType !== undefined && policy.docTypes !== 'all' && !policy.docTypes.includes(docType)) {
    return { code: 'ERR_POLICY', reason: `document type ${docType} is not accepted`, depth: 2 };
  }
  if (docType !== undefined && !entry.docTypes.includes(docType)) {
    return {
      code: 'ERR_ISSUER_NOT_AUTHORISED',
      reason: `${entry.issuerId} is not authorised for ${docType}`,
      depth: 3,
    };
  }
  const status = entry.status;
  if (status.state === 'compromised' && ((policy.compromised ?? 'all') === 'all' || query.at >= status.at)) {
    return { code: 'ERR_ISSUER_KEY_COMPROMISED', reason: `${entry.issuerId} key compromised`, depth: 4 };
  }
  if (query.at < entry.validFrom || query.at > entry.validUntil) {
    return {
      code: 'ERR_ISSUER_NOT_AUTHORISED',
      reason: `${entry.issuerId} key not valid at ${query.at}`,
      depth: 5,
    };
  }
  if (status.state === 'retired' && query.at >= status.at) {
    return {
      code: 'ERR_ISSUER_KEY_RETIRED',
      reason: `${entry.issuerId} key retired at ${status.at}`,
      depth: 6,
    };
  }
  return undefined;
}

function refuseCandidate(c: Candidate, query: LookupQuery, policy: AcceptancePolicy): Refusal | undefined {
  const r = refusal(c.issuer, query, policy);
  if (r !== undefined) return r;
  // Checked last: the entry would be acceptable, so the list's staleness is the real reason.
  const blocked = c.source.blocked();
  return blocked === undefined ? undefined : { ...blocked, depth: 7 };
}

/**
 * The lookup every registry shares: filter the candidates for `kid`, import the acceptable ones (cached by
 * the candidate), and on a `kid` collision try each with `query.verify` rather than picking the first.
 */
export async function lookupCandidates(
  candidates: readonly Candidate[],
  query: LookupQuery,
  policy: AcceptancePolicy,
): Promise<LookupResult> {
  if (candidates.length === 0) {
    return { ok: false, code: 'ERR_UNKNOWN_ISSUER', reason: 'no issuer key with this kid' };
  }
  let worst: Refusal | undefined;
  const accepted: Candidate[] = [];
  for (const c of candidates) {
    const r = refuseCandidate(c, query, policy);
    if (r === undefined) accepted.push(c);
    else if (worst === undefined || r.depth > worst.depth) worst = r;
  }
  if (accepted.length === 0) {
    // `worst` is set: there was at least one candidate and each was refused.
    const w = worst ?? { code: 'ERR_UNKNOWN_ISSUER' as const, reason: 'no acceptable key' };
    return { ok: false, code: w.code, reason: w.reason };
  }
  const resolved: ResolvedIssuer[] = [];
  let warnings: readonly TrustListWarning[] = NO_WARNINGS;
  for (const c of accepted) {
    let key: PublicKeyHandle;
    try {
      // Warm path: the handle is already imported; skip a microtask per lookup.
      const k = c.key();
      key = k instanceof Promise ? await k : k;
    } catch {
      // The operator signed a key the provider cannot import; it vouches for nothing.
      continue;
    }
    const r: ResolvedIssuer = { issuer: c.issuer, key };
    if (query.verify !== undefined) {
      if (await query.verify(key)) return { ok: true, ...r, candidates: [r], warnings: c.source.warnings() };
      continue;
    }
    resolved.push(r);
    const w = c.source.warnings();
    if (w.length > 0) warnings = [...new Set([...warnings, ...w])];
  }
  const first = resolved[0];
  if (first === undefined) {
    return query.verify !== undefined
      ? { ok: false, code: 'ERR_SIGNATURE', reason: 'no candidate key verifies the signature' }
      : { ok: false, code: 'ERR_UNKNOWN_ISSUER', reason: 'no candidate key could be imported' };
  }
  return {
    ok: true,
    issuer: first.issuer,
    key: first.key,
    candidates: resolved,
    warnings,
  };
}
