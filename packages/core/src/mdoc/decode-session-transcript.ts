import { decodeCbor, Tag } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { asArray, bad, tag24Inner } from './lib/read.js';
import { tag24Encoding } from './lib/tag24.js';

/** A SessionTranscript in the two forms the protocol hashes and embeds. */
export interface SessionTranscript {
  /** `SessionTranscriptBytes` = `#6.24(bstr .cbor SessionTranscript)`: the HKDF salt is its SHA-256. */
  readonly bytes: Uint8Array;
  /** The `SessionTranscript` array's own encoding, as received: embedded in DeviceAuthentication. */
  readonly transcript: Uint8Array;
}

/**
 * Reads a SessionTranscript given either as `SessionTranscriptBytes` (tag 24) or as the bare array
 * `[DeviceEngagementBytes, EReaderKeyBytes, Handover]`. The array's bytes are never re-encoded, so a
 * transcript built by another stack authenticates byte for byte.
 *
 * @param input - the encoding.
 * @param options - CBOR limits.
 * @returns both forms.
 * @throws DeltaIdError `ERR_STRUCTURE` (not a 3-element array), `ERR_CBOR`, `ERR_CBOR_LIMIT`.
 * @example
 * ```ts
 * const st = decodeSessionTranscript(fromHex(transcriptHex));
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.5.1; ISO/IEC 18013-7 (OpenID4VP handover)
 */
export function decodeSessionTranscript(
  input: Uint8Array,
  options: { readonly limits?: CborLimits } = {},
): SessionTranscript {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  const outer = decodeCbor(input, { limits });
  const transcript = outer instanceof Tag ? tag24Inner(outer, 'SessionTranscriptBytes') : input;
  const value = outer instanceof Tag ? decodeCbor(transcript, { limits }) : outer;
  if (asArray(value, 'SessionTranscript').length !== 3)
    throw bad('SessionTranscript', 'must have 3 elements');
  return { bytes: tag24Encoding(transcript), transcript: transcript.slice() };
}
