/**
 * A small bounded LRU used to remember imported keys, so a verifier that sees the same issuer key on every
 * scan parses and validates it once (DESIGN.md "Verifier keys are imported once and cached"). Bounded so that
 * a stream of attacker-chosen keys cannot grow memory. Internal.
 */

/** Default capacity: far above the number of issuer keys in the four regional trust lists. */
export const DEFAULT_KEY_CACHE_SIZE = 512;

export interface KeyCache<V> {
  get(id: string): V | undefined;
  set(id: string, value: V): void;
}

export function createKeyCache<V>(capacity = DEFAULT_KEY_CACHE_SIZE): KeyCache<V> {
  const entries = new Map<string, V>();
  return {
    get(id) {
      const value = entries.get(id);
      if (value !== undefined) {
        // Re-insert so Map's insertion order doubles as recency order.
        entries.delete(id);
        entries.set(id, value);
      }
      return value;
    },
    set(id, value) {
      entries.delete(id);
      entries.set(id, value);
      if (entries.size > capacity) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
  };
}

/**
 * The cache identity of an imported public key: everything that changes the handle (algorithm, JWK fields
 * the handle keeps, and SM2's distinguishing ID, which changes Z). Uses the caller's strings as given; a
 * non-canonical JWK simply misses the cache and is refused by the import that follows.
 */
export function publicKeyCacheId(alg: string, jwk: unknown, userIdHex: string): string | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const parts: unknown[] = [alg];
  for (const name of ['kty', 'crv', 'x', 'y', 'kid']) parts.push(Reflect.get(jwk, name));
  for (const p of parts) if (p !== undefined && typeof p !== 'string') return undefined;
  return JSON.stringify([...parts, userIdHex]);
}
