import type { DocType, ElementValue, Label, Purpose } from '@deltaid/core';
import type { StoredIssuer } from '../storage/types.js';

/** What a wallet shows in its list of credentials: no element values, nothing personal. */
export interface CredentialSummary {
  /** Lower-case hex of the credential id (`cti`): the handle for inspect, present and delete. */
  readonly id: string;
  readonly docType: DocType;
  /** The document type's name, e.g. 居民身份证 / Resident identity card. */
  readonly docTypeLabel: Label;
  readonly purpose: Purpose;
  readonly purposeLabel: Label;
  readonly issuer: StoredIssuer;
  /** Seconds since the epoch. */
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly expiresAt: number;
  readonly receivedAt: number;
  /** Ids of the elements the credential discloses, in key order. */
  readonly elementIds: readonly string[];
}

/** One element for display: the bilingual label and formatted value, and the value itself. */
export interface InspectedElement {
  readonly id: string;
  readonly label: Label;
  /** Display form, e.g. `{ zh: '汉族', en: 'Han' }` for ethnicity `01`. */
  readonly display: Label;
  readonly value: ElementValue;
}

/** Everything in one credential, ready for a detail screen. */
export interface CredentialDetails extends CredentialSummary {
  readonly elements: readonly InspectedElement[];
}
