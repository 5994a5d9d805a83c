// @deltaid/issuer — explicit export list (STYLE.md item 3). Each area keeps its own index; add names here.
export {
  createFileStatusListStorage,
  createMemoryStatusListStorage,
  createStatusListManager,
  type PublishedStatusList,
  type StatusListInfo,
  type StatusListManager,
  type StatusListManagerOptions,
  type StatusListRecord,
  type StatusListStorage,
  type StatusReference,
} from './status/index.js';
export {
  type IssueCompactContext,
  type IssueCompactInput,
  type IssuedCompact,
  type IssuerIdentity,
  issueCompact,
} from './issue-compact.js';
