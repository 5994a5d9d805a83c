import { DeltaIdError } from '@deltaid/core';
import type { QRCode as QrSymbol } from 'qrcode';
import QRCode from 'qrcode';
import {
  DEFAULT_QR_LEVEL,
  QR_QUIET_ZONE,
  type QrErrorCorrectionLevel,
  type QrImageOptions,
  type QrOptions,
} from '../options.js';

/** The encoded symbol, without quiet zone: `dark(row, col)` for 0 ≤ row, col < size. */
export interface QrMatrix {
  readonly version: number;
  readonly size: number;
  readonly mode: 'alphanumeric' | 'byte';
  dark(row: number, col: number): boolean;
}

// ISO/IEC 18004:2015 Table 5, the 45 characters of alphanumeric mode (the same set as base45, RFC 9285 §4).
const ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;
const LEVELS: ReadonlySet<string> = new Set(['L', 'M', 'Q', 'H']);

/** Throws unless `level` is one of L, M, Q, H (callers may be plain JavaScript). */
export function checkLevel(level: unknown): QrErrorCorrectionLevel {
  if (level === undefined) return DEFAULT_QR_LEVEL;
  if (level === 'L' || level === 'M' || level === 'Q' || level === 'H') return level;
  throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'QR error correction level must be L, M, Q or H', {
    details: { field: 'level', allowed: [...LEVELS].join(',') },
  });
}

function checkInt(value: unknown, field: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `${field} must be an integer from ${min} to ${max}`, {
      details: { field, min, max },
    });
  }
  return value;
}

/** The validated quiet zone, in modules. */
export function checkMargin(options: QrOptions): number {
  return checkInt(options.margin, 'margin', QR_QUIET_ZONE, 64, QR_QUIET_ZONE);
}

/** The validated number of pixels per module. */
export function checkScale(options: QrImageOptions): number {
  return checkInt(options.scale, 'scale', 1, 64, 4);
}

/**
 * Encodes `text` as one QR segment: alphanumeric when every character is in that set (all `YRD1:`
 * texts: prefix + base45), else UTF-8 bytes. One fixed segment rather than qrcode's own split keeps the
 * symbol predictable for a given text length, which the size budget of the compact format relies on.
 */
export function qrMatrix(text: string, level: QrErrorCorrectionLevel): QrMatrix {
  if (typeof text !== 'string' || text.length === 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'QR text must be a non-empty string');
  }
  const alphanumeric = ALPHANUMERIC.test(text);
  let code: QrSymbol;
  try {
    code = QRCode.create(
      alphanumeric
        ? [{ mode: 'alphanumeric', data: text }]
        : [{ mode: 'byte', data: new TextEncoder().encode(text) }],
      { errorCorrectionLevel: level },
    );
  } catch (cause) {
    // qrcode throws plain Errors; the only one reachable with a validated level is "too big".
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'text does not fit in a QR code (version 40)', {
      cause,
      details: { length: text.length, level, mode: alphanumeric ? 'alphanumeric' : 'byte' },
    });
  }
  const { size, data } = code.modules;
  return {
    version: code.version,
    size,
    mode: alphanumeric ? 'alphanumeric' : 'byte',
    dark: (row, col) => data[row * size + col] === 1,
  };
}
