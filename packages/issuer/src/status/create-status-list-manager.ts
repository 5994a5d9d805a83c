import { DeltaIdError, type Randomness } from '@deltaid/core';
import {
  createStatusList,
  getStatus,
  STATUS,
  type StatusList,
  type StatusListBits,
  type StatusListSigner,
  setStatus,
  signStatusListCwt,
  signStatusListJwt,
} from '@deltaid/trust';
import {
  type AllocationMap,
  allocationMap,
  isAllocated,
  mark,
  pickFreeIndex,
  pooled,
  unmark,
} from './lib/allocate.js';
import type { StatusListInfo, StatusListRecord, StatusListStorage, StatusReference } from './types.js';

/** Options for {@link createStatusListManager}. */
export interface StatusListManagerOptions {
  readonly storage: StatusListStorage;
  /** Source of the random indexes. */
  readonly random: Randomness;
  readonly now: () => Date;
  /** The issuer's status-list signing key. */
  readonly signer: StatusListSigner;
  /** The URI of list `listId`, e.g. `` (n) => `https://status.police.sh.example/lists/${n}` ``. */
  readonly uriOf: (listId: number) => string;
  /** Entries of a new list; default 1,000,000 (a province). */
  readonly defaultSize?: number;
  /** Bits per entry of a new list; default 2 (valid, invalid, suspended). */
  readonly defaultBits?: StatusListBits;
  /** `ttl` of published tokens; default 3600 s. */
  readonly ttlSeconds?: number;
  /** `exp` − `iat` of published tokens; default 7 days, so offline verifiers keep a usable copy. */
  readonly validitySeconds?: number;
}

/** A signed Status List Token ready to publish. */
export interface PublishedStatusList {
  readonly listId: number;
  readonly uri: string;
  readonly format: 'cwt' | 'jwt';
  readonly token: Uint8Array | string;
  readonly iat: number;
  readonly exp: number;
  readonly ttl: number;
  /** The list revision the token reflects. */
  readonly revision: number;
}

/** The issuer's status lists: allocation, status changes and publication. */
export interface StatusListManager {
  /** Creates a list (next free number unless given). */
  createList(options?: {
    readonly listId?: number;
    readonly size?: number;
    readonly bits?: StatusListBits;
  }): Promise<StatusListInfo>;
  /** Allocates a random unused index, in the given list or the lowest-numbered list with room (a new list when all are full). */
  allocate(options?: { readonly listId?: number }): Promise<StatusReference>;
  /** Allocates `count` indexes with one save (for batch issuance). */
  allocateMany(count: number, options?: { readonly listId?: number }): Promise<readonly StatusReference[]>;
  /** Sets INVALID (1). Final: a revoked entry cannot be suspended or reinstated. */
  revoke(ref: Pick<StatusReference, 'listId' | 'index'>): Promise<void>;
  /** Sets SUSPENDED (2); needs bits ≥ 2. */
  suspend(ref: Pick<StatusReference, 'listId' | 'index'>): Promise<void>;
  /** Sets a suspended entry back to VALID (0). */
  reinstate(ref: Pick<StatusReference, 'listId' | 'index'>): Promise<void>;
  /** The current value of an allocated entry. */
  status(ref: Pick<StatusReference, 'listId' | 'index'>): Promise<number>;
  /** Signs the current state of a list. */
  publish(listId: number, options?: { readonly format?: 'cwt' | 'jwt' }): Promise<PublishedStatusList>;
  /** The lists held. */
  lists(): Promise<readonly StatusListInfo[]>;
}

interface ListState {
  readonly listId: number;
  readonly uri: string;
  readonly size: number;
  readonly list: StatusList;
  readonly alloc: AllocationMap;
  revision: number;
}

function info(s: ListState): StatusListInfo {
  return {
    listId: s.listId,
    uri: s.uri,
    bits: s.list.bits,
    size: s.size,
    allocated: s.alloc.count,
    revision: s.revision,
  };
}

function record(s: ListState, revision: number): StatusListRecord {
  return {
    listId: s.listId,
    uri: s.uri,
    bits: s.list.bits,
    size: s.size,
    statuses: s.list.bytes,
    allocated: s.alloc.bitmap,
    allocatedCount: s.alloc.count,
    revision,
  };
}

