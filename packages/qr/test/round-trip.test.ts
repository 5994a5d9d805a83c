import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { qrVersion, renderQrPng } from '@deltaid/qr';
import { readQr, readQrFile, readQrPixels } from '@deltaid/qr/node';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBarcodes } from 'zxing-wasm/reader';
import { greyPixels, pngPixels, scaleAndBlur, toPng } from './lib/pixels.js';
import { FIXED_587, randomYrdText, yrdText } from './lib/texts.js';

const run = promisify(execFile);
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deltaid-qr-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** zbar (Debian zbar-tools, installed by .ci/run): an independent decoder, written in C, not ZXing. */
async function zbarimg(png: Uint8Array, name: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, png);
  const { stdout } = await run('zbarimg', ['--raw', '-q', file]);
  return stdout;
}

const LONG = [FIXED_587, randomYrdText(600), randomYrdText(620)];
const SHORT = ['YRD1:', 'YRD1:6BFOXN%TS3DH', yrdText(new Uint8Array([0, 1, 2, 254, 255]))];

describe('render → read back (our reader, ZXing-C++)', () => {
  it('reads ~600-character and short YRD1 texts back exactly, at every level', async () => {
    for (const text of [...LONG, ...SHORT]) {
      expect(await readQr(await renderQrPng(text))).toBe(text);
    }
    for (const level of ['L', 'Q', 'H'] as const) {
      expect(await readQr(await renderQrPng(LONG[1]!, { level }))).toBe(LONG[1]);
    }
  });

  it('agrees with the decoder on version and level: 15-M for the fixed 587-character text', async () => {
    await readQr(await renderQrPng('A')); // loads the wasm module through our own loader
    for (const [level, version] of [
      ['M', 15],
      ['L', 13],
      ['Q', 19],
    ] as const) {
      const pixels = pngPixels(await renderQrPng(FIXED_587, { level }));
      const [result] = await readBarcodes({ ...pixels, colorSpace: 'srgb' }, { formats: ['QRCode'] });
      expect([result?.version, result?.ecLevel, result?.text]).toEqual([String(version), level, FIXED_587]);
      expect(qrVersion(FIXED_587, level)).toBe(version);
    }
  });

  it('reads JPEG photos of the code, and files', async () => {
    const pixels = pngPixels(await renderQrPng(LONG[1]!));
    const photo = jpeg.encode(
      { width: pixels.width, height: pixels.height, data: Buffer.from(pixels.data) },
      75,
    );
    expect(await readQr(new Uint8Array(photo.data))).toBe(LONG[1]);
    const file = join(dir, 'photo.jpg');
    await writeFile(file, photo.data);
    expect(await readQrFile(file)).toBe(LONG[1]);
  });

  it('still reads a rendered PNG after scaling and a slight blur', async () => {
    const sharp = pngPixels(await renderQrPng(FIXED_587)); // 4 px per module
    for (const factor of [0.7, 1.3]) {
      const photo = scaleAndBlur(sharp, factor);
      expect(greyPixels(photo)).toBeGreaterThan(photo.width * 10); // really blurred, not just resized
      expect(await readQr(toPng(photo))).toBe(FIXED_587);
      expect(await readQrPixels(photo)).toBe(FIXED_587);
    }
  });

  it('reads a rotated, inverted (dark mode) code', async () => {
    const p = pngPixels(await renderQrPng(SHORT[1]!));
    const data = new Uint8ClampedArray(p.data.length);
    for (let y = 0; y < p.height; y++) {
      for (let x = 0; x < p.width; x++) {
        // Rotate 90° and invert the greys.
        const from = (y * p.width + x) * 4;
        const to = (x * p.height + (p.height - 1 - y)) * 4;
        data.set([255 - p.data[from]!, 255 - p.data[from + 1]!, 255 - p.data[from + 2]!, 255], to);
      }
    }
    expect(await readQrPixels({ width: p.height, height: p.width, data })).toBe(SHORT[1]);
  });

  it('round-trips arbitrary base45 payloads (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 420 }), async (bytes) => {
        const text = yrdText(bytes);
        expect(await readQr(await renderQrPng(text, { scale: 2 }))).toBe(text);
      }),
      { numRuns: 15 },
    );
  });
});

describe('render → zbarimg (independent decoder)', () => {
  it('zbarimg reads our PNGs back to the exact text, long and short', async () => {
    const texts = [...LONG, ...SHORT];
    for (const [i, text] of texts.entries()) {
      expect(await zbarimg(await renderQrPng(text), `t${i}.png`)).toBe(`${text}\n`);
    }
  });

  it('zbarimg reads the scaled and blurred image too, and finds nothing in an image without a code', async () => {
    const photo = scaleAndBlur(pngPixels(await renderQrPng(FIXED_587)), 1.3);
    expect(await zbarimg(toPng(photo), 'blurred.png')).toBe(`${FIXED_587}\n`);
    const blank = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) };
    // zbarimg exits 4 when no symbol is found.
    await expect(zbarimg(toPng(blank), 'blank.png')).rejects.toMatchObject({ code: 4 });
  });
});
