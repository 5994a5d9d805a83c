import { checkLevel, checkMargin, checkScale, qrMatrix } from './lib/matrix.js';
import type { QrImageOptions } from './options.js';

/**
 * Renders `text` as a QR code in an SVG document: black modules on a white square that includes the quiet
 * zone, one path for all dark modules, `viewBox="0 0 N N"` with N = symbol size + 2 × margin (in modules)
 * and `width`/`height` = N × scale pixels. Pure and portable (browsers, Node, workers).
 *
 * @param text - the text to encode; `YRD1:` texts go in alphanumeric mode (see {@link qrVersion}).
 * @param options - `level` (default `'M'`), `margin` (default 4), `scale` (default 4 px per module).
 * @returns the SVG document as a string (UTF-8 XML, no XML declaration, so it can also be inlined in HTML).
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` on empty or oversized text or invalid options.
 * @example document.body.innerHTML = renderQrSvg(presentationText)
 * @see ISO/IEC 18004:2015 §5.3.8 (quiet zone); SVG 1.1 §7.7 (viewBox).
 */
export function renderQrSvg(text: string, options: QrImageOptions = {}): string {
  const matrix = qrMatrix(text, checkLevel(options.level));
  const margin = checkMargin(options);
  const scale = checkScale(options);
  const n = matrix.size + 2 * margin;
  // One horizontal run per subpath keeps the path short (a version 15 code is ~20 KB, not ~60 KB).
  let path = '';
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.dark(row, col)) col++;
      path += `M${start + margin} ${row + margin}h${col - start}v1h-${col - start}z`;
    }
  }
  const px = n * scale;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${px}" height="${px}" ` +
    `viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges">` +
    `<rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}
