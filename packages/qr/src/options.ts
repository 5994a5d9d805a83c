/**
 * QR error correction level (ISO/IEC 18004:2015 §5.3.8.1): L ≈ 7 %, M ≈ 15 %, Q ≈ 25 %, H ≈ 30 % of
 * codewords recoverable. Delta ID renders at M unless told otherwise: the compact format is sized for it.
 */
export type QrErrorCorrectionLevel = 'L' | 'M' | 'Q' | 'H';

/** The default error correction level of every renderer: M. */
export const DEFAULT_QR_LEVEL: QrErrorCorrectionLevel = 'M';

/**
 * The quiet zone every renderer keeps, in modules: 4, the minimum of ISO/IEC 18004:2015 §5.3.8
 * (scanners, `zbarimg` included, need it to find the finder patterns).
 */
export const QR_QUIET_ZONE = 4;

/** Options shared by the renderers. */
export interface QrOptions {
  /** Error correction level; default `'M'`. */
  readonly level?: QrErrorCorrectionLevel;
  /** Quiet zone in modules; default and minimum {@link QR_QUIET_ZONE} (4), at most 64. */
  readonly margin?: number;
}

/** Options of the image renderers (SVG, PNG). */
export interface QrImageOptions extends QrOptions {
  /** Pixels per module; an integer from 1 to 64, default 4 (a version 15 code is then 340 px wide). */
  readonly scale?: number;
}
