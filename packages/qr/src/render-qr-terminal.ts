import { DeltaIdError } from '@deltaid/core';
import { checkLevel, checkMargin, qrMatrix } from './lib/matrix.js';
import type { QrOptions } from './options.js';

/** Options of {@link renderQrTerminal}. */
export interface QrTerminalOptions extends QrOptions {
  /**
   * What the terminal shows: `'light-on-dark'` (default, the usual dark terminal theme: light modules and
   * the quiet zone are drawn as blocks) or `'dark-on-light'` (dark modules are drawn as blocks).
   */
  readonly colors?: 'light-on-dark' | 'dark-on-light';
}

// Two module rows per text line: upper half, lower half, both, neither.
const UPPER = '\u2580';
const LOWER = '\u2584';
const FULL = '\u2588';

/**
 * Renders `text` as a QR code for a terminal, with Unicode half blocks (two module rows per line, one
 * column per module) and no escape sequences, so the output is plain printable text that also survives
 * logs and pipes. The quiet zone is kept.
 *
 * @param text - the text to encode; `YRD1:` texts go in alphanumeric mode.
 * @param options - `level` (default `'M'`), `margin` (default 4), `colors` (default `'light-on-dark'`).
 * @returns the lines, joined with `\n`, with a trailing `\n`.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` on empty or oversized text or invalid options.
 * @example process.stdout.write(renderQrTerminal(presentationText))
 * @see ISO/IEC 18004:2015 §5.3.8 (quiet zone); Unicode Block Elements U+2580–U+259F.
 */
export function renderQrTerminal(text: string, options: QrTerminalOptions = {}): string {
  const matrix = qrMatrix(text, checkLevel(options.level));
  const margin = checkMargin(options);
  const colors = options.colors ?? 'light-on-dark';
  if (colors !== 'light-on-dark' && colors !== 'dark-on-light') {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', "colors must be 'light-on-dark' or 'dark-on-light'", {
      details: { field: 'colors' },
    });
  }
  const inverted = colors === 'dark-on-light';
  const n = matrix.size + 2 * margin;
  // A block is drawn where the module is light (or dark, when inverted); the quiet zone is light.
  const ink = (row: number, col: number): boolean => {
    const r = row - margin;
    const c = col - margin;
    const dark = r >= 0 && c >= 0 && r < matrix.size && c < matrix.size && matrix.dark(r, c);
    return dark === inverted;
  };
  let out = '';
  for (let row = 0; row < n; row += 2) {
    for (let col = 0; col < n; col++) {
      const top = ink(row, col);
      // Odd n: the last line's lower half is outside the symbol, drawn as blank (the terminal background).
      const bottom = row + 1 < n && ink(row + 1, col);
      out += top ? (bottom ? FULL : UPPER) : bottom ? LOWER : ' ';
    }
    out += '\n';
  }
  return out;
}
