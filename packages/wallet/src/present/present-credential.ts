import { DeltaIdError, type Randomness } from '@deltaid/core';
import type { CredentialSummary } from '../credentials/types.js';
import type { DeviceKey } from '../device-key/types.js';
import { chooseCredential } from '../lib/match.js';
import { summarise } from '../lib/summary.js';
import { type CompactPresentation, presentCompact } from '../present-compact.js';
import type { CredentialStorage } from '../storage/types.js';
import { parseVerifierChallenge } from './parse-verifier-challenge.js';
import type { PresentationRequest, VerifierChallenge } from './types.js';

/** What to present: a request the wallet resolves to its least-disclosing credential, or a credential by id. */
export type PresentCredentialInput = (
  | { readonly request: PresentationRequest; readonly credentialId?: undefined }
  | { readonly credentialId: string; readonly request?: undefined }
) & {
  /** The verifier's challenge: the scanned `YRDC1:` text, or already parsed. */
  readonly challenge?: string | VerifierChallenge;
};

/** Capabilities {@link presentCredential} uses. */
export interface PresentCredentialContext {
  readonly storage: Pick<CredentialStorage, 'list' | 'get'>;
  readonly deviceKey: DeviceKey;
  readonly crypto: Randomness;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
}

/** A presentation and the credential it presents. */
export interface CredentialPresentation {
  readonly credential: CredentialSummary;
  readonly presentation: CompactPresentation;
}

/**
 * Presents a credential: resolves the request (see `selectCredential`) or the id, answers the verifier's challenge
 * when one was scanned (its nonce and audience are signed in), and signs with the device key.
 *
 * @param input - `{ request }` or `{ credentialId }`, and an optional challenge.
 * @param ctx - storage, device key, randomness, clock.
 * @returns the chosen credential's summary and the `YRD1:` presentation.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (neither or both of request and id; unknown id), `ERR_POLICY` (no
 *   credential satisfies the request), `ERR_EXPIRED` (the credential asked for by id has expired or is not yet
 *   valid), `ERR_CHALLENGE` (the challenge has expired), `ERR_QR_PREFIX`, `ERR_BASE45`, `ERR_CBOR`, `ERR_STRUCTURE`
 *   (an unreadable challenge), `ERR_STORAGE`, `ERR_PASSPHRASE`.
 * @example
 * ```ts
 * const { presentation } = await presentCredential(
 *   { request: { purpose: 'hotel-checkin' }, challenge: scannedText },
 *   { storage, deviceKey, crypto, clock: Date.now },
 * );
 * showQr(presentation.text);
 * ```
 * @see docs/formats/compact-credential.md §Presentation
 */
export async function presentCredential(
  input: PresentCredentialInput,
  ctx: PresentCredentialContext,
): Promise<CredentialPresentation> {
  const now = Math.floor(ctx.clock() / 1000);
  const challenge =
    typeof input.challenge === 'string' ? parseVerifierChallenge(input.challenge) : input.challenge;
  if (challenge !== undefined && now > challenge.expiresAt) {
    throw new DeltaIdError('ERR_CHALLENGE', 'the verifier challenge has expired; scan a new one');
  }
  let chosen: CredentialSummary;
  let bytes: Uint8Array;
  if (input.request !== undefined && input.credentialId === undefined) {
    const { record, credential } = chooseCredential(input.request, await ctx.storage.list(), now);
    chosen = summarise(record, credential);
    bytes = record.credential;
  } else if (input.credentialId !== undefined && input.request === undefined) {
    const record = await ctx.storage.get(input.credentialId);
    if (record === undefined) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'no credential with this id', {
        details: { field: 'credentialId' },
      });
    }
    chosen = summarise(record);
    if (now < chosen.notBefore || now >= chosen.expiresAt) {
      throw new DeltaIdError('ERR_EXPIRED', 'the credential is not valid now', {
        details: { nbf: chosen.notBefore, exp: chosen.expiresAt },
      });
    }
    bytes = record.credential;
  } else {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'give either a request or a credentialId');
  }
  const presentation = await presentCompact(
    {
      credential: bytes,
      ...(challenge === undefined
        ? {}
        : { challenge: { nonce: challenge.nonce, audience: challenge.audience } }),
    },
    ctx,
  );
  return { credential: chosen, presentation };
}
