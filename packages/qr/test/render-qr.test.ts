import { DeltaIdError } from '@deltaid/core';
import { QR_QUIET_ZONE, qrVersion, renderQrPng, renderQrSvg, renderQrTerminal } from '@deltaid/qr';
import { readQrPixels } from '@deltaid/qr/node';
import { describe, expect, it } from 'vitest';
import { gridPixels, isWellFormedXml, sampleGrid, svgGrid, terminalGrid } from './lib/grid.js';
import { pngPixels } from './lib/pixels.js';
import { FIXED_587, randomYrdText } from './lib/texts.js';

const SHORT = 'YRD1:6BFOXN%TS3DH';

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DeltaIdError);
    expect(err).toMatchObject({ code });
    return;
  }
  expect.unreachable('no error thrown');
}

describe('qrVersion (ISO/IEC 18004 §7.3 alphanumeric mode, Table 7 capacities)', () => {
  it('puts a 587-character YRD1 text in version 15 at M, 13 at L, 19 at Q, 21 at H', () => {
    expect(FIXED_587).toHaveLength(587);
    expect(FIXED_587).toMatch(/^YRD1:[0-9A-Z $%*+\-./:]+$/);
    expect(qrVersion(FIXED_587)).toBe(15);
    expect(qrVersion(FIXED_587, 'M')).toBe(15);
    expect(qrVersion(FIXED_587, 'L')).toBe(13);
    expect(qrVersion(FIXED_587, 'Q')).toBe(19);
    expect(qrVersion(FIXED_587, 'H')).toBe(21);
  });

  it('uses alphanumeric mode: the same length in byte mode needs a larger symbol', () => {
    // Lower case is outside the alphanumeric set, so this text goes in byte mode (8 bits/char, not 5.5).
    expect(qrVersion(FIXED_587.toLowerCase())).toBe(19);
    // Alphanumeric capacity at M (Table 7): version 1 holds 20 characters, version 2 from 21.
    expect(qrVersion('YRD1:'.padEnd(20, 'A'))).toBe(1);
    expect(qrVersion('YRD1:'.padEnd(21, 'A'))).toBe(2);
    // Byte mode at M: version 1 holds 14 bytes.
    expect(qrVersion('yrd1:'.padEnd(14, 'a'))).toBe(1);
    expect(qrVersion('yrd1:'.padEnd(15, 'a'))).toBe(2);
  });

  it('refuses empty and oversized texts and unknown levels', () => {
    expectCode(() => qrVersion(''), 'ERR_INVALID_ARGUMENT');
    // Version 40-L holds 4,296 alphanumeric characters.
    expect(qrVersion('A'.repeat(4296), 'L')).toBe(40);
    expectCode(() => qrVersion('A'.repeat(4297), 'L'), 'ERR_INVALID_ARGUMENT');
    expectCode(() => qrVersion(SHORT, 'X' as 'L'), 'ERR_INVALID_ARGUMENT');
  });
});

