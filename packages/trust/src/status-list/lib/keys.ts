import { DeltaIdError, type PublicKeyHandle, type SignatureAlg } from '@deltaid/core';
import type { StatusListKey } from '../types.js';

function toList(found: PublicKeyHandle | readonly PublicKeyHandle[] | undefined): readonly PublicKeyHandle[] {
  if (found === undefined) return [];
  // `Array.isArray` does not narrow readonly arrays; the `alg` field tells the two shapes apart.
  return 'alg' in found ? [found] : found;
}

/**
 * Tries every candidate key whose algorithm matches the header's, so a shared `kid` never makes the
 * verifier pick the wrong key (trust issue: collisions are resolved by trying each).
 */
export async function verifyWithCandidates(
  key: StatusListKey,
  ref: { readonly kid?: string | Uint8Array | undefined; readonly iss?: string | undefined },
  alg: SignatureAlg,
  verify: (candidate: PublicKeyHandle) => Promise<boolean>,
): Promise<PublicKeyHandle> {
  let candidates: readonly PublicKeyHandle[];
  if (typeof key === 'function') {
    const id = ref.kid ?? ref.iss;
    if (id === undefined) {
      throw new DeltaIdError('ERR_UNKNOWN_ISSUER', 'status list token names neither kid nor iss');
    }
    candidates = toList(await key(id));
    if (candidates.length === 0) {
      throw new DeltaIdError('ERR_UNKNOWN_ISSUER', 'no key known for the status list token issuer');
    }
  } else {
    candidates = [key];
  }
  let algMatched = false;
  for (const candidate of candidates) {
    if (candidate.alg !== alg) continue;
    algMatched = true;
    if (await verify(candidate)) return candidate;
  }
  throw new DeltaIdError(
    'ERR_SIGNATURE',
    algMatched ? 'status list token signature does not verify' : 'no key for the token algorithm',
    { details: { alg } },
  );
}
