export { buildListOfLists } from './build-list-of-lists.js';
export { type BuildListContext, buildTrustList } from './build-trust-list.js';
export { parseListOfListsManifest } from './parse-list-of-lists-manifest.js';
export { parseTrustListManifest } from './parse-trust-list-manifest.js';
export {
  type BilingualName,
  type Failure,
  type IssuerEntry,
  type IssuerKey,
  type IssuerStatus,
  type ListOfListsContent,
  type OperatorAnchor,
  REGIONS,
  type Region,
  type RegionalListRef,
  type SignedListFailureCode,
  type StalePolicy,
  type TrustListContent,
  type TrustListWarning,
} from './types.js';
export {
  type VerifiedListOfLists,
  type VerifyListOfListsOptions,
  type VerifyListOfListsResult,
  verifyListOfLists,
} from './verify-list-of-lists.js';
export {
  type VerifiedTrustList,
  type VerifyTrustListOptions,
  type VerifyTrustListResult,
  verifyTrustList,
} from './verify-trust-list.js';
