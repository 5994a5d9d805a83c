/* Cross-field rules shared by the claims schemas. Each adds one issue naming the field it blames. */
import type { z } from 'zod';
import { DeltaIdError } from '../../errors.js';
import { validateIdNumber } from '../validate-id-number.js';
import { cstDate } from './dates.js';
import { LONG_TERM } from './element-schemas.js';

type Ctx = z.core.$RefinementCtx<unknown>;

export function issue(ctx: Ctx, field: string, problem: string): void {
  ctx.addIssue({ code: 'custom', message: `${field}: ${problem}`, path: [field], input: undefined });
}

/** A date (or 'long-term') that must not lie after today's date in China. */
export function notFuture(ctx: Ctx, field: string, value: unknown, now: Date | undefined): void {
  if (now !== undefined && typeof value === 'string' && value !== LONG_TERM && value > cstDate(now)) {
    issue(ctx, field, 'must not be in the future');
  }
}

/** `later` must come after `earlier` ('long-term' is after every date); `strict` forbids equality. */
export function ordered(
  ctx: Ctx,
  earlierField: string,
  earlier: unknown,
  laterField: string,
  later: unknown,
  strict: boolean,
): void {
  if (typeof earlier !== 'string' || typeof later !== 'string' || later === LONG_TERM) return;
  if (later < earlier || (strict && later === earlier)) {
    issue(ctx, laterField, `must be ${strict ? 'after' : 'on or after'} ${earlierField}`);
  }
}

/**
 * The ID number fixes birth date and sex; a record that disagrees with its own number is a data
 * error at the issuer, and would let a verifier show two different birth dates.
 */
export function matchesIdNumber(
  ctx: Ctx,
  idField: string,
  id: unknown,
  birthDate: unknown,
  sex: unknown,
  now: Date | undefined,
): void {
  try {
    const info = validateIdNumber(id, now === undefined ? { field: idField } : { field: idField, now });
    if (typeof birthDate === 'string' && birthDate !== info.birthDate) {
      issue(ctx, 'birth_date', `does not match the birth date in ${idField}`);
    }
    if (typeof sex === 'number' && sex !== info.sex)
      issue(ctx, 'sex', `does not match the sex digit of ${idField}`);
  } catch (err) {
    if (!(err instanceof DeltaIdError)) throw err;
    ctx.addIssue({ code: 'custom', message: err.message, path: [idField], input: undefined });
  }
}
