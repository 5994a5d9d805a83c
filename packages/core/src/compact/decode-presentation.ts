import { decodeCbor } from '../cbor/cbor.js';
import { QR_CBOR_LIMITS } from '../cbor/limits.js';
import { decodeSign1, type Sign1 } from '../cose/decode-sign1.js';
import { DeltaIdError } from '../errors.js';
import { MAX_PRESENTATION_BYTES, PRESENTATION_KEY } from './constants.js';
import { type CompactCredential, decodeCredential } from './decode-credential.js';
import { decodeQrText } from './decode-qr-text.js';

/** A presentation read from a QR code: structure only, nothing verified yet. */
export interface DecodedPresentation {
  /** The holder's COSE_Sign1 over the presentation map. */
  readonly sign1: Sign1;
  readonly credential: CompactCredential;
  /** When the wallet made the presentation (seconds since the epoch). */
  readonly time: number;
  readonly nonce: Uint8Array;
  readonly audience?: string;
  readonly challenge?: Uint8Array;
  /** Size of the presentation in bytes (after inflation). */
  readonly byteLength: number;
}

const KEYS: ReadonlySet<unknown> = new Set(Object.values(PRESENTATION_KEY));

function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `presentation ${field} ${message}`, { details: { field } });
}

/**
 * Decodes the text of a Delta ID QR code — prefix and version, base45, inflate, CBOR, structure — within strict
 * bounds (8 KiB after inflation, QR CBOR limits). Verifies nothing: pass the result to
 * `verifyPresentationSignatures`, or use `@deltaid/verifier` for the whole pipeline.
 *
 * @param input - QR text (`YRD1:…`) or the presentation bytes.
 * @throws DeltaIdError `ERR_QR_PREFIX`, `ERR_BASE45`, `ERR_INFLATE`, `ERR_INFLATE_LIMIT`, `ERR_CBOR`, `ERR_CBOR_LIMIT`,
 *   `ERR_STRUCTURE`.
 * @example const p = await decodePresentation(text); p.credential.elements.name
 * @see docs/formats/compact-credential.md §Presentation
 */
export async function decodePresentation(input: string | Uint8Array): Promise<DecodedPresentation> {
  const bytes =
    typeof input === 'string' ? await decodeQrText(input, { maxBytes: MAX_PRESENTATION_BYTES }) : input;
  const sign1 = decodeSign1(bytes, { limits: QR_CBOR_LIMITS });
  if (sign1.payload === null) throw bad('payload', 'must not be detached');
  const map = decodeCbor(sign1.payload, { limits: QR_CBOR_LIMITS });
  if (!(map instanceof Map)) throw bad('payload', 'must be a map');
  for (const key of map.keys()) if (!KEYS.has(key)) throw bad(`key ${String(key)}`, 'is not allowed');

  const time = map.get(PRESENTATION_KEY.time);
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)
    throw bad('time', 'must be an unsigned integer');
  const nonce = map.get(PRESENTATION_KEY.nonce);
  if (!(nonce instanceof Uint8Array) || nonce.length < 8 || nonce.length > 32)
    throw bad('nonce', 'must be 8 to 32 bytes');
  const audience = map.get(PRESENTATION_KEY.audience);
  if (
    audience !== undefined &&
    (typeof audience !== 'string' || audience.length === 0 || audience.length > 128)
  ) {
    throw bad('audience', 'must be a short text');
  }
  const challenge = map.get(PRESENTATION_KEY.challenge);
  if (
    challenge !== undefined &&
    (!(challenge instanceof Uint8Array) || challenge.length < 8 || challenge.length > 32)
  ) {
    throw bad('challenge', 'must be 8 to 32 bytes');
  }
  const rawCredential = map.get(PRESENTATION_KEY.credential);
  if (rawCredential === undefined) throw bad('credential', 'is missing');
  const credential = decodeCredential(rawCredential, { limits: QR_CBOR_LIMITS });
  return {
    sign1,
    credential,
    time,
    nonce,
    ...(audience === undefined ? {} : { audience }),
    ...(challenge === undefined ? {} : { challenge }),
    byteLength: bytes.length,
  };
}
