export { createFileStatusListStorage } from './create-file-status-list-storage.js';
export { createMemoryStatusListStorage } from './create-memory-status-list-storage.js';
export {
  createStatusListManager,
  type PublishedStatusList,
  type StatusListManager,
  type StatusListManagerOptions,
} from './create-status-list-manager.js';
export type { StatusListInfo, StatusListRecord, StatusListStorage, StatusReference } from './types.js';
