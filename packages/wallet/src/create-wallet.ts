import type { CryptoProvider } from '@deltaid/core';
import type { TrustRegistry } from '@deltaid/trust';
import { deleteCredential } from './credentials/delete-credential.js';
import { importCredential } from './credentials/import-credential.js';
import { inspectCredential } from './credentials/inspect-credential.js';
import { listCredentials } from './credentials/list-credentials.js';
import type { CredentialDetails, CredentialSummary } from './credentials/types.js';
import type { DeviceKey, DeviceKeyStore } from './device-key/types.js';
import {
  createRefreshingPresentation,
  type RefreshingPresentation,
  type RefreshingPresentationOptions,
} from './present/create-refreshing-presentation.js';
import {
  type CredentialPresentation,
  type PresentCredentialInput,
  presentCredential,
} from './present/present-credential.js';
import { selectCredential } from './present/select-credential.js';
import type { PresentationRequest, Timers } from './present/types.js';
import type { CredentialStorage } from './storage/types.js';

/** Everything a wallet needs, injected: nothing is read from globals. */
export interface WalletOptions {
  readonly storage: CredentialStorage;
  readonly deviceKeys: DeviceKeyStore;
  /** Issuers whose credentials the wallet accepts. */
  readonly trust: Pick<TrustRegistry, 'lookup'>;
  readonly crypto: Pick<CryptoProvider, 'verify' | 'randomBytes'>;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly clock: () => number;
  /** For refreshing QR codes; `globalThis` in an app. */
  readonly timers: Timers;
}

/** The wallet operations bound to one set of capabilities. */
export interface Wallet {
  /** The device key (created on first use by the key store); give `publicKey` to an issuer. */
  deviceKey(): Promise<DeviceKey>;
  importCredential(credential: Uint8Array): Promise<CredentialSummary>;
  list(): Promise<CredentialSummary[]>;
  inspect(id: string): Promise<CredentialDetails>;
  delete(id: string): Promise<boolean>;
  select(request: PresentationRequest): Promise<CredentialSummary>;
  present(input: PresentCredentialInput): Promise<CredentialPresentation>;
  refreshing(options: RefreshingPresentationOptions): Promise<RefreshingPresentation>;
}

/**
 * Binds the wallet's pure operations (`importCredential`, `listCredentials`, `inspectCredential`,
 * `deleteCredential`, `selectCredential`, `presentCredential`, `createRefreshingPresentation`) to one storage, device
 * key store, trust registry, crypto provider, clock and timers. Thin sugar: each method calls the function of the
 * same name and throws what it throws.
 *
 * @param options - the capabilities.
 * @returns the wallet.
 * @example
 * ```ts
 * const wallet = createWallet({
 *   storage: createMemoryCredentialStorage(),
 *   deviceKeys: createMemoryDeviceKeyStore({ alg: 'ES256' }, { crypto }),
 *   trust, crypto, clock: Date.now, timers: globalThis,
 * });
 * await wallet.importCredential(bytes);
 * const { presentation } = await wallet.present({ request: { purpose: 'hotel-checkin' } });
 * ```
 * @see DESIGN.md "Hold", "Present"
 */
export function createWallet(options: WalletOptions): Wallet {
  const { storage, deviceKeys, trust, crypto, clock, timers } = options;
  return {
    deviceKey: () => deviceKeys.deviceKey(),
    importCredential: async (credential) =>
      importCredential(credential, {
        storage,
        deviceKey: await deviceKeys.deviceKey(),
        trust,
        crypto,
        clock,
      }),
    list: () => listCredentials({ storage }),
    inspect: (id) => inspectCredential(id, { storage }),
    delete: (id) => deleteCredential(id, { storage }),
    select: (request) => selectCredential(request, { storage, clock }),
    present: async (input) =>
      presentCredential(input, { storage, deviceKey: await deviceKeys.deviceKey(), crypto, clock }),
    refreshing: async (refreshOptions) =>
      createRefreshingPresentation(refreshOptions, {
        storage,
        deviceKey: await deviceKeys.deviceKey(),
        crypto,
        clock,
        timers,
      }),
  };
}
