import { checkRequirements, type DocType, type ElementValue } from '@deltaid/core';
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
  return checkRequirements(policy, docType, elements);
}
