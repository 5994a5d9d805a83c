import { checkLevel, qrMatrix } from './lib/matrix.js';
import type { QrErrorCorrectionLevel } from './options.js';

/**
 * The QR version (1–40: size 17 + 4·version modules) the renderers of this package produce for `text`.
 * `YRD1:` texts are encoded as one alphanumeric segment, other texts as one UTF-8 byte segment.
 *
 * @param text - the text to encode (non-empty).
 * @param level - error correction level; default `'M'`.
 * @returns the smallest version that holds `text` at `level`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when `text` is empty, `level` is not L/M/Q/H, or the text
 *   does not fit in version 40.
 * @example qrVersion('YRD1:' + base45, 'M') // 15 for a 587-character text
 * @see ISO/IEC 18004:2015 §7.3 (alphanumeric mode), Table 7 (data capacity per version and level).
 */
export function qrVersion(text: string, level?: QrErrorCorrectionLevel): number {
  return qrMatrix(text, checkLevel(level)).version;
}
