import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { DeltaIdError } from '@deltaid/core';
import { renderQrPng } from '@deltaid/qr';
import { readQr, readQrFile, readQrPixels } from '@deltaid/qr/node';
import fc from 'fast-check';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngPixels, scaleAndBlur, toPng } from './lib/pixels.js';
import { FIXED_587 } from './lib/texts.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'deltaid-qr-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<DeltaIdError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(DeltaIdError);
    if (err instanceof DeltaIdError) return err;
  }
  return expect.unreachable('no error');
}

async function reason(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await failure(promise);
  return [err.code, err.details.reason];
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** A greyscale 8-bit PNG with the given IHDR dimensions and interlace flag, and `idat` as image data. */
function craftedPng(width: number, height: number, interlace: 0 | 1, idat: Uint8Array): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, interlace], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

describe('readQr on bad input: a typed ERR_QR_READ, never a crash', () => {
  it('refuses garbage, empty and truncated bytes', async () => {
    expect(await reason(readQr(new Uint8Array(0)))).toEqual(['ERR_QR_READ', 'format']);
    expect(await reason(readQr(new TextEncoder().encode('YRD1:NOT AN IMAGE')))).toEqual([
      'ERR_QR_READ',
      'format',
    ]);
    const png = await renderQrPng(FIXED_587);
    expect(await reason(readQr(png.subarray(0, 20)))).toEqual(['ERR_QR_READ', 'image']);
    expect(await reason(readQr(png.subarray(0, png.length - 40)))).toEqual(['ERR_QR_READ', 'image']);
    const flipped = png.slice();
    flipped[60]! ^= 0xff; // inside IDAT: the chunk CRC no longer matches
    expect(await reason(readQr(flipped))).toEqual(['ERR_QR_READ', 'image']);
    expect(await reason(readQr(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])))).toEqual([
      'ERR_QR_READ',
      'image',
    ]);
  });

  it('never throws anything but DeltaIdError on random bytes behind a PNG or JPEG signature (property)', async () => {
    const signatures = [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0xff, 0xd8, 0xff], []];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...signatures),
        fc.uint8Array({ maxLength: 300 }),
        async (signature, rest) => {
          const err = await failure(readQr(Uint8Array.from([...signature, ...rest])));
          expect(err.code).toBe('ERR_QR_READ');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses images larger than maxPixels before decoding them', async () => {
    // Declares 100000 × 100000 pixels: would need 40 GB if decoded.
    const huge = craftedPng(100_000, 100_000, 0, deflateSync(new Uint8Array(10)));
    expect(await reason(readQr(huge))).toEqual(['ERR_QR_READ', 'too-large']);
    const png = await renderQrPng(FIXED_587); // 340 × 340
    expect(await reason(readQr(png, { maxPixels: 340 * 340 - 1 }))).toEqual(['ERR_QR_READ', 'too-large']);
    expect(await readQr(png, { maxPixels: 340 * 340 })).toBe(FIXED_587);
    const p = pngPixels(png);
    const photo = jpeg.encode({ ...p, data: Buffer.from(p.data) }, 90).data;
    expect(await reason(readQr(new Uint8Array(photo), { maxPixels: 100_000 }))).toEqual([
      'ERR_QR_READ',
      'too-large',
    ]);
    expect(await readQr(new Uint8Array(photo), { maxPixels: 340 * 340 })).toBe(FIXED_587);
    // A JPEG header declaring 60000 × 60000 is refused from its SOF segment, before jpeg-js runs.
    const sof = Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0xea, 0x60, 0xea, 0x60, 1, 1, 0x11, 0]);
    expect(await reason(readQr(sof))).toEqual(['ERR_QR_READ', 'too-large']);
    expect(await reason(readQrPixels(p, { maxPixels: 1000 }))).toEqual(['ERR_QR_READ', 'too-large']);
    expect((await failure(readQr(png, { maxPixels: 0 }))).code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('stops an interlaced PNG whose image data inflates past its declared size (zip bomb)', async () => {
    const bomb = craftedPng(64, 64, 1, deflateSync(new Uint8Array(50_000_000)));
    expect(bomb.length).toBeLessThan(100_000);
    const err = await failure(readQr(bomb));
    expect([err.code, err.details.reason]).toEqual(['ERR_QR_READ', 'image']);
    // Stopped by the inflate cap, not by something that ran after inflating 50 MB.
    expect(err.cause).toMatchObject({ code: 'ERR_BUFFER_TOO_LARGE' });
  });

  it('reports no-code for an image without a QR code, or one blurred beyond reading', async () => {
    const blank = { width: 200, height: 200, data: new Uint8ClampedArray(200 * 200 * 4).fill(255) };
    expect(await reason(readQr(toPng(blank)))).toEqual(['ERR_QR_READ', 'no-code']);
    expect(await reason(readQrPixels(blank))).toEqual(['ERR_QR_READ', 'no-code']);
    // Modules of 4 px shrunk to 1.6 px and blurred over 3 px: the finder patterns are gone.
    const ruined = scaleAndBlur(pngPixels(await renderQrPng(FIXED_587)), 0.4);
    expect(await reason(readQr(toPng(ruined)))).toEqual(['ERR_QR_READ', 'no-code']);
  });

  it('refuses misuse with ERR_INVALID_ARGUMENT', async () => {
    expect((await failure(readQr('YRD1:' as unknown as Uint8Array))).code).toBe('ERR_INVALID_ARGUMENT');
    const data = new Uint8ClampedArray(10 * 10 * 4);
    expect((await failure(readQrPixels({ width: 10, height: 11, data }))).code).toBe('ERR_INVALID_ARGUMENT');
    expect((await failure(readQrPixels({ width: 0, height: 0, data: new Uint8ClampedArray(0) }))).code).toBe(
      'ERR_QR_READ',
    );
  });

  it('readQrFile: missing file, directory and oversized file are ERR_QR_READ', async () => {
    expect(await reason(readQrFile(join(dir, 'missing.png')))).toEqual(['ERR_QR_READ', 'io']);
    expect(await reason(readQrFile(dir))).toEqual(['ERR_QR_READ', 'io']);
    const file = join(dir, 'code.png');
    const png = await renderQrPng('YRD1:ABC');
    await writeFile(file, png);
    expect(await reason(readQrFile(file, { maxBytes: png.length - 1 }))).toEqual([
      'ERR_QR_READ',
      'too-large',
    ]);
    expect(await readQrFile(file, { maxBytes: png.length })).toBe('YRD1:ABC');
  });
});