describe('renderQrSvg', () => {
  it('writes well-formed SVG with viewBox = symbol + quiet zone, and the same modules as the PNG', async () => {
    const svg = renderQrSvg(FIXED_587);
    expect(isWellFormedXml(svg)).toBe(true);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    // Version 15: 17 + 4 × 15 = 77 modules, + 2 × 4 quiet zone = 85.
    expect(svg).toContain('viewBox="0 0 85 85"');
    expect(svg).toContain('width="340" height="340"');
    const grid = svgGrid(svg);
    expect(grid).toEqual(sampleGrid(pngPixels(await renderQrPng(FIXED_587)), 4));
    // The quiet zone is empty on all four sides.
    for (let i = 0; i < 85; i++) {
      for (let q = 0; q < QR_QUIET_ZONE; q++) {
        expect([grid[q]![i], grid[84 - q]![i], grid[i]![q], grid[i]![84 - q]]).toEqual([
          false,
          false,
          false,
          false,
        ]);
      }
    }
    expect(await readQrPixels(gridPixels(grid, 3))).toBe(FIXED_587);
  });

  it('honours margin and scale, and refuses a quiet zone under 4 modules', () => {
    const svg = renderQrSvg(SHORT, { margin: 6, scale: 2 });
    expect(svg).toContain('viewBox="0 0 33 33"'); // version 1: 21 + 12
    expect(svg).toContain('width="66" height="66"');
    expectCode(() => renderQrSvg(SHORT, { margin: 3 }), 'ERR_INVALID_ARGUMENT');
    expectCode(() => renderQrSvg(SHORT, { scale: 0 }), 'ERR_INVALID_ARGUMENT');
    expectCode(() => renderQrSvg(SHORT, { scale: 1.5 }), 'ERR_INVALID_ARGUMENT');
    expectCode(() => renderQrSvg(''), 'ERR_INVALID_ARGUMENT');
  });

  it('escapes nothing it should not: a text with XML metacharacters only changes the modules', () => {
    const svg = renderQrSvg('<a href="x">&amp;</a>');
    expect(isWellFormedXml(svg)).toBe(true);
    expect(svg).not.toContain('href');
  });
});

describe('renderQrTerminal', () => {
  it('prints only half blocks, spaces and newlines, and reads back to the exact text', async () => {
    for (const colors of ['light-on-dark', 'dark-on-light'] as const) {
      const out = renderQrTerminal(FIXED_587, { colors });
      expect(out).toMatch(/^[\u2580\u2584\u2588 \n]+$/);
      const lines = out.split('\n');
      expect(lines).toHaveLength(Math.ceil(85 / 2) + 1); // 43 lines + the empty string after the final \n
      expect([...lines[0]!]).toHaveLength(85);
      const grid = terminalGrid(out, colors === 'light-on-dark');
      expect(grid).toHaveLength(85);
      expect(grid).toEqual(svgGrid(renderQrSvg(FIXED_587)));
      expect(await readQrPixels(gridPixels(grid, 3))).toBe(FIXED_587);
    }
  });

  it('draws the quiet zone as blocks in light-on-dark (default) and as blanks in dark-on-light', () => {
    expect(renderQrTerminal(SHORT).split('\n')[0]).toBe('\u2588'.repeat(29));
    expect(renderQrTerminal(SHORT, { colors: 'dark-on-light' }).split('\n')[0]).toBe(' '.repeat(29));
    expectCode(() => renderQrTerminal(SHORT, { colors: 'green' as 'light-on-dark' }), 'ERR_INVALID_ARGUMENT');
  });
});

describe('renderQrPng', () => {
  it('writes a 1-bit greyscale PNG of (size + 8) × scale pixels', async () => {
    const png = await renderQrPng(SHORT, { scale: 5 });
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const header = new DataView(png.buffer, png.byteOffset + 16, 13);
    expect([header.getUint32(0), header.getUint32(4), header.getUint8(8), header.getUint8(9)]).toEqual([
      145, 145, 1, 0,
    ]);
    const pixels = pngPixels(png); // pngjs checks every chunk CRC
    expect(pixels.width).toBe(145);
    expect(sampleGrid(pixels, 5)).toEqual(svgGrid(renderQrSvg(SHORT)));
  });

  it('renders at the requested level: Q needs a larger symbol than M for the same text', async () => {
    const m = pngPixels(await renderQrPng(FIXED_587, { scale: 1 }));
    const q = pngPixels(await renderQrPng(FIXED_587, { scale: 1, level: 'Q' }));
    expect(m.width).toBe(17 + 4 * 15 + 8);
    expect(q.width).toBe(17 + 4 * 19 + 8);
    await expect(renderQrPng(FIXED_587, { level: 'Z' as 'M' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
  });

  it('gives a random 600-character text the version qrVersion promises', async () => {
    const text = randomYrdText(600);
    const png = pngPixels(await renderQrPng(text, { scale: 1 }));
    expect(png.width).toBe(17 + 4 * qrVersion(text) + 8);
  });
});
