import type { DocType, PresetName } from '@deltaid/core';

/**
 * The purposes a wallet knows: the relying-party presets (`PRESET_REQUIREMENTS` of `@deltaid/core`, the same
 * names and requirements as the verifier's policies): `hotel-checkin`, `traffic-stop`, `age-18`, `car-rental`.
 */
export type WalletPurpose = PresetName;

/** What a verifier asks for: a named purpose, or the exact elements (optionally limited to some document types). */
export type PresentationRequest =
  | { readonly purpose: WalletPurpose }
  | { readonly elements: readonly string[]; readonly docTypes?: readonly DocType[] };

/** A verifier's challenge as read from its `YRDC1:` QR code. */
export interface VerifierChallenge {
  /** 16 random bytes the presentation must sign. */
  readonly nonce: Uint8Array;
  /** The verifier's identity; the presentation names it. */
  readonly audience: string;
  /** Seconds since the epoch after which the verifier refuses answers. */
  readonly expiresAt: number;
}

/** Timers, injected so tests (and runtimes without a global `setTimeout`) control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}
