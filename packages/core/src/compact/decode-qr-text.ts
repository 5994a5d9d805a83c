import { decodeBase45 } from '../codec/base45.js';
import { inflate } from '../codec/zlib.js';
import { DeltaIdError } from '../errors.js';
import { COMPACT_PREFIX, MAX_PRESENTATION_BYTES, ZLIB_FIRST_BYTE } from './constants.js';

const VERSIONED_PREFIX = /^YRD(\d{1,4}):/;

/**
 * Reads QR text back to presentation bytes: checks the `YRD1:` prefix, decodes base45 strictly and inflates when the
 * first byte says zlib, never producing more than `maxBytes`.
 *
 * @throws DeltaIdError `ERR_QR_PREFIX` (missing prefix or unsupported version), `ERR_BASE45`, `ERR_INFLATE`,
 *   `ERR_INFLATE_LIMIT`, `ERR_CBOR_LIMIT` (text longer than any presentation can be).
 * @example const bytes = await decodeQrText('YRD1:…')
 * @see docs/formats/compact-credential.md §Text form
 */
export async function decodeQrText(
  text: string,
  options: { readonly maxBytes?: number } = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_PRESENTATION_BYTES;
  if (typeof text !== 'string') throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'QR text must be a string');
  if (!text.startsWith(COMPACT_PREFIX)) {
    const version = VERSIONED_PREFIX.exec(text)?.[1];
    throw new DeltaIdError(
      'ERR_QR_PREFIX',
      version === undefined
        ? `not a Delta ID QR code: expected the prefix ${COMPACT_PREFIX}`
        : `unsupported Delta ID format version ${version}: this verifier reads version 1`,
      { details: { version: version ?? null } },
    );
  }
  const body = text.slice(COMPACT_PREFIX.length);
  // base45 turns 2 bytes into 3 characters: bound the work before decoding anything.
  if (body.length > Math.ceil((maxBytes * 3) / 2)) {
    throw new DeltaIdError('ERR_CBOR_LIMIT', `QR text of ${text.length} characters exceeds the limit`, {
      details: { limit: 'maxBytes', max: maxBytes },
    });
  }
  const raw = decodeBase45(body);
  if (raw[0] === ZLIB_FIRST_BYTE) return inflate(raw, { maxBytes });
  return raw;
}
