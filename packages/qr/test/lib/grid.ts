import type { Pixels } from './pixels.js';

/** A square grid of modules (true = dark), quiet zone included. */
export type Grid = boolean[][];

/** Draws a grid at `scale` pixels per module, black on white, as RGBA pixels. */
export function gridPixels(grid: Grid, scale: number): Pixels {
  const n = grid.length;
  const width = n * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      if (grid[Math.floor(y / scale)]![Math.floor(x / scale)])
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { width, height: width, data };
}

/** Samples a rendered PNG's pixels at module centres. */
export function sampleGrid(p: Pixels, scale: number): Grid {
  const n = p.width / scale;
  return Array.from({ length: n }, (_, r) =>
    Array.from({ length: n }, (_, c) => {
      const x = c * scale + Math.floor(scale / 2);
      const y = r * scale + Math.floor(scale / 2);
      return p.data[(y * p.width + x) * 4]! < 128;
    }),
  );
}

/**
 * Rasterises the SVG our renderer writes: reads the viewBox and replays the path's
 * `M x y h w v1 h-w z` runs. Anything else in the path fails the parse, so a change of drawing
 * primitives shows up here instead of passing silently.
 */
export function svgGrid(svg: string): Grid {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox || viewBox[1] !== viewBox[2]) throw new Error('no square viewBox');
  const n = Number(viewBox[1]);
  const grid: Grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  const d = /<path fill="#000" d="([^"]*)"\/>/.exec(svg)?.[1];
  if (d === undefined) throw new Error('no path');
  const run = /M(\d+) (\d+)h(\d+)v1h-(\d+)z/y;
  let at = 0;
  while (at < d.length) {
    run.lastIndex = at;
    const m = run.exec(d);
    if (!m || m[3] !== m[4]) throw new Error(`unexpected path data at ${at}`);
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) grid[y]![x + i] = true;
    at = run.lastIndex;
  }
  return grid;
}

/** Reads terminal output back into modules; `lightOnDark` says which of ink/blank is the dark module. */
export function terminalGrid(out: string, lightOnDark: boolean): Grid {
  const lines = out.split('\n');
  if (lines.pop() !== '') throw new Error('no trailing newline');
  const n = [...lines[0]!].length;
  const rows: Grid = [];
  for (const line of lines) {
    const chars = [...line];
    if (chars.length !== n) throw new Error('ragged lines');
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    for (const ch of chars) {
      const [t, b] = {
        '\u2588': [true, true],
        '\u2580': [true, false],
        '\u2584': [false, true],
        ' ': [false, false],
      }[ch] ?? [null, null];
      if (t === null || b === null)
        throw new Error(`unexpected character U+${ch.codePointAt(0)?.toString(16)}`);
      // Ink marks light modules in light-on-dark output.
      top.push(t !== lightOnDark);
      bottom.push(b !== lightOnDark);
    }
    rows.push(top, bottom);
  }
  return rows.slice(0, n); // n is odd: the last half line is padding
}

/** Well-formedness of the small XML subset the SVG renderer writes (elements, quoted attributes, no text). */
export function isWellFormedXml(xml: string): boolean {
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<&]*")*)\s*(\/?)>/y;
  const stack: string[] = [];
  let at = 0;
  let roots = 0;
  while (at < xml.length) {
    token.lastIndex = at;
    const m = token.exec(xml);
    if (!m) return false;
    const [, close, name, , selfClose] = m;
    if (close) {
      if (stack.pop() !== name) return false;
    } else {
      if (stack.length === 0) roots++;
      if (!selfClose) stack.push(name!);
    }
    at = token.lastIndex;
  }
  return stack.length === 0 && roots === 1;
}
