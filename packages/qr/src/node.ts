// @deltaid/qr/node — reading QR codes from images (Node only: pngjs, jpeg-js, zxing-wasm, node:fs).
export { DEFAULT_QR_MAX_PIXELS, type QrReadOptions } from './read-options.js';
export { readQr } from './read-qr.js';
export { type QrReadFileOptions, readQrFile } from './read-qr-file.js';
export { type QrPixels, readQrPixels } from './read-qr-pixels.js';
