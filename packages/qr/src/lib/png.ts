import { concatBytes, deflate } from '@deltaid/core';

// CRC-32 (ISO 3309, polynomial 0xEDB88320) as PNG §5.5 requires for every chunk.
const CRC_TABLE: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const body = new Uint8Array(4 + data.length);
  for (let i = 0; i < 4; i++) body[i] = type.charCodeAt(i);
  body.set(data, 4);
  const out = new Uint8Array(8 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(8 + data.length, crc32(body));
  return out;
}

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Encodes a bilevel image as a PNG: greyscale, bit depth 1 (0 = black, 1 = white), not interlaced,
 * filter type 0 on every row. `black(x, y)` is asked once per pixel.
 */
export async function encodeBilevelPng(
  width: number,
  height: number,
  black: (x: number, y: number) => boolean,
): Promise<Uint8Array> {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, colour type 0 (greyscale), deflate, filter 0, no interlace
  const stride = 1 + Math.ceil(width / 8);
  const raw = new Uint8Array(stride * height); // each row: filter byte 0, then packed pixels, MSB first
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!black(x, y)) raw[y * stride + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return concatBytes(
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', await deflate(raw)),
    chunk('IEND', new Uint8Array(0)),
  );
}
