import {
  type CryptoProvider,
  DeltaIdError,
  fromHex,
  isDeltaIdError,
  type PublicKeyHandle,
  type SignatureAlg,
  toHex,
} from '@deltaid/core';
import {
  createStatusCache,
  createTrustListRegistry,
  type OperatorAnchor,
  type TrustRegistry,
  type VerifiedTrustList,
  verifyListOfLists,
  verifyTrustList,
} from '@deltaid/trust';
import { createVerifier, type Policy, type PolicyPreset, type Verifier } from '@deltaid/verifier';

/** JSON form of a pinned anchor key (`trust/anchor.json`). */
export function anchorToJson(a: OperatorAnchor): unknown {
  return {
    kid: toHex(a.kid),
    alg: a.alg,
    publicKey: a.publicKey,
    ...(a.region === undefined ? {} : { region: a.region }),
  };
}

const REGIONS: readonly string[] = ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'];

export function anchorFromJson(v: unknown, source: string): OperatorAnchor {
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  if (
    typeof o.kid !== 'string' ||
    typeof o.alg !== 'string' ||
    typeof o.publicKey !== 'object' ||
    o.publicKey === null ||
    'd' in o.publicKey
  ) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      `${source}: an anchor needs kid (hex), alg and a public key (JWK without d), and optionally region`,
    );
  }
  if (o.region !== undefined && (typeof o.region !== 'string' || !REGIONS.includes(o.region))) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `${source}: region must be one of ${REGIONS.join(', ')}`);
  }
  return {
    kid: fromHex(o.kid),
    alg: o.alg as SignatureAlg,
    publicKey: o.publicKey as OperatorAnchor['publicKey'],
    ...(o.region === undefined ? {} : { region: o.region as OperatorAnchor['region'] & string }),
  };
}

/** What a desk has offline: pinned anchors, the signed lists and status list tokens it cached. */
export interface VerifierMaterial {
  readonly anchors: readonly OperatorAnchor[];
  /** Lists of lists and regional trust lists, in any order. */
  readonly lists: readonly Uint8Array[];
  readonly statusTokens: readonly Uint8Array[];
  readonly policy: Policy | PolicyPreset;
  readonly crypto: CryptoProvider;
  readonly clock: () => number;
  /** Told about every list that does not verify (and is therefore left out). */
  readonly onProblem?: (message: string) => void;
}

/** Verifies the lists offline (list of lists with a pinned anchor, then regional lists) into one registry. */
export async function loadTrustRegistry(
  m: Pick<VerifierMaterial, 'anchors' | 'lists' | 'crypto' | 'clock' | 'onProblem'>,
): Promise<TrustRegistry> {
  const now = Math.floor(m.clock() / 1000);
  // Regional lists verify only with region-bound keys: those the list of lists names, or pinned anchors that carry a
  // region. The joint anchor itself signs lists of lists, not regional lists.
  const regionalAnchors: OperatorAnchor[] = m.anchors.filter((a) => a.region !== undefined);
  const rest: Uint8Array[] = [];
  for (const bytes of m.lists) {
    const lol = await verifyListOfLists(bytes, { anchors: m.anchors, crypto: m.crypto, now });
    if (lol.ok) regionalAnchors.push(...lol.list.anchors);
    else rest.push(bytes);
  }
  const verified: VerifiedTrustList[] = [];
  const problems: string[] = [];
  for (const bytes of rest) {
    const r = await verifyTrustList(bytes, { anchors: regionalAnchors, crypto: m.crypto, now });
    if (r.ok) verified.push(r.list);
    else {
      problems.push(`${r.code}: ${r.reason}`);
      // A list that fails is left out; say so, or its issuers would only show up later as "unknown issuer".
      m.onProblem?.(`a trust list was ignored: ${r.code}: ${r.reason}`);
    }
  }
  if (verified.length === 0) {
    throw new DeltaIdError(
      'ERR_TRUST_LIST',
      `no trust list verified${problems.length ? `: ${problems.join('; ')}` : ''}`,
    );
  }
  return createTrustListRegistry(verified, { crypto: m.crypto, clock: m.clock });
}

/**
 * Builds a verifier from offline material: a list of lists verified with a pinned anchor yields the regional operator
 * keys; regional lists verify with those (or directly with pinned regional anchors); status list tokens verify with
 * the issuer keys of the resulting registry.
 */
export async function loadVerifierFromBytes(m: VerifierMaterial): Promise<Verifier> {
  const trust = await loadTrustRegistry(m);
  const status = createStatusCache({
    crypto: m.crypto,
    key: (kid) => keysForKid(trust, kid),
    now: () => new Date(m.clock()),
  });
  for (const token of m.statusTokens) {
    try {
      await status.add(token);
    } catch (err) {
      if (!isDeltaIdError(err)) throw err;
      m.onProblem?.(`a status list was ignored: ${err.code}: ${err.message}`);
    }
  }
  return createVerifier({ trust, status, policy: m.policy, clock: m.clock, crypto: m.crypto });
}

async function keysForKid(
  trust: TrustRegistry,
  kid: string | Uint8Array,
): Promise<PublicKeyHandle[] | undefined> {
  if (typeof kid === 'string') return undefined;
  const keys = await Promise.all(trust.candidates(kid).map((c) => c.key()));
  return keys.length > 0 ? keys : undefined;
}
