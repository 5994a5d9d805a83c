/** A challenge a verifier shows as a QR code in the two-step flow; the wallet's presentation must answer it. */
export interface Challenge {
  readonly nonce: Uint8Array;
  /** The verifier's identity (e.g. a hotel's registration number); the presentation must name it. */
  readonly audience: string;
  /** Seconds since the epoch after which answers are refused. */
  readonly expiresAt: number;
  /** `YRDC1:` text to render as a QR code for the wallet to scan. */
  readonly text: string;
}

/** Prefix of challenge QR texts (version 1). */
export const CHALLENGE_PREFIX = 'YRDC1:';
