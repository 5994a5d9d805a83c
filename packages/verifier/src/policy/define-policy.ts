import { DeltaIdError, type DocType, elementIds, impliesClass } from '@deltaid/core';
import type { Policy } from './types.js';

const DOC_TYPES: ReadonlySet<string> = new Set(['cn.gov.mps.eid.1', 'cn.gov.mps.dl.1', 'cn.gov.mps.vl.1']);
const REGIONS: ReadonlySet<string> = new Set(['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH']);

function misuse(message: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `policy: ${message}`);
}

function isDocType(d: string, docTypes: readonly DocType[]): d is DocType {
  return (docTypes as readonly string[]).includes(d);
}

/**
 * Checks a custom policy once, when it is created, so a typo fails at start-up and not at the desk: known document
 * types, regions, element ids and licence classes, and a valid status policy.
 *
 * @param policy - the policy as data.
 * @returns a frozen copy.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` naming the bad field.
 * @example
 * ```ts
 * const shOnly = definePolicy({ name: 'sh-benefits', docTypes: ['cn.gov.mps.eid.1'], regions: ['CN-SH'],
 *   requiredElements: { 'cn.gov.mps.eid.1': ['name', 'id_number'] } });
 * ```
 * @see docs/formats/compact-credential.md §Verification (policy)
 */
export function definePolicy(policy: Policy): Policy {
  if (typeof policy !== 'object' || policy === null) throw misuse('must be an object');
  if (typeof policy.name !== 'string' || policy.name.length === 0)
    throw misuse('name must be a non-empty string');
  if (!Array.isArray(policy.docTypes) || policy.docTypes.length === 0)
    throw misuse('docTypes must list at least one');
  for (const d of policy.docTypes)
    if (!DOC_TYPES.has(d)) throw misuse(`docTypes: unknown document type ${String(d)}`);
  if (policy.regions !== 'all') {
    if (!Array.isArray(policy.regions) || policy.regions.length === 0)
      throw misuse("regions must be 'all' or a list");
    for (const r of policy.regions) if (!REGIONS.has(r)) throw misuse(`regions: unknown region ${String(r)}`);
  }
  if (typeof policy.requiredElements !== 'object' || policy.requiredElements === null)
    throw misuse('requiredElements must be an object');
  for (const [d, ids] of Object.entries(policy.requiredElements)) {
    if (!isDocType(d, policy.docTypes)) throw misuse(`requiredElements: ${d} is not in docTypes`);
    if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string'))
      throw misuse(`requiredElements.${d} must list ids`);
    const known = elementIds(d);
    for (const id of ids)
      if (!known.includes(id)) throw misuse(`requiredElements.${d}: unknown element ${id}`);
  }
  if (policy.requiredClass !== undefined) {
    if (!Array.isArray(policy.requiredClass) || policy.requiredClass.length === 0)
      throw misuse('requiredClass must list at least one class');
    for (const c of policy.requiredClass) {
      // impliesClass throws for an unknown class code: surface it as a policy error.
      try {
        impliesClass([c], c);
      } catch {
        throw misuse(`requiredClass: unknown class ${String(c)}`);
      }
    }
  }
  const sp = policy.statusUnavailable;
  if (sp !== undefined && sp !== 'reject' && sp !== 'warn' && sp !== 'accept') {
    throw misuse("statusUnavailable must be 'reject', 'warn' or 'accept'");
  }
  return Object.freeze({ ...policy });
}
