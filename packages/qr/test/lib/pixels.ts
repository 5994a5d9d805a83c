import { PNG } from 'pngjs';

/** Greyscale-as-RGBA pixels. */
export interface Pixels {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray<ArrayBuffer>;
}

export function pngPixels(png: Uint8Array): Pixels {
  const image = PNG.sync.read(Buffer.from(png));
  return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
}

export function toPng(pixels: Pixels): Uint8Array {
  const png = new PNG({ width: pixels.width, height: pixels.height });
  png.data.set(pixels.data);
  return new Uint8Array(PNG.sync.write(png));
}

/**
 * What a camera does to a printed code, roughly: resample by `factor` (bilinear, so module edges land
 * between pixels and turn grey), then a 3×3 box blur. Plain pixel arithmetic on the red channel.
 */
export function scaleAndBlur(src: Pixels, factor: number): Pixels {
  const width = Math.round(src.width * factor);
  const height = Math.round(src.height * factor);
  const at = (x: number, y: number): number => {
    const cx = Math.min(src.width - 1, Math.max(0, x));
    const cy = Math.min(src.height - 1, Math.max(0, y));
    return src.data[(cy * src.width + cx) * 4]!;
  };
  const scaled = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = (x + 0.5) / factor - 0.5;
      const sy = (y + 0.5) / factor - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const dx = sx - x0;
      const dy = sy - y0;
      scaled[y * width + x] =
        at(x0, y0) * (1 - dx) * (1 - dy) +
        at(x0 + 1, y0) * dx * (1 - dy) +
        at(x0, y0 + 1) * (1 - dx) * dy +
        at(x0 + 1, y0 + 1) * dx * dy;
    }
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let j = -1; j <= 1; j++) {
        for (let i = -1; i <= 1; i++) {
          const xx = x + i;
          const yy = y + j;
          if (xx >= 0 && yy >= 0 && xx < width && yy < height) {
            sum += scaled[yy * width + xx]!;
            n++;
          }
        }
      }
      const v = Math.round(sum / n);
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** Count of pixels that are neither black nor white: proof that a transform really blurred the image. */
export function greyPixels(p: Pixels): number {
  let n = 0;
  for (let i = 0; i < p.data.length; i += 4) if (p.data[i]! > 0 && p.data[i]! < 255) n++;
  return n;
}
