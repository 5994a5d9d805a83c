import { p256 } from '@noble/curves/nist.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../bytes.js';
import { DeltaIdError } from '../errors.js';

/**
 * Derives `EMacKey` = HKDF-SHA256(IKM = ECDH x-coordinate, salt = SHA-256(SessionTranscriptBytes),
 * info = "EMacKey", L = 32). The reader calls it with its ephemeral private key and the MSO device key;
 * the device with its static private key and the reader's ephemeral public key: both get the same key.
 *
 * @param input.privateKey - a P-256 private scalar (32 bytes).
 * @param input.publicKey - the peer's P-256 public key, SEC 1 (compressed or uncompressed).
 * @param input.sessionTranscriptBytes - `SessionTranscriptBytes` (tag-24 form).
 * @param input.ecdh - optional ECDH implementation (capability injection); default portable.
 * @returns the 32-byte HMAC key.
 * @throws DeltaIdError `ERR_KEY` for an invalid key.
 * @example
 * ```ts
 * const k = await deriveEMacKey({ privateKey: readerD, publicKey: deviceKeyRaw, sessionTranscriptBytes: st.bytes });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.3.5; RFC 5869
 */
export async function deriveEMacKey(input: {
  readonly privateKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly sessionTranscriptBytes: Uint8Array;
  /** A faster ECDH (e.g. node:crypto); default @noble/curves, portable but about 7 ms per call. */
  readonly ecdh?: Ecdh;
}): Promise<Uint8Array> {
  let shared: Uint8Array;
  try {
    shared =
      input.ecdh === undefined
        ? p256.getSharedSecret(input.privateKey, input.publicKey, true).subarray(1)
        : await input.ecdh(input.privateKey, input.publicKey);
  } catch (cause) {
    throw new DeltaIdError('ERR_KEY', 'EMacKey: invalid P-256 key for ECDH', { cause });
  }
  if (shared.length !== 32)
    throw new DeltaIdError('ERR_KEY', 'EMacKey: ECDH must return the 32-byte x-coordinate');
  return hkdf(sha256, shared, sha256(input.sessionTranscriptBytes), utf8('EMacKey'), 32);
}

/** P-256 ECDH: private scalar and SEC 1 public key in, the 32-byte shared x-coordinate out. */
export type Ecdh = (privateKey: Uint8Array, publicKey: Uint8Array) => Uint8Array | Promise<Uint8Array>;
