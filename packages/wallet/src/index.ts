// @deltaid/wallet — explicit export list (STYLE.md item 3). The encrypted file storage is at
// '@deltaid/wallet/storage/file' (the only module importing node:*).
export { createWallet, type Wallet, type WalletOptions } from './create-wallet.js';
export { deleteCredential } from './credentials/delete-credential.js';
export { type ImportCredentialContext, importCredential } from './credentials/import-credential.js';
export { inspectCredential } from './credentials/inspect-credential.js';
export { listCredentials } from './credentials/list-credentials.js';
export type { CredentialDetails, CredentialSummary, InspectedElement } from './credentials/types.js';
export { createDeviceKey } from './device-key/create-device-key.js';
export { createMemoryDeviceKeyStore } from './device-key/create-memory-device-key-store.js';
export { generateDeviceKey } from './device-key/generate-device-key.js';
export type { DeviceKey, DeviceKeyStore } from './device-key/types.js';
export {
  type MdocItemsRequest,
  type PresentDeviceResponseContext,
  type PresentDeviceResponseInput,
  presentDeviceResponse,
} from './mdoc/index.js';
export {
  createRefreshingPresentation,
  type RefreshingPresentation,
  type RefreshingPresentationContext,
  type RefreshingPresentationOptions,
} from './present/create-refreshing-presentation.js';
export { CHALLENGE_PREFIX, parseVerifierChallenge } from './present/parse-verifier-challenge.js';
export {
  type CredentialPresentation,
  type PresentCredentialContext,
  type PresentCredentialInput,
  presentCredential,
} from './present/present-credential.js';
export { selectCredential } from './present/select-credential.js';
export type { PresentationRequest, Timers, VerifierChallenge, WalletPurpose } from './present/types.js';
export {
  type CompactPresentation,
  type PresentationChallenge,
  type PresentCompactContext,
  type PresentCompactInput,
  presentCompact,
} from './present-compact.js';
export {
  createIndexedDbCredentialStorage,
  type IndexedDbCredentialStorageOptions,
} from './storage/create-indexeddb-storage.js';
export { createMemoryCredentialStorage } from './storage/create-memory-storage.js';
export type { CredentialStorage, StoredCredential, StoredIssuer } from './storage/types.js';