/**
 * Creates the issuer's status-list manager (draft-ietf-oauth-status-list §13.3 "Mitigation of Linkability",
 * §12.7 "Status List index reuse"). Indexes are drawn uniformly at random among the unused ones of a
 * list — never sequentially, so an index reveals nothing about issuance order — and an index is handed
 * out only once its allocation has been saved; allocations are never released, so no index is reused.
 * Operations run one at a time; each change is saved through `storage` before it is reported done, and
 * rolled back in memory when the save fails.
 *
 * @param options - storage, randomness, clock, signer, list URIs, defaults.
 * @returns the manager.
 * @throws from its methods: DeltaIdError `ERR_STORAGE` (storage failed or damaged), `ERR_STATUS_INDEX`
 *   (index outside the list, list full), `ERR_INVALID_ARGUMENT` (unknown list, index not allocated,
 *   reinstating or suspending a revoked entry), `ERR_UNSUPPORTED` (suspending in a 1-bit list).
 * @example
 * ```ts
 * const manager = createStatusListManager({
 *   storage: createFileStatusListStorage({ dir: './status' }), random: crypto, now: () => new Date(),
 *   signer: { key, crypto, kid }, uriOf: (n) => `https://status.police.sh.example/lists/${n}`,
 * })
 * const ref = await manager.allocate()        // { listId: 1, index: 733019, uri }
 * await manager.revoke(ref)
 * const { token } = await manager.publish(ref.listId)
 * ```
 * @see draft-ietf-oauth-status-list §13.3, §12.7, §5
 */
