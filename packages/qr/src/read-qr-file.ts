import { open } from 'node:fs/promises';
import { DeltaIdError } from '@deltaid/core';
import type { QrReadOptions } from './read-options.js';
import { readQr } from './read-qr.js';

/** Options of {@link readQrFile}. */
export interface QrReadFileOptions extends QrReadOptions {
  /** Largest file accepted, in bytes, checked before it is read; default 64 MiB. */
  readonly maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Reads the QR code in a PNG or JPEG file. Node only.
 *
 * @param path - the image file.
 * @param options - `maxBytes` (default 64 MiB) and `maxPixels` (default 25 million).
 * @returns the text of the first valid QR code found, exactly as encoded.
 * @throws DeltaIdError `ERR_QR_READ` when the file cannot be read (`details.reason` `io`) or is larger
 *   than `maxBytes` (`too-large`), and in every case of {@link readQr}; `ERR_INVALID_ARGUMENT` on bad options.
 * @example const text = await readQrFile('presentations/sh-eid-checkin-at-zj-hotel.png')
 * @see ISO/IEC 18004:2015 §12 (decoding procedure).
 */
export async function readQrFile(path: string, options: QrReadFileOptions = {}): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'maxBytes must be a positive integer', {
      details: { field: 'maxBytes' },
    });
  }
  let bytes: Uint8Array;
  try {
    // One open file: the size checked is the size of the file read.
    const file = await open(path, 'r');
    try {
      const stat = await file.stat();
      // Not a regular file (a FIFO, /dev/zero): its size says nothing about what reading it would return.
      if (!stat.isFile()) {
        throw new DeltaIdError('ERR_QR_READ', 'not a regular file', { details: { reason: 'io' } });
      }
      const size = stat.size;
      if (size > maxBytes) {
        throw new DeltaIdError('ERR_QR_READ', 'image file is larger than allowed', {
          details: { reason: 'too-large', size, maxBytes },
        });
      }
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
  } catch (cause) {
    if (cause instanceof DeltaIdError) throw cause;
    throw new DeltaIdError('ERR_QR_READ', 'cannot read the image file', { cause, details: { reason: 'io' } });
  }
  if (bytes.length > maxBytes) {
    throw new DeltaIdError('ERR_QR_READ', 'image file is larger than allowed', {
      details: { reason: 'too-large', size: bytes.length, maxBytes },
    });
  }
  return readQr(bytes, options);
}
