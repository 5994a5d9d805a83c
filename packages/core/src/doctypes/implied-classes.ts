import { DeltaIdError } from '../errors.js';
import { CLASS_ORDER, IMPLIED, isLicenceClass } from './lib/classes.js';
import type { LicenceClass } from './types.js';

/**
 * Every class a licence of class `cls` permits, itself included (reflexive-transitive closure of
 * 准予驾驶的其他准驾车型).
 *
 * @param cls - a licence class.
 * @returns the permitted classes in printing order.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when `cls` is not a licence class.
 * @example impliedClasses('C1') // ['C1', 'C2', 'C3', 'C4']
 * @see 公安部令第162号 附件 1
 */
export function impliedClasses(cls: LicenceClass): LicenceClass[] {
  const set = isLicenceClass(cls) ? IMPLIED.get(cls) : undefined;
  if (!set)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'cls: not a licence class', { details: { field: 'cls' } });
  return CLASS_ORDER.filter((c) => set.has(c));
}
