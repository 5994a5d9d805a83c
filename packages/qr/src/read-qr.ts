import { DeltaIdError } from '@deltaid/core';
import { decodeImage, maxPixelsOf } from './lib/decode-image.js';
import { scanQr } from './lib/zxing.js';
import type { QrReadOptions } from './read-options.js';

/**
 * Reads the QR code in a PNG or JPEG image (a rendered code, a screenshot or a camera photo) and returns
 * its text exactly as encoded. Node only: decodes with pngjs / jpeg-js and ZXing-C++ (zxing-wasm), loaded
 * from the installed package, never from the network.
 *
 * @param image - the image file bytes (PNG or JPEG; the format is recognised from the signature).
 * @param options - `maxPixels`, the largest image accepted (default 25 million pixels).
 * @returns the text of the first valid QR code found.
 * @throws DeltaIdError `ERR_QR_READ` when the bytes are not a PNG/JPEG image, the image is corrupt or too
 *   large (`details.reason`: `format`, `image`, `too-large`, `decoder`), or it holds no readable QR code
 *   (`no-code`); `ERR_INVALID_ARGUMENT` when `image` is not a Uint8Array; `ERR_UNSUPPORTED` when the
 *   ZXing reader cannot be loaded.
 * @example const text = await readQr(await readFile('presentation.png')) // 'YRD1:…'
 * @see ISO/IEC 18004:2015 §12 (decoding procedure); PNG (ISO/IEC 15948); JPEG (ITU-T T.81).
 */
export async function readQr(image: Uint8Array, options: QrReadOptions = {}): Promise<string> {
  if (!(image instanceof Uint8Array)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'readQr expects the image bytes as a Uint8Array');
  }
  return scanQr(decodeImage(image, maxPixelsOf(options)));
}
