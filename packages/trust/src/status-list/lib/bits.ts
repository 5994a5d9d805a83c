import { DeltaIdError } from '@deltaid/core';
import type { StatusListBits } from '../constants.js';

/** True for the four widths the draft allows. */
export function isBits(v: unknown): v is StatusListBits {
  return v === 1 || v === 2 || v === 4 || v === 8;
}

export function assertBits(v: unknown): asserts v is StatusListBits {
  if (!isBits(v)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'bits must be 1, 2, 4 or 8', {
      details: { bits: typeof v === 'number' ? v : String(v) },
    });
  }
}
