/** Options of the QR readers. */
export interface QrReadOptions {
  /**
   * Largest image accepted, in pixels (width × height), checked before the image is decoded;
   * default {@link DEFAULT_QR_MAX_PIXELS}.
   */
  readonly maxPixels?: number;
}

/** Default pixel bound of the readers: 25 million, a 24-megapixel camera photo (100 MB of RGBA). */
export const DEFAULT_QR_MAX_PIXELS = 25_000_000;
