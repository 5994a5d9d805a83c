import type { LicenceClass } from '../types.js';
import { LICENCE_CLASSES } from './licence-classes.js';

export const CLASS_ORDER: readonly LicenceClass[] = LICENCE_CLASSES.map((c) => c.code);

export function isLicenceClass(v: unknown): v is LicenceClass {
  return typeof v === 'string' && (CLASS_ORDER as readonly string[]).includes(v);
}

/**
 * Reflexive-transitive closure of the 准予驾驶 table. The published table is already closed
 * (A1 ⇒ B1 ⇒ M is listed as A1 ⇒ M), but computing the closure keeps that a property of the code,
 * not an assumption about the table.
 */
function closure(): ReadonlyMap<LicenceClass, ReadonlySet<LicenceClass>> {
  const direct = new Map(LICENCE_CLASSES.map((c) => [c.code, c.implies]));
  const out = new Map<LicenceClass, ReadonlySet<LicenceClass>>();
  for (const start of CLASS_ORDER) {
    const seen = new Set<LicenceClass>([start]);
    const todo: LicenceClass[] = [start];
    for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
      for (const c of direct.get(next) ?? []) {
        if (!seen.has(c)) {
          seen.add(c);
          todo.push(c);
        }
      }
    }
    out.set(start, seen);
  }
  return out;
}

export const IMPLIED: ReadonlyMap<LicenceClass, ReadonlySet<LicenceClass>> = /* @__PURE__ */ closure();
