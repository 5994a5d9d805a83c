import { type DocType, type ElementValue, impliesClass } from '@deltaid/core';
import type { Policy } from './types.js';

/**
 * Checks a verified credential's elements against a policy: required elements present, required values held,
 * licence classes including or implying one of `requiredClass`.
 *
 * @param policy - the desk's policy.
 * @param docType - the credential's document type.
 * @param elements - its verified elements.
 * @returns the first unmet requirement in words (for logs; the desk shows the `ERR_POLICY` message), or `undefined`.
 * @example checkPolicyElements(POLICY_PRESETS['car-rental'], 'cn.gov.mps.dl.1', { classes: 'C2', … }) // 'licence classes must include or imply C1'
 * @see docs/formats/compact-credential.md §Verification (policy)
 */
export function checkPolicyElements(
  policy: Policy,
  docType: DocType,
  elements: Readonly<Record<string, ElementValue>>,
): string | undefined {
  for (const id of policy.requiredElements[docType] ?? []) {
    if (elements[id] === undefined) return `element ${id} is required`;
  }
  for (const [id, want] of Object.entries(policy.requiredValues ?? {})) {
    // A required value is also a required element: leaving the element out must not pass the check.
    if (elements[id] !== want) return `element ${id} must be ${String(want)}`;
  }
  if (policy.requiredClass !== undefined && docType === 'cn.gov.mps.dl.1') {
    const held = elements.classes;
    let ok = false;
    try {
      ok = typeof held === 'string' && policy.requiredClass.some((c) => impliesClass(held, c));
    } catch {
      // A signed but unparsable class string (an issuer bug) satisfies nothing.
    }
    if (!ok) return `licence classes must include or imply ${policy.requiredClass.join(' or ')}`;
  }
  return undefined;
}
