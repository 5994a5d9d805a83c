import { DeltaIdError } from '../errors.js';
import { getDocType } from './get-doc-type.js';
import {
  DRIVING_LICENCE_STATUS_CODES,
  ETHNICITY_CODES,
  NATIONALITY_LABELS,
  SEX_CODES,
  USE_CHARACTER_CODES,
  VEHICLE_TYPE_CODES,
} from './lib/codes.js';
import { LONG_TERM } from './lib/element-schemas.js';
import type { CodeListId, ElementDefinition, Label } from './types.js';

const CODE_LISTS: Readonly<Record<CodeListId, ReadonlyMap<string | number, Label>>> = {
  sex: SEX_CODES,
  ethnicity: ETHNICITY_CODES,
  nationality: NATIONALITY_LABELS,
  'driving-licence-status': DRIVING_LICENCE_STATUS_CODES,
  'vehicle-type': VEHICLE_TYPE_CODES,
  'use-character': USE_CHARACTER_CODES,
};

const UNITS: Readonly<Record<'kg' | 'persons', Label>> = {
  kg: { zh: 'kg', en: ' kg' },
  persons: { zh: '人', en: '' },
};

function codeLabel(def: ElementDefinition, code: string | number): Label {
  const label = def.codeList === undefined ? undefined : CODE_LISTS[def.codeList].get(code);
  // Codes valid by shape but without a label (rare vehicle types, foreign nationalities) show as the code.
  return label ?? { zh: String(code), en: String(code) };
}

function formatDate(value: string): Label {
  const [y, m, d] = value.split('-');
  return { zh: `${y}年${Number(m)}月${Number(d)}日`, en: value };
}

/**
 * Formats an element value for display in Chinese and English: code labels (sex 1 → 男 / male,
 * ethnicity 01 → 汉族 / Han, status BD → 超分、暂扣 / points limit exceeded, temporarily withheld),
 * dates (1990年3月7日 / 1990-03-07), 长期 / long-term, booleans, units, portrait summaries.
 * The value is validated with the element's schema first, so decoded data can be passed as is.
 *
 * @param docType - a known document type.
 * @param elementId - an element of that type.
 * @param value - the element value (untrusted).
 * @returns `{ zh, en }` display strings.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for an unknown document type or element, or a value
 *   the element does not accept.
 * @example formatElementValue('cn.gov.mps.eid.1', 'ethnicity', '01') // { zh: '汉族', en: 'Han' }
 */
export function formatElementValue(docType: string, elementId: string, value: unknown): Label {
  const def = getDocType(docType).elements.find((e) => e.id === elementId);
  if (!def) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'elementId: unknown element', {
      details: { field: 'elementId' },
    });
  }
  const parsed = def.schema.safeParse(value);
  if (!parsed.success) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `value: not a valid ${def.id}`, {
      details: { field: def.id },
    });
  }
  const v = parsed.data;
  if (typeof v === 'boolean') return v ? { zh: '是', en: 'yes' } : { zh: '否', en: 'no' };
  if (typeof v === 'object') {
    const kind = v.media_type.slice('image/'.length).toUpperCase();
    return { zh: `${kind} 照片（${v.data.length} 字节）`, en: `${kind} portrait (${v.data.length} bytes)` };
  }
  switch (def.type) {
    case 'code':
      return codeLabel(def, v);
    case 'code-set': {
      const labels = String(v)
        .split('')
        .map((c) => codeLabel(def, c));
      return { zh: labels.map((l) => l.zh).join('、'), en: labels.map((l) => l.en).join(', ') };
    }
    case 'date':
      return formatDate(String(v));
    case 'date-or-long-term':
      return v === LONG_TERM ? { zh: '长期', en: 'long-term' } : formatDate(String(v));
    case 'uint': {
      const unit = def.unit === undefined ? { zh: '', en: '' } : UNITS[def.unit];
      return { zh: `${v}${unit.zh}`, en: `${v}${unit.en}` };
    }
    default:
      return { zh: String(v), en: String(v) };
  }
}
