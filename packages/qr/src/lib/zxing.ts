import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { DeltaIdError } from '@deltaid/core';
import { prepareZXingModule, readBarcodes, ZXING_WASM_SHA256 } from 'zxing-wasm/reader';
import { type RgbaImage, readFailure } from './decode-image.js';

let ready: Promise<void> | undefined;

/**
 * Loads the ZXing-C++ reader from the wasm file installed with zxing-wasm. Without this, zxing-wasm
 * would fetch the binary from a CDN at first use: a verifier must work offline and run only the code
 * it shipped, so the local file is read and its SHA-256 checked against the one the package pins.
 */
async function load(): Promise<void> {
  const path = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
  const wasm = await readFile(path);
  if (createHash('sha256').update(wasm).digest('hex') !== ZXING_WASM_SHA256) {
    throw new DeltaIdError('ERR_UNSUPPORTED', 'the installed ZXing reader does not match its pinned hash');
  }
  await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
}

function zxingReady(): Promise<void> {
  ready ??= load().catch((cause: unknown) => {
    ready = undefined; // let a later call try again (e.g. after a transient I/O error)
    throw cause instanceof DeltaIdError
      ? cause
      : new DeltaIdError('ERR_UNSUPPORTED', 'cannot load the ZXing reader', { cause });
  });
  return ready;
}

/** Finds one QR code in the pixels and returns its text exactly (no character set guessing beyond ZXing's). */
export async function scanQr(image: RgbaImage): Promise<string> {
  await zxingReady();
  let results: Awaited<ReturnType<typeof readBarcodes>>;
  try {
    results = await readBarcodes(
      { width: image.width, height: image.height, data: image.data, colorSpace: 'srgb' },
      {
        formats: ['QRCode'],
        maxNumberOfSymbols: 1,
        // Photos: search harder, rotated, inverted (phone screens in dark mode) and downscaled.
        tryHarder: true,
        tryRotate: true,
        tryInvert: true,
        tryDownscale: true,
        textMode: 'Plain',
      },
    );
  } catch (cause) {
    throw readFailure('decoder', 'the QR decoder failed on this image', cause);
  }
  const hit = results.find((r) => r.isValid && r.symbology === 'QRCode');
  if (hit === undefined) throw readFailure('no-code', 'no readable QR code in the image');
  return hit.text;
}
