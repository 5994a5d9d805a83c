/**
 * Where a cached trust source keeps its last good copy. Small and async so it maps onto anything: a file
 * (`createFileStorage`, Node), memory (`createMemoryStorage`), IndexedDB, or a mini-program's
 * `wx.setStorage`. Values are opaque bytes (the signed list as received, verified again on load).
 */
export interface TrustStorage {
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, value: Uint8Array): Promise<void>;
}
