import { DeltaIdError, isDeltaIdError, type PublicJwk } from '@deltaid/core';
import type { StatusListKey, StatusListToken, VerifyStatusListOptions } from '../status-list/types.js';
import { verifyStatusListToken } from '../status-list/verify-status-list-token.js';
import { createMemoryStatusStorage } from './create-memory-status-storage.js';
import { decide, type HeldList, lifetime, type Policy } from './lib/decide.js';
import { decodeRecord, encodeRecord } from './lib/record.js';
import type {
  StatusCache,
  StatusCacheOptions,
  StatusCheckResult,
  StatusListSource,
  StatusQuery,
  StatusRefreshReport,
} from './types.js';

const DEFAULT_MAX_TOKEN_BYTES = 4 * 1024 * 1024;
const HTTP = /^https?:\/\//i;

/**
 * Creates the verifier's status-list cache. It holds verified, decoded lists in memory (a check is a
 * map lookup plus a shift and a mask), keeps the last good copy of each token in `storage` for offline
 * use, and, when a fetch or file reader is injected, refreshes a list once its `ttl` has run out. A
 * failed refresh keeps the copy it has; a token older (`iat`) than the held one is refused, so a replayed
 * list cannot undo a revocation. What a missing, expired or stale list means is the policy's choice.
 *
 * Every token read, from the network, a file or storage, is verified again with the issuer's key
 * (signature, `typ`, `sub` equal to the list's URI, `exp`) before it is used.
 *
 * @param options - provider, issuer key or resolver, clock, storage, fetch/readFile, followed lists, policy.
 * @returns the cache.
 * @throws nothing itself; `check` returns results as data with the codes `ERR_REVOKED`, `ERR_SUSPENDED`,
 *   `ERR_STATUS_UNKNOWN`, `ERR_STATUS_UNAVAILABLE`, `ERR_STATUS_STALE`, `ERR_STATUS_INDEX`; `add` throws the
 *   verification codes of `verifyStatusListToken`.
 * @example
 * ```ts
 * const cache = createStatusCache({ crypto, key: resolveStatusKey, now: () => new Date(), fetch,
 *   policy: { unavailable: 'reject', stale: 'warn' } })
 * const r = await cache.check({ uri: status.status_list.uri, index: status.status_list.idx })
 * if (!r.ok) refuse(r.code)
 * ```
 * @see draft-ietf-oauth-status-list §8.3 (validation), §13.7 (caching), §11 (privacy: whole lists are fetched)
 */
