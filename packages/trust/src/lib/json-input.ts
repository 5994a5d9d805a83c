import { DeltaIdError } from '@deltaid/core';

/** JSON text or an already parsed value. */
export function json(input: string | unknown): unknown {
  if (typeof input !== 'string') return input;
  try {
    return JSON.parse(input);
  } catch (cause) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'manifest is not valid JSON', { cause });
  }
}
