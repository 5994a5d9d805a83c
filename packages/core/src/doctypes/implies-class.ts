import { DeltaIdError } from '../errors.js';
import { IMPLIED, isLicenceClass } from './lib/classes.js';
import { parseLicenceClasses } from './parse-licence-classes.js';
import type { LicenceClass } from './types.js';

/**
 * Whether a licence with the `held` classes permits driving vehicles of class `wanted`
 * (准予驾驶的其他准驾车型, closed under transitivity; every class permits itself). A car-rental
 * policy "C1 or above" is `impliesClass(held, 'C1')`: true for A1, A2, A3, B1, B2, C1.
 *
 * @param held - classes as printed (`'A2D'`) or already parsed.
 * @param wanted - the class required.
 * @returns true when some held class permits `wanted`.
 * @throws DeltaIdError `ERR_CLAIMS` when `held` is a malformed string;
 *   `ERR_INVALID_ARGUMENT` when `wanted` or an element of `held` is not a licence class.
 * @example impliesClass('B2E', 'C1') // true
 * @see 公安部令第162号 附件 1
 */
export function impliesClass(held: string | readonly LicenceClass[], wanted: LicenceClass): boolean {
  if (!isLicenceClass(wanted)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'wanted: not a licence class', {
      details: { field: 'wanted' },
    });
  }
  const classes = typeof held === 'string' ? parseLicenceClasses(held) : held;
  return classes.some((c) => {
    if (!isLicenceClass(c)) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'held: not a licence class', {
        details: { field: 'held' },
      });
    }
    return IMPLIED.get(c)?.has(wanted) === true;
  });
}