export function createStatusCache(options: StatusCacheOptions): StatusCache {
  const storage = options.storage ?? createMemoryStatusStorage();
  const policy: Policy = {
    unavailable: options.policy?.unavailable ?? 'reject',
    stale: options.policy?.stale ?? 'reject',
  };
  const maxTokenBytes = options.maxTokenBytes ?? DEFAULT_MAX_TOKEN_BYTES;
  const retryAfter = options.retryAfterSeconds ?? 60;
  const sources = new Map<string, StatusListSource>();
  const aliases = new Map<string, string>();
  for (const source of options.lists ?? []) {
    sources.set(source.uri, source);
    if (source.listId !== undefined) aliases.set(source.listId, source.uri);
  }
  const held = new Map<string, HeldList>();
  const restored = new Set<string>();
  const nextAttempt = new Map<string, number>();
  const inflight = new Map<string, Promise<StatusRefreshReport>>();

  const nowSeconds = (): number => options.now().getTime() / 1000;

  function verifyOptions(uri: string | undefined): VerifyStatusListOptions {
    return {
      crypto: options.crypto,
      now: options.now(),
      ...(uri === undefined ? {} : { uri }),
      ...(options.clockToleranceSeconds === undefined
        ? {}
        : { clockToleranceSeconds: options.clockToleranceSeconds }),
      ...(options.maxListBytes === undefined ? {} : { maxListBytes: options.maxListBytes }),
      maxTokenBytes,
    };
  }

  function keyFor(uri: string | undefined): StatusListKey {
    return (uri === undefined ? undefined : sources.get(uri)?.key) ?? options.key;
  }

  /** Verifies, refuses rollbacks, holds and persists. */
  async function accept(
    token: Uint8Array | string,
    fetchedAt: number,
    uri: string | undefined,
    persist: boolean,
  ): Promise<StatusListToken> {
    const verified = await verifyStatusListToken(token, keyFor(uri), verifyOptions(uri));
    const current = held.get(verified.sub);
    if (current !== undefined && verified.iat < current.token.iat) {
      throw new DeltaIdError('ERR_TRUST_LIST_ROLLBACK', 'status list token is older than the one held', {
        details: { held: current.token.iat, offered: verified.iat },
      });
    }
    held.set(verified.sub, { token: verified, fetchedAt });
    if (persist) await storage.set(verified.sub, encodeRecord({ token, fetchedAt }));
    return verified;
  }

  async function restore(uri: string): Promise<void> {
    if (restored.has(uri)) return;
    restored.add(uri);
    let bytes: Uint8Array | undefined;
    try {
      bytes = await storage.get(uri);
    } catch {
      return;
    }
    const record = bytes === undefined ? undefined : decodeRecord(bytes, maxTokenBytes);
    if (record === undefined) return;
    try {
      await accept(record.token, record.fetchedAt, uri, false);
    } catch {
      // An expired, tampered or foreign copy in storage is simply not used: the list reads as unavailable.
    }
  }

  async function load(location: string): Promise<Uint8Array> {
    if (HTTP.test(location)) {
      if (options.fetch === undefined)
        throw new DeltaIdError('ERR_STATUS_UNAVAILABLE', 'no fetch to load the list');
      const response = await options.fetch(location);
      if (!response.ok) {
        throw new DeltaIdError(
          'ERR_STATUS_UNAVAILABLE',
          `status list fetch failed with HTTP ${response.status}`,
          {
            details: { status: response.status },
          },
        );
      }
      const declared = Number(response.headers?.get('content-length') ?? Number.NaN);
      if (declared > maxTokenBytes) {
        throw new DeltaIdError('ERR_CBOR_LIMIT', 'status list token too large', {
          details: { maxTokenBytes },
        });
      }
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.length > maxTokenBytes) {
        throw new DeltaIdError('ERR_CBOR_LIMIT', 'status list token too large', {
          details: { maxTokenBytes },
        });
      }
      return bytes;
    }
    if (options.readFile === undefined) {
      throw new DeltaIdError('ERR_STATUS_UNAVAILABLE', 'no file reader to load the list');
    }
    return options.readFile(location);
  }

  function canLoad(uri: string): boolean {
    const location = sources.get(uri)?.location ?? uri;
    return HTTP.test(location) ? options.fetch !== undefined : options.readFile !== undefined;
  }

  function refreshOne(uri: string): Promise<StatusRefreshReport> {
    const running = inflight.get(uri);
    if (running !== undefined) return running;
    const task = (async (): Promise<StatusRefreshReport> => {
      try {
        const bytes = await load(sources.get(uri)?.location ?? uri);
        const token = await accept(bytes, nowSeconds(), uri, true);
        nextAttempt.delete(uri);
        return { uri, ok: true, iat: token.iat };
      } catch (err) {
        nextAttempt.set(uri, nowSeconds() + retryAfter);
        const iat = held.get(uri)?.token.iat;
        return {
          uri,
          ok: false,
          code: isDeltaIdError(err) ? err.code : 'ERR_STATUS_UNAVAILABLE',
          ...(iat === undefined ? {} : { iat }),
        };
      } finally {
        inflight.delete(uri);
      }
    })();
    inflight.set(uri, task);
    return task;
  }

  function due(uri: string, atSeconds: number): boolean {
    const current = held.get(uri);
    if (current !== undefined) {
      const expired = current.token.exp !== undefined && current.token.exp <= atSeconds;
      const ttl = lifetime(current, options.defaultTtlSeconds);
      if (!expired && (ttl === undefined || atSeconds < current.fetchedAt + ttl)) return false;
    }
    const next = nextAttempt.get(uri);
    if (next !== undefined && atSeconds < next) return false;
    return canLoad(uri);
  }

  function uriOf(query: StatusQuery): string | undefined {
    return query.uri ?? (query.listId === undefined ? undefined : aliases.get(query.listId));
  }

  function checkCached(query: StatusQuery): StatusCheckResult {
    const uri = uriOf(query);
    const at = (query.at ?? options.now()).getTime() / 1000;
    const entry = uri === undefined ? undefined : held.get(uri);
    if (
      entry !== undefined &&
      query.signers !== undefined &&
      !query.signers.some((k) => sameKey(k, entry.token.signer))
    ) {
      return {
        ok: false,
        code: 'ERR_STATUS_UNAVAILABLE',
        uri,
        index: query.index,
        message: 'the cached status list is not signed by the credential issuer',
      };
    }
    return decide(entry, uri, query.index, at, policy, options.defaultTtlSeconds);
  }

  return {
    async check(query) {
      const uri = uriOf(query);
      if (uri !== undefined) {
        await restore(uri);
        if (due(uri, nowSeconds())) await refreshOne(uri);
      }
      return checkCached(query);
    },
    checkCached,
    async refresh(uri) {
      const targets = uri === undefined ? [...sources.keys()] : [uri];
      return Promise.all(
        targets.map(async (target) => {
          await restore(target);
          return refreshOne(target);
        }),
      );
    },
    async add(token) {
      return accept(token, nowSeconds(), undefined, true);
    },
    get(uri) {
      return held.get(uri)?.token;
    },
  };
}

function sameKey(a: PublicJwk, b: PublicJwk): boolean {
  return a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}
