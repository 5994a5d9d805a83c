export { compressStatusList, type Deflate } from './compress-status-list.js';
export {
  DEFAULT_MAX_STATUS_LIST_BYTES,
  STATUS,
  STATUS_LIST_BITS,
  STATUS_LIST_CWT_TYP,
  STATUS_LIST_JWT_TYP,
  type StatusListBits,
} from './constants.js';
export { createStatusList } from './create-status-list.js';
export { decompressStatusList } from './decompress-status-list.js';
export { getStatus } from './get-status.js';
export { setStatus } from './set-status.js';
export { type StatusListTokenInput, signStatusListCwt } from './sign-status-list-cwt.js';
export { signStatusListJwt } from './sign-status-list-jwt.js';
export type {
  CompressedStatusList,
  StatusKeyResolver,
  StatusList,
  StatusListClaims,
  StatusListKey,
  StatusListSigner,
  StatusListToken,
  VerifyStatusListOptions,
} from './types.js';
export { verifyStatusListCwt } from './verify-status-list-cwt.js';
export { verifyStatusListJwt } from './verify-status-list-jwt.js';
export { verifyStatusListToken } from './verify-status-list-token.js';
