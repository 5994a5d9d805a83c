import { concatBytes } from '../bytes.js';
import { encodeCbor } from '../cbor/cbor.js';
import { signSign1 } from '../cose/sign-sign1.js';
import type { PrivateKeyHandle, Signs } from '../crypto/types.js';
import { DeltaIdError } from '../errors.js';
import { PRESENTATION_KEY } from './constants.js';

/** What the holder signs. `credential` is the issuer's COSE_Sign1 exactly as issued. */
export interface PresentationInput {
  readonly credential: Uint8Array;
  readonly time: number;
  readonly nonce: Uint8Array;
  readonly audience?: string;
  readonly challenge?: Uint8Array;
}

/**
 * Builds and signs a presentation (the bytes a QR code carries before base45): an untagged COSE_Sign1 by the holder's
 * device key over the map {1: credential, 2: time, 3: nonce, ?4: audience, ?5: challenge}. The credential is spliced in
 * as the issuer produced it, never re-encoded.
 *
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a bad time, nonce or challenge.
 * @see docs/formats/compact-credential.md §Presentation
 */
export async function encodePresentation(
  input: PresentationInput,
  ctx: { readonly key: PrivateKeyHandle; readonly crypto: Signs },
): Promise<Uint8Array> {
  if (!Number.isSafeInteger(input.time) || input.time < 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'time must be whole seconds since the epoch');
  }
  if (input.nonce.length < 8 || input.nonce.length > 32) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'nonce must be 8 to 32 bytes');
  }
  if (input.challenge !== undefined && (input.challenge.length < 8 || input.challenge.length > 32)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'challenge must be 8 to 32 bytes');
  }
  const rest: unknown[] = [PRESENTATION_KEY.time, input.time, PRESENTATION_KEY.nonce, input.nonce];
  if (input.audience !== undefined) rest.push(PRESENTATION_KEY.audience, input.audience);
  if (input.challenge !== undefined) rest.push(PRESENTATION_KEY.challenge, input.challenge);
  const entries = 1 + rest.length / 2;
  // A map of at most 5 entries has a one-byte head (0xa0 | n); the credential is already CBOR, so it is spliced.
  const payload = concatBytes(
    Uint8Array.of(0xa0 | entries, PRESENTATION_KEY.credential),
    input.credential,
    ...rest.map((v) => encodeCbor(v)),
  );
  return signSign1({ payload, tagged: false }, ctx);
}
