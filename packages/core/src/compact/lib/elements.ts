import { mod11_2Check } from '../../doctypes/lib/iso7064.js';
import type { DocTypeLayout, ElementLayout } from '../../doctypes/lib/layouts.js';
import type { ElementValue, Purpose } from '../../doctypes/types.js';
import { DeltaIdError } from '../../errors.js';
import { bad, dateToDays, daysToDate, packIdNumber, unpackIdNumber } from './element-codec.js';

/** Elements whose values are citizen ID numbers travel as packed decimal (9 bytes instead of 19). */
const ID_NUMBER_ELEMENTS: ReadonlySet<string> = new Set(['id_number', 'licence_number']);

const CITIZEN_ID = /^\d{17}[\dX]$/;

const MEDIA_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/jp2', 'image/png']);

export function encodeElement(def: ElementLayout, value: ElementValue): unknown {
  if (ID_NUMBER_ELEMENTS.has(def.id) && typeof value === 'string' && CITIZEN_ID.test(value))
    return packIdNumber(value);
  switch (def.type) {
    case 'date':
      return dateToDays(String(value));
    case 'date-or-long-term':
      return value === 'long-term' ? null : dateToDays(String(value));
    case 'portrait': {
      if (typeof value !== 'object') throw bad(def.id, 'must be a portrait');
      return [value.media_type, value.data];
    }
    default:
      return value;
  }
}

/** Decodes one element with compact guards (no zod on the verifier's hot path). */
export function decodeElement(def: ElementLayout, v: unknown): ElementValue {
  // Citizen ID numbers are packed; a foreign holder's licence number stays text (handled by the tstr case below).
  if (ID_NUMBER_ELEMENTS.has(def.id) && v instanceof Uint8Array) {
    const id = unpackIdNumber(v, def.id);
    // The e-ID number is always a citizen ID: re-check its MOD 11-2 character (a licence number may be a foreign
    // document number that merely looks like one, so it is not checked here).
    if (def.id === 'id_number' && mod11_2Check(id.slice(0, 17)) !== id[17])
      throw bad(def.id, 'has a wrong check character');
    return id;
  }
  switch (def.type) {
    case 'tstr':
    case 'code-set':
    case 'classes':
      if (typeof v !== 'string' || v.length === 0) throw bad(def.id, 'must be a non-empty text string');
      return v;
    case 'code':
      if (typeof v === 'string' ? v.length === 0 : !Number.isSafeInteger(v) || (v as number) < 0) {
        throw bad(def.id, 'must be a code (text or unsigned integer)');
      }
      return v as string | number;
    case 'date':
      return days(def.id, v);
    case 'date-or-long-term':
      return v === null ? 'long-term' : days(def.id, v);
    case 'uint':
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
        throw bad(def.id, 'must be an unsigned integer');
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw bad(def.id, 'must be a boolean');
      return v;
    case 'portrait': {
      if (!Array.isArray(v) || v.length !== 2) throw bad(def.id, 'must be [media type, bytes]');
      const [mediaType, data] = v;
      if (typeof mediaType !== 'string' || !MEDIA_TYPES.has(mediaType) || !(data instanceof Uint8Array)) {
        throw bad(def.id, 'must be [image/jpeg|image/jp2|image/png, bytes]');
      }
      return { media_type: mediaType as 'image/jpeg' | 'image/jp2' | 'image/png', data };
    }
  }
}

function days(field: string, v: unknown): string {
  // ±200 years around 1970 covers every birth date and validity end a credential can hold.
  if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) > 73_100)
    throw bad(field, 'must be a day number');
  return daysToDate(v);
}

// Decoding runs per presentation: resolve each (layout, purpose) pair once.
const PURPOSE_CACHE = new WeakMap<DocTypeLayout, Map<Purpose, readonly ElementLayout[]>>();

/** The elements a purpose carries, in key order; refuses a purpose the document type does not define. */
export function purposeElements(def: DocTypeLayout, purpose: Purpose): readonly ElementLayout[] {
  let byPurpose = PURPOSE_CACHE.get(def);
  if (byPurpose === undefined) {
    byPurpose = new Map();
    PURPOSE_CACHE.set(def, byPurpose);
  }
  const cached = byPurpose.get(purpose);
  if (cached !== undefined) return cached;
  const ids = def.purposes[purpose];
  if (ids === undefined) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      `document type ${def.docType} has no purpose '${purpose}'`,
    );
  }
  const byId = new Map(def.elements.map((e) => [e.id, e]));
  const list = ids.map((id) => byId.get(id)!);
  byPurpose.set(purpose, list);
  return list;
}

/** Whether a credential of this purpose must carry the element (derived and required ones must, optional may not). */
export function mustCarry(e: ElementLayout): boolean {
  return e.required || e.derived;
}
