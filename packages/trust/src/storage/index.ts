// create-file-storage.ts is deliberately absent: it imports node:fs and must stay out of portable bundles.
export { createMemoryStorage } from './create-memory-storage.js';
export type { TrustStorage } from './types.js';
