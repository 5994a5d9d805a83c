import { checkLevel, checkMargin, checkScale, qrMatrix } from './lib/matrix.js';
import { encodeBilevelPng } from './lib/png.js';
import type { QrImageOptions } from './options.js';

/**
 * Renders `text` as a QR code in a PNG image: black modules on white, quiet zone included, `scale` pixels
 * per module, 1-bit greyscale. Portable: the PNG is assembled here and compressed with the standard
 * `CompressionStream` (browsers, Node ≥ 18), so it works the same in a wallet web app and in the CLI.
 *
 * @param text - the text to encode; `YRD1:` texts go in alphanumeric mode (see {@link qrVersion}).
 * @param options - `level` (default `'M'`), `margin` (default 4), `scale` (default 4 px per module).
 * @returns the PNG file bytes; the image is (size + 2 × margin) × scale pixels square.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` on empty or oversized text or invalid options;
 *   `ERR_UNSUPPORTED` when the runtime has no `CompressionStream`.
 * @example await writeFile('presentation.png', await renderQrPng(presentationText, { scale: 6 }))
 * @see ISO/IEC 18004:2015 §5.3.8 (quiet zone); PNG (ISO/IEC 15948:2004) §11.2.2 (IHDR), §5.5 (CRC).
 */
export async function renderQrPng(text: string, options: QrImageOptions = {}): Promise<Uint8Array> {
  const matrix = qrMatrix(text, checkLevel(options.level));
  const margin = checkMargin(options);
  const scale = checkScale(options);
  const px = (matrix.size + 2 * margin) * scale;
  return encodeBilevelPng(px, px, (x, y) => {
    const row = Math.floor(y / scale) - margin;
    const col = Math.floor(x / scale) - margin;
    return row >= 0 && col >= 0 && row < matrix.size && col < matrix.size && matrix.dark(row, col);
  });
}
