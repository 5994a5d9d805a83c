import {
  type CompactCredential,
  DeltaIdError,
  decodeCredential,
  getDocType,
  type Label,
  type Purpose,
} from '@deltaid/core';
import type { CredentialSummary } from '../credentials/types.js';
import type { StoredCredential } from '../storage/types.js';

const PURPOSE_LABELS: Readonly<Record<Purpose, Label>> = {
  full: { zh: '完整', en: 'full' },
  checkin: { zh: '住宿登记', en: 'check-in' },
  age: { zh: '年龄证明', en: 'age' },
  traffic: { zh: '交通执法', en: 'traffic' },
};

/** Decodes a stored credential; a record that no longer decodes is storage corruption, not the caller's input. */
export function decodeStored(record: StoredCredential): CompactCredential {
  try {
    return decodeCredential(record.credential);
  } catch (cause) {
    throw new DeltaIdError('ERR_STORAGE', `stored credential ${record.id} does not decode`, { cause });
  }
}

export function summarise(
  record: StoredCredential,
  c: CompactCredential = decodeStored(record),
): CredentialSummary {
  const def = getDocType(c.docType);
  return {
    id: record.id,
    docType: c.docType,
    docTypeLabel: def.label,
    purpose: c.purpose,
    purposeLabel: PURPOSE_LABELS[c.purpose],
    issuer: record.issuer,
    issuedAt: c.issuedAt,
    notBefore: c.notBefore,
    expiresAt: c.expiresAt,
    receivedAt: record.receivedAt,
    elementIds: def.elements.filter((e) => c.elements[e.id] !== undefined).map((e) => e.id),
  };
}
