import { DeltaIdError } from '@deltaid/core';
import { checkPixels, maxPixelsOf } from './lib/decode-image.js';
import { scanQr } from './lib/zxing.js';
import type { QrReadOptions } from './read-options.js';

/** Decoded pixels, e.g. a camera frame: RGBA, 8 bits per channel, row-major, no row padding. */
export interface QrPixels {
  readonly width: number;
  readonly height: number;
  /** width × height × 4 bytes (the layout of the DOM `ImageData`). */
  readonly data: Uint8Array | Uint8ClampedArray;
}

/**
 * Reads the QR code in already decoded RGBA pixels (a camera frame, a canvas `ImageData`). Node only,
 * like {@link readQr}.
 *
 * @param pixels - `{ width, height, data }` with `data.length === width * height * 4`.
 * @param options - `maxPixels`, the largest frame accepted (default 25 million pixels).
 * @returns the text of the first valid QR code found, exactly as encoded.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when the dimensions and the data length disagree;
 *   `ERR_QR_READ` when the frame is too large (`too-large`) or holds no readable QR code (`no-code`);
 *   `ERR_UNSUPPORTED` when the ZXing reader cannot be loaded.
 * @example const text = await readQrPixels({ width, height, data: frame })
 * @see ISO/IEC 18004:2015 §12 (decoding procedure).
 */
export async function readQrPixels(pixels: QrPixels, options: QrReadOptions = {}): Promise<string> {
  const { width, height, data } = pixels;
  if (
    !Number.isSafeInteger(width) ||
    !Number.isSafeInteger(height) ||
    !(data instanceof Uint8Array || data instanceof Uint8ClampedArray) ||
    data.length !== width * height * 4
  ) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      'pixels must be RGBA with data.length = width × height × 4',
    );
  }
  checkPixels(width, height, maxPixelsOf(options));
  return scanQr({ width, height, data: new Uint8ClampedArray(data) });
}
