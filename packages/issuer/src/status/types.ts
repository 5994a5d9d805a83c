import type { StatusListBits } from '@deltaid/trust';

/**
 * Everything the issuer keeps about one status list: its statuses (the draft's byte array) and which
 * indexes have been handed out (one bit per entry, least significant bit first). An allocated index
 * stays allocated for ever, so it is never given to a second credential.
 */
export interface StatusListRecord {
  /** The issuer's short list number. */
  readonly listId: number;
  /** The list's URI (`sub` of its tokens, `status_list.uri` of the credentials). */
  readonly uri: string;
  readonly bits: StatusListBits;
  /** Entries that may be allocated, 0 … size − 1. */
  readonly size: number;
  /** The status byte array (draft §4.1), `ceil(size · bits / 8)` bytes. */
  readonly statuses: Uint8Array;
  /** Allocation bitmap, `ceil(size / 8)` bytes. */
  readonly allocated: Uint8Array;
  /** Number of set bits in `allocated`. */
  readonly allocatedCount: number;
  /** Incremented by every saved change. */
  readonly revision: number;
}

/**
 * Where the manager persists its lists. `save` must be atomic per record (all or nothing) and durable
 * when it resolves: the manager returns an index only after its allocation is saved.
 */
export interface StatusListStorage {
  load(listId: number): Promise<StatusListRecord | undefined>;
  save(record: StatusListRecord): Promise<void>;
  /** The list numbers held. */
  listIds(): Promise<readonly number[]>;
}

/** Where a credential's status lives: its list and index (the Referenced Token's `status_list`). */
export interface StatusReference {
  readonly listId: number;
  readonly index: number;
  readonly uri: string;
}

/** A summary of one list. */
export interface StatusListInfo {
  readonly listId: number;
  readonly uri: string;
  readonly bits: StatusListBits;
  readonly size: number;
  readonly allocated: number;
  readonly revision: number;
}
