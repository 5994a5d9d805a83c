import { DeltaIdError } from '../../errors.js';

/**
 * The one way a validator rejects input: ERR_CLAIMS, a message that starts with the field name,
 * and the field in `details`. Messages never echo the value: it is personal data.
 */
export function claimsError(field: string, problem: string): DeltaIdError<'ERR_CLAIMS'> {
  return new DeltaIdError('ERR_CLAIMS', `${field}: ${problem}`, { details: { field } });
}