export function createStatusListManager(options: StatusListManagerOptions): StatusListManager {
  const { storage, random } = options;
  const defaultSize = options.defaultSize ?? 1_000_000;
  const defaultBits = options.defaultBits ?? 2;
  const ttl = options.ttlSeconds ?? 3600;
  const validity = options.validitySeconds ?? 7 * 24 * 3600;
  const states = new Map<number, ListState>();
  let loaded: Promise<void> | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  function loadAll(): Promise<void> {
    loaded ??= (async () => {
      for (const listId of await storage.listIds()) {
        const r = await storage.load(listId);
        if (r === undefined) continue;
        states.set(listId, {
          listId,
          uri: r.uri,
          size: r.size,
          list: { bits: r.bits, bytes: r.statuses, size: (r.statuses.length * 8) / r.bits },
          alloc: allocationMap(r.allocated, r.size),
          revision: r.revision,
        });
      }
    })().catch((err: unknown) => {
      loaded = undefined;
      throw err;
    });
    return loaded;
  }

  async function save(s: ListState, undo: () => void): Promise<void> {
    try {
      await storage.save(record(s, s.revision + 1));
    } catch (err) {
      undo();
      throw err instanceof DeltaIdError
        ? err
        : new DeltaIdError('ERR_STORAGE', 'saving failed', { cause: err });
    }
    s.revision += 1;
  }

  function stateOf(listId: number): ListState {
    const s = states.get(listId);
    if (s === undefined) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', `no status list ${listId}`, { details: { listId } });
    }
    return s;
  }

  async function create(
    o: { readonly listId?: number; readonly size?: number; readonly bits?: StatusListBits } = {},
  ): Promise<ListState> {
    const listId = o.listId ?? Math.max(0, ...states.keys()) + 1;
    if (!Number.isSafeInteger(listId) || listId < 0 || listId > 999_999_999) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'listId must be an integer in 0 … 999999999');
    }
    if (states.has(listId)) throw new DeltaIdError('ERR_INVALID_ARGUMENT', `status list ${listId} exists`);
    const size = o.size ?? defaultSize;
    const list = createStatusList({ size, bits: o.bits ?? defaultBits });
    const s: ListState = {
      listId,
      uri: options.uriOf(listId),
      size,
      list,
      alloc: allocationMap(new Uint8Array(Math.ceil(size / 8)), size),
      revision: 0,
    };
    states.set(listId, s);
    await save(s, () => states.delete(listId));
    return s;
  }

  async function target(listId: number | undefined, needed: number): Promise<ListState> {
    if (listId !== undefined) return stateOf(listId);
    for (const s of [...states.values()].sort((a, b) => a.listId - b.listId)) {
      if (s.size - s.alloc.count >= needed) return s;
    }
    return create();
  }

  async function allocateIn(count: number, listId: number | undefined): Promise<StatusReference[]> {
    if (!Number.isSafeInteger(count) || count < 1) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'count must be a positive integer');
    }
    await loadAll();
    const s = await target(listId, count);
    if (s.size - s.alloc.count < count) {
      throw new DeltaIdError(
        'ERR_STATUS_INDEX',
        `status list ${s.listId} has fewer than ${count} free entries`,
      );
    }
    const picked: number[] = [];
    const next32 = pooled(random);
    for (let i = 0; i < count; i++) {
      const index = pickFreeIndex(s.alloc, next32);
      mark(s.alloc, index);
      picked.push(index);
    }
    await save(s, () => {
      for (const index of picked) unmark(s.alloc, index);
    });
    return picked.map((index) => ({ listId: s.listId, index, uri: s.uri }));
  }

  function allocatedEntry(ref: Pick<StatusReference, 'listId' | 'index'>): ListState {
    const s = stateOf(ref.listId);
    if (ref.index >>> 0 !== ref.index || ref.index >= s.size) {
      throw new DeltaIdError('ERR_STATUS_INDEX', 'index outside the status list', {
        details: { listId: ref.listId, index: ref.index },
      });
    }
    if (!isAllocated(s.alloc.bitmap, ref.index)) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'index was never allocated', {
        details: { listId: ref.listId, index: ref.index },
      });
    }
    return s;
  }

  function change(
    ref: Pick<StatusReference, 'listId' | 'index'>,
    next: (current: number, bits: StatusListBits) => number,
  ): Promise<void> {
    return serial(async () => {
      await loadAll();
      const s = allocatedEntry(ref);
      const current = getStatus(s.list, ref.index);
      const value = next(current, s.list.bits);
      if (value === current) return;
      setStatus(s.list, ref.index, value);
      await save(s, () => setStatus(s.list, ref.index, current));
    });
  }

  const notRevoked = (current: number, action: string): void => {
    if (current === STATUS.INVALID) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', `a revoked entry cannot be ${action}`);
    }
  };

  return {
    createList(o) {
      return serial(async () => {
        await loadAll();
        return info(await create(o));
      });
    },
    async allocate(o = {}) {
      const [ref] = await serial(() => allocateIn(1, o.listId));
      return ref!;
    },
    allocateMany(count, o = {}) {
      return serial(() => allocateIn(count, o.listId));
    },
    revoke(ref) {
      return change(ref, () => STATUS.INVALID);
    },
    suspend(ref) {
      return change(ref, (current, bits) => {
        if (bits < 2) throw new DeltaIdError('ERR_UNSUPPORTED', 'a 1-bit list cannot express suspension');
        notRevoked(current, 'suspended');
        return STATUS.SUSPENDED;
      });
    },
    reinstate(ref) {
      return change(ref, (current) => {
        notRevoked(current, 'reinstated');
        return STATUS.VALID;
      });
    },
    status(ref) {
      return serial(async () => {
        await loadAll();
        return getStatus(allocatedEntry(ref).list, ref.index);
      });
    },
    publish(listId, o = {}) {
      return serial(async () => {
        await loadAll();
        const s = stateOf(listId);
        const iat = Math.floor(options.now().getTime() / 1000);
        const exp = iat + validity;
        const input = { claims: { sub: s.uri, iat, exp, ttl }, list: s.list };
        const format = o.format ?? 'cwt';
        const token =
          format === 'jwt'
            ? await signStatusListJwt(input, options.signer)
            : await signStatusListCwt(input, options.signer);
        return { listId, uri: s.uri, format, token, iat, exp, ttl, revision: s.revision };
      });
    },
    lists() {
      return serial(async () => {
        await loadAll();
        return [...states.values()].sort((a, b) => a.listId - b.listId).map(info);
      });
    },
  };
}
