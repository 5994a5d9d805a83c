import {
  type CompactCredential,
  DeltaIdError,
  type DocType,
  type ElementValue,
  impliesClass,
  type LicenceClass,
  PRESET_REQUIREMENTS,
  type Requirements,
} from '@deltaid/core';
import type { PresentationRequest, WalletPurpose } from '../present/types.js';
import type { StoredCredential } from '../storage/types.js';
import { decodeStored } from './summary.js';

/** One acceptable way to satisfy a request: a document type (or any), the elements it must carry, required values. */
interface Alternative {
  readonly docType?: DocType;
  readonly elements: readonly string[];
  readonly values?: Readonly<Record<string, ElementValue>>;
  /** Licence classes the holder must hold or have implied (any one), as the car-rental preset requires. */
  readonly classes?: readonly LicenceClass[];
}

/**
 * The presets' requirements come from `@deltaid/core` (`PRESET_REQUIREMENTS`), the very data the verifier's presets
 * are built from, so what the wallet offers and what the desk accepts cannot drift apart.
 */
function alternativesOf(r: Requirements): readonly Alternative[] {
  return r.docTypes.map(
    (docType): Alternative => ({
      docType,
      elements: r.requiredElements[docType] ?? [],
      ...(r.requiredValues === undefined ? {} : { values: r.requiredValues }),
      ...(r.requiredClass === undefined ? {} : { classes: r.requiredClass }),
    }),
  );
}

const PURPOSES: Readonly<Record<WalletPurpose, readonly Alternative[]>> = {
  'hotel-checkin': alternativesOf(PRESET_REQUIREMENTS['hotel-checkin']),
  'traffic-stop': alternativesOf(PRESET_REQUIREMENTS['traffic-stop']),
  'car-rental': alternativesOf(PRESET_REQUIREMENTS['car-rental']),
  'age-18': alternativesOf(PRESET_REQUIREMENTS['age-18']),
};

function misuse(message: string): DeltaIdError {
  return new DeltaIdError('ERR_INVALID_ARGUMENT', `request: ${message}`);
}

function alternatives(request: PresentationRequest): { alts: readonly Alternative[]; name: string } {
  if (typeof request !== 'object' || request === null) throw misuse('must be an object');
  if ('purpose' in request) {
    const alts = Object.hasOwn(PURPOSES, request.purpose) ? PURPOSES[request.purpose] : undefined;
    if (alts === undefined) throw misuse(`unknown purpose ${String(request.purpose)}`);
    return { alts, name: request.purpose };
  }
  const { elements, docTypes } = request;
  if (
    !Array.isArray(elements) ||
    elements.length === 0 ||
    elements.some((e) => typeof e !== 'string' || e === '')
  )
    throw misuse('elements must list element ids');
  if (docTypes === undefined) return { alts: [{ elements }], name: 'elements' };
  if (!Array.isArray(docTypes) || docTypes.length === 0) throw misuse('docTypes must list document types');
  return { alts: docTypes.map((docType) => ({ docType, elements })), name: 'elements' };
}

function satisfies(c: CompactCredential, alt: Alternative): boolean {
  if (alt.docType !== undefined && c.docType !== alt.docType) return false;
  if (!alt.elements.every((id) => c.elements[id] !== undefined)) return false;
  if (!Object.entries(alt.values ?? {}).every(([id, want]) => c.elements[id] === want)) return false;
  if (alt.classes === undefined) return true;
  const held = c.elements.classes;
  if (typeof held !== 'string') return false;
  try {
    return alt.classes.some((wanted) => impliesClass(held, wanted));
  } catch {
    return false; // unparsable classes: the verifier refuses them too
  }
}

/**
 * The credential that satisfies the request while disclosing least: among the credentials valid now, the first
 * acceptable alternative, then the fewest elements beyond those asked for, then the most recently issued.
 */
export function chooseCredential(
  request: PresentationRequest,
  records: readonly StoredCredential[],
  now: number,
): { record: StoredCredential; credential: CompactCredential } {
  const { alts, name } = alternatives(request);
  let best: { record: StoredCredential; credential: CompactCredential; rank: readonly number[] } | undefined;
  for (const record of records) {
    const credential = decodeStored(record);
    if (now < credential.notBefore || now >= credential.expiresAt) continue;
    const altIndex = alts.findIndex((a) => satisfies(credential, a));
    const alt = alts[altIndex];
    if (alt === undefined) continue;
    const extras = Object.keys(credential.elements).filter((id) => !alt.elements.includes(id)).length;
    const rank = [altIndex, extras, -credential.issuedAt];
    if (best === undefined || less(rank, best.rank)) best = { record, credential, rank };
  }
  if (best === undefined) {
    throw new DeltaIdError('ERR_POLICY', `no valid credential in the wallet satisfies ${name}`, {
      details: { request: name },
    });
  }
  return { record: best.record, credential: best.credential };
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y;
  }
  return false;
}
