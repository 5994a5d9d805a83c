import type { PublicJwk, Verifies } from '@deltaid/core';
import type { StatusListKey, StatusListToken } from '../status-list/types.js';

/**
 * Where the cache keeps the last good copy of each token, for offline use. Values are opaque bytes;
 * the cache re-verifies what it reads back, so storage need not be trusted for integrity.
 * Adapters: `createMemoryStatusStorage` (here), a file adapter for Node
 * (`status-cache/file-storage`), IndexedDB or app storage behind the same two methods.
 */
export interface StatusCacheStorage {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
}

/** What a missing (or expired) list, or a stale one, means for a credential: refuse, accept with a warning, or accept. */
export type StatusPolicy = 'reject' | 'warn' | 'accept';

/** The part of `fetch` the cache uses. Injected: nothing reaches the network on its own. */
export type FetchLike = (url: string) => Promise<{
  readonly ok: boolean;
  readonly status: number;
  readonly headers?: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Reads a file's bytes (Node: `readFileBytes` from the file-storage module). */
export type ReadBytes = (path: string) => Promise<Uint8Array>;

/** A list the cache follows. */
export interface StatusListSource {
  /** The list's URI (`sub`), as Referenced Tokens name it. */
  readonly uri: string;
  /** A short alias for {@link StatusCache.check} (e.g. the issuer's list number). */
  readonly listId?: string;
  /** Where to load it: an `http(s)://` URL (through `fetch`) or a file path (through `readFile`). Default: `uri`. */
  readonly location?: string;
  /** The key for this list, overriding the cache-wide one. */
  readonly key?: StatusListKey;
}

/** Options for `createStatusCache`. */
export interface StatusCacheOptions {
  readonly crypto: Verifies;
  /** The issuers' status-list key, or a resolver (e.g. backed by the trust registry) called with `kid` or `iss`. */
  readonly key: StatusListKey;
  /** The clock. */
  readonly now: () => Date;
  /** Where last good copies live; default in memory. */
  readonly storage?: StatusCacheStorage;
  readonly fetch?: FetchLike;
  readonly readFile?: ReadBytes;
  readonly lists?: readonly StatusListSource[];
  /** Default `{ unavailable: 'reject', stale: 'reject' }`. */
  readonly policy?: { readonly unavailable?: StatusPolicy; readonly stale?: StatusPolicy };
  /** Cache lifetime for tokens without `ttl`; absent: such a token is never stale before its `exp`. */
  readonly defaultTtlSeconds?: number;
  /** After a failed refresh, wait this long before trying again (default 60 s). */
  readonly retryAfterSeconds?: number;
  readonly clockToleranceSeconds?: number;
  readonly maxListBytes?: number;
  readonly maxTokenBytes?: number;
}

/** The codes a status check can produce. */
export type StatusCheckCode =
  | 'ERR_REVOKED'
  | 'ERR_SUSPENDED'
  | 'ERR_STATUS_UNKNOWN'
  | 'ERR_STATUS_UNAVAILABLE'
  | 'ERR_STATUS_STALE'
  | 'ERR_STATUS_INDEX';

/** What to check: the Referenced Token's `status_list` (`uri`, `idx`) or a list alias. */
export type StatusQuery = (
  | { readonly uri: string; readonly listId?: undefined }
  | { readonly listId: string; readonly uri?: undefined }
) & {
  readonly index: number;
  /** The time of the check; default `now()`. */
  readonly at?: Date;
  /**
   * Keys allowed to have signed this list: the credential issuer's status-list key from its trust entry. A list
   * signed by any other key — even another trusted issuer's — answers nothing (`ERR_STATUS_UNAVAILABLE`).
   */
  readonly signers?: readonly PublicJwk[];
};

/** A status check result, as data. */
export type StatusCheckResult =
  | {
      readonly ok: true;
      readonly uri: string;
      readonly index: number;
      /** The value read, or `undefined` when no list was available and the policy accepted that. */
      readonly status: number | undefined;
      /** Codes the policy turned into warnings (`ERR_STATUS_STALE`, `ERR_STATUS_UNAVAILABLE`). */
      readonly warnings: readonly StatusCheckCode[];
    }
  | {
      readonly ok: false;
      readonly code: StatusCheckCode;
      readonly uri: string | undefined;
      readonly index: number;
      readonly status?: number;
      readonly message: string;
    };

/** The outcome of refreshing one list. */
export interface StatusRefreshReport {
  readonly uri: string;
  readonly ok: boolean;
  /** Error code of a failed load or verification (`ERR_SIGNATURE`, `ERR_EXPIRED`, `ERR_STATUS_UNAVAILABLE` …). */
  readonly code?: string;
  /** `iat` of the copy now held, if any. */
  readonly iat?: number;
}

/** A verifier-side cache of status lists. */
export interface StatusCache {
  /** Makes sure the list is loaded (memory, then storage, then its source when due) and checks `index`. */
  check(query: StatusQuery): Promise<StatusCheckResult>;
  /** Checks against what is in memory only: no I/O, a map lookup plus a shift and a mask. */
  checkCached(query: StatusQuery): StatusCheckResult;
  /** Refreshes one list, or every followed list, from its source; a failure keeps the last good copy. */
  refresh(uri?: string): Promise<readonly StatusRefreshReport[]>;
  /**
   * Verifies a token obtained by other means (with the cache-wide `key`) and keeps and persists it unless
   * a newer copy is held (`ERR_TRUST_LIST_ROLLBACK`).
   */
  add(token: Uint8Array | string): Promise<StatusListToken>;
  /** The verified token currently held for a URI. */
  get(uri: string): StatusListToken | undefined;
}
