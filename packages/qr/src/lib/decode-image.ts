import { inflateSync } from 'node:zlib';
import { DeltaIdError } from '@deltaid/core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { DEFAULT_QR_MAX_PIXELS, type QrReadOptions } from '../read-options.js';

/** RGBA pixels, 8 bits per channel, row-major, no padding. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray<ArrayBuffer>;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// PNG §11.2.2: samples per pixel by colour type (greyscale, RGB, palette, grey+alpha, RGBA).
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export function readFailure(reason: string, message: string, cause?: unknown): DeltaIdError<'ERR_QR_READ'> {
  return new DeltaIdError(
    'ERR_QR_READ',
    message,
    cause === undefined ? { details: { reason } } : { cause, details: { reason } },
  );
}

export function checkPixels(width: number, height: number, maxPixels: number): void {
  if (!(width > 0 && height > 0)) throw readFailure('image', 'image has no pixels');
  if (width * height > maxPixels) {
    throw new DeltaIdError('ERR_QR_READ', 'image has more pixels than allowed', {
      details: { reason: 'too-large', width, height, maxPixels },
    });
  }
}

function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset + at, 4).getUint32(0);
}

/**
 * Checks a PNG's size before pngjs allocates anything. pngjs bounds its own inflate by the declared size
 * for plain images but not for interlaced ones, so those are inflated here first with a hard output cap.
 */
function precheckPng(bytes: Uint8Array, maxPixels: number): void {
  // IHDR must be the first chunk (PNG §5.6): length 13 at offset 8, type at 12, fields from 16.
  if (
    bytes.length < 33 ||
    u32(bytes, 8) !== 13 ||
    String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR'
  ) {
    throw readFailure('image', 'PNG has no IHDR chunk');
  }
  const width = u32(bytes, 16);
  const height = u32(bytes, 20);
  const depth = bytes[24]!;
  const channels = CHANNELS[bytes[25]!];
  if (channels === undefined || ![1, 2, 4, 8, 16].includes(depth))
    throw readFailure('image', 'PNG header is invalid');
  checkPixels(width, height, maxPixels);
  if (bytes[28] !== 1) return;
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = u32(bytes, at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === 'IDAT') idat.push(bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length)));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  // Seven Adam7 passes: the same pixels as the plain image plus one filter byte and padding per pass row.
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  try {
    inflateSync(Buffer.concat(idat), { maxOutputLength: 2 * (rowBytes + 8) * height + 64 });
  } catch (cause) {
    throw readFailure('image', 'PNG image data is corrupt or larger than declared', cause);
  }
}

// A copy, not a view: the decoders' buffers may be pooled Node Buffers shared with other data.
/**
 * The frame size from the first SOFn segment (ITU-T T.81 §B.2.2), so an oversized photo is refused with
 * `too-large` before jpeg-js allocates. Undefined when the markers cannot be walked (jpeg-js then decides).
 */
function jpegSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  for (let at = 2; at + 9 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC); height then width follow the sample precision.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return {
        height: (bytes[at + 5]! << 8) | bytes[at + 6]!,
        width: (bytes[at + 7]! << 8) | bytes[at + 8]!,
      };
    }
    if (marker === 0xda || length < 2) return undefined; // start of scan before any frame header
    at += 2 + length;
  }
  return undefined;
}

function clamped(data: Uint8Array): Uint8ClampedArray<ArrayBuffer> {
  return new Uint8ClampedArray(data);
}

/** Decodes PNG or JPEG file bytes to RGBA pixels, refusing images above `maxPixels` before decoding them. */
export function decodeImage(bytes: Uint8Array, maxPixels: number): RgbaImage {
  if (isPng(bytes)) {
    precheckPng(bytes, maxPixels);
    let png: PNG;
    try {
      png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (cause) {
      throw readFailure('image', 'PNG image is corrupt', cause);
    }
    return { width: png.width, height: png.height, data: clamped(png.data) };
  }
  if (isJpeg(bytes)) {
    const size = jpegSize(bytes);
    if (size !== undefined) checkPixels(size.width, size.height, maxPixels);
    let image: { width: number; height: number; data: Uint8Array };
    try {
      image = jpeg.decode(bytes, {
        useTArray: true,
        formatAsRGBA: true,
        maxResolutionInMP: maxPixels / 1_000_000,
        maxMemoryUsageInMB: Math.ceil((maxPixels * 8) / 1_048_576) + 64,
      });
    } catch (cause) {
      throw readFailure('image', 'JPEG image is corrupt or too large', cause);
    }
    checkPixels(image.width, image.height, maxPixels);
    return { width: image.width, height: image.height, data: clamped(image.data) };
  }
  throw readFailure('format', 'image is neither PNG nor JPEG');
}

/** The validated pixel bound. */
export function maxPixelsOf(options: QrReadOptions): number {
  const max = options.maxPixels ?? DEFAULT_QR_MAX_PIXELS;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'maxPixels must be a positive integer', {
      details: { field: 'maxPixels' },
    });
  }
  return max;
}
