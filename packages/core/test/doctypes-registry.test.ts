import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../src/doctypes/doc-types.js';
import { formatElementValue } from '../src/doctypes/format-element-value.js';
import { getDocType } from '../src/doctypes/get-doc-type.js';
import { labelFor } from '../src/doctypes/label-for.js';
import { selectElements } from '../src/doctypes/select-elements.js';
import * as core from '../src/index.js';

const EID = 'cn.gov.mps.eid.1';
const DL = 'cn.gov.mps.dl.1';
const VL = 'cn.gov.mps.vl.1';

/** Element keys are wire format: this table may only grow. Changing a line breaks every issued credential. */
const PINNED_KEYS: Record<string, Record<string, number>> = {
  [EID]: {
    name: 1,
    sex: 2,
    ethnicity: 3,
    birth_date: 4,
    id_number: 5,
    address: 6,
    valid_from: 7,
    valid_until: 8,
    age_over_18: 9,
    age_over_60: 10,
    issuing_authority: 11,
    portrait: 12,
  },
  [DL]: {
    name: 1,
    licence_number: 2,
    classes: 3,
    valid_from: 4,
    valid_until: 5,
    status: 6,
    sex: 7,
    birth_date: 8,
    age_over_18: 9,
    age_over_60: 10,
    nationality: 11,
    first_issue_date: 12,
    address: 13,
    file_number: 14,
    issuing_authority: 15,
    portrait: 16,
  },
  [VL]: {
    plate_number: 1,
    vin: 2,
    vehicle_type: 3,
    owner: 4,
    use_character: 5,
    brand_model: 6,
    inspection_valid_until: 7,
    engine_number: 8,
    register_date: 9,
    issue_date: 10,
    address: 11,
    issuing_authority: 12,
    approved_passengers: 13,
    gross_mass_kg: 14,
    curb_mass_kg: 15,
    approved_load_kg: 16,
  },
};

function misuse(fn: () => unknown): void {
  expect(fn).toThrow(expect.objectContaining({ name: 'DeltaIdError', code: 'ERR_INVALID_ARGUMENT' }));
}

describe('element registry', () => {
  it('lists the three document types', () => {
    expect(DOC_TYPES.map((d) => d.docType)).toEqual([EID, DL, VL]);
    expect(DOC_TYPES.map((d) => d.label.zh)).toEqual(['居民身份证', '机动车驾驶证', '机动车行驶证']);
    for (const d of DOC_TYPES) expect(getDocType(d.docType)).toBe(d);
    misuse(() => getDocType('org.iso.18013.5.1.mDL'));
  });

  it('keeps element keys pinned, unique, one CBOR byte, in ascending order', () => {
    for (const d of DOC_TYPES) {
      expect(Object.fromEntries(d.elements.map((e) => [e.id, e.key]))).toEqual(PINNED_KEYS[d.docType]);
      const keys = d.elements.map((e) => e.key);
      expect(new Set(keys).size).toBe(keys.length);
      expect(new Set(d.elements.map((e) => e.id)).size).toBe(keys.length);
      expect([...keys].sort((a, b) => a - b)).toEqual(keys);
      for (const e of d.elements) {
        expect(Number.isInteger(e.key) && e.key >= 0 && e.key <= 23).toBe(true);
        expect(e.id).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(e.label.zh.length).toBeGreaterThan(0);
        expect(e.label.en.length).toBeGreaterThan(0);
        if (e.derived) expect(e.required).toBe(false);
        if (e.type === 'code' || e.type === 'code-set') expect(e.codeList).toBeDefined();
      }
    }
  });

  it('has no issuing-region element: the region follows from the issuer', () => {
    for (const d of DOC_TYPES) {
      expect(d.elements.some((e) => /region/.test(e.id))).toBe(false);
    }
  });

  it('marks required and derived elements', () => {
    const eid = getDocType(EID);
    expect(eid.elements.filter((e) => !e.required).map((e) => e.id)).toEqual([
      'age_over_18',
      'age_over_60',
      'portrait',
    ]);
    expect(eid.elements.filter((e) => e.derived).map((e) => e.id)).toEqual(['age_over_18', 'age_over_60']);
    expect(
      getDocType(VL)
        .elements.filter((e) => !e.required)
        .map((e) => e.id),
    ).toEqual(['approved_load_kg']);
  });
});

describe('purposes', () => {
  const ids = (docType: string, purpose: string) => selectElements(docType, purpose).map((e) => e.id);

  it('resolves the element sets of each purpose', () => {
    expect(ids(EID, 'checkin')).toEqual([
      'name',
      'sex',
      'ethnicity',
      'birth_date',
      'id_number',
      'address',
      'valid_from',
      'valid_until',
    ]);
    expect(ids(EID, 'age')).toEqual(['valid_until', 'age_over_18', 'age_over_60']);
    expect(ids(DL, 'age')).toEqual(['valid_until', 'age_over_18', 'age_over_60']);
    expect(ids(DL, 'traffic')).toEqual([
      'name',
      'licence_number',
      'classes',
      'valid_from',
      'valid_until',
      'status',
    ]);
    expect(ids(VL, 'traffic')).toEqual([
      'plate_number',
      'vin',
      'vehicle_type',
      'owner',
      'use_character',
      'brand_model',
      'inspection_valid_until',
    ]);
  });

  it('makes full every non-derived element, and every purpose reference a real element in key order', () => {
    for (const d of DOC_TYPES) {
      expect(ids(d.docType, 'full')).toEqual(d.elements.filter((e) => !e.derived).map((e) => e.id));
      for (const [purpose, list] of Object.entries(d.purposes)) {
        expect(ids(d.docType, purpose)).toEqual(list);
      }
    }
  });

  it('gives the smallest keys to the check-in and traffic elements', () => {
    expect(selectElements(EID, 'checkin').map((e) => e.key)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(selectElements(DL, 'traffic').map((e) => e.key)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects a purpose the document type does not define', () => {
    for (const [docType, purpose] of [
      [VL, 'age'],
      [VL, 'checkin'],
      [EID, 'traffic'],
      [DL, 'checkin'],
      [EID, 'bogus'],
      [EID, '__proto__'],
      [EID, 'toString'],
      [EID, ''],
    ] as const) {
      misuse(() => selectElements(docType, purpose));
    }
    misuse(() => selectElements('cn.gov.mps.xx.1', 'full'));
  });
});

describe('display', () => {
  it('labels elements in Chinese and English', () => {
    expect(labelFor(EID, 'id_number')).toEqual({ zh: '公民身份号码', en: 'Citizen ID number' });
    expect(labelFor(DL, 'classes')).toEqual({ zh: '准驾车型', en: 'Vehicle classes' });
    expect(labelFor(VL, 'curb_mass_kg')).toEqual({ zh: '整备质量', en: 'Curb mass' });
    misuse(() => labelFor(EID, 'classes'));
    misuse(() => labelFor('x', 'name'));
  });

  it('formats codes, dates, booleans, units and portraits', () => {
    expect(formatElementValue(EID, 'sex', 1)).toEqual({ zh: '男', en: 'male' });
    expect(formatElementValue(EID, 'sex', 2)).toEqual({ zh: '女', en: 'female' });
    expect(formatElementValue(EID, 'ethnicity', '01')).toEqual({ zh: '汉族', en: 'Han' });
    expect(formatElementValue(EID, 'ethnicity', '10')).toEqual({ zh: '朝鲜族', en: 'Chosen (Korean)' });
    expect(formatElementValue(EID, 'birth_date', '1990-03-07')).toEqual({
      zh: '1990年3月7日',
      en: '1990-03-07',
    });
    expect(formatElementValue(EID, 'valid_until', 'long-term')).toEqual({ zh: '长期', en: 'long-term' });
    expect(formatElementValue(EID, 'valid_until', '2035-03-07').zh).toBe('2035年3月7日');
    expect(formatElementValue(EID, 'age_over_18', true)).toEqual({ zh: '是', en: 'yes' });
    expect(formatElementValue(EID, 'age_over_60', false)).toEqual({ zh: '否', en: 'no' });
    expect(formatElementValue(EID, 'name', '张三丰')).toEqual({ zh: '张三丰', en: '张三丰' });
    expect(formatElementValue(DL, 'status', 'A')).toEqual({ zh: '正常', en: 'valid' });
    expect(formatElementValue(DL, 'status', 'BD')).toEqual({
      zh: '超分、暂扣',
      en: 'points limit exceeded, temporarily withheld',
    });
    expect(formatElementValue(DL, 'classes', 'C1E')).toEqual({ zh: 'C1E', en: 'C1E' });
    expect(formatElementValue(DL, 'nationality', 'CHN')).toEqual({ zh: '中国', en: 'China' });
    expect(formatElementValue(DL, 'nationality', 'DEU')).toEqual({ zh: 'DEU', en: 'DEU' });
    expect(formatElementValue(VL, 'vehicle_type', 'K33')).toEqual({ zh: '小型轿车', en: 'small saloon car' });
    expect(formatElementValue(VL, 'vehicle_type', 'Z51')).toEqual({ zh: 'Z51', en: 'Z51' });
    expect(formatElementValue(VL, 'use_character', 'A')).toEqual({ zh: '非营运', en: 'non-commercial' });
    expect(formatElementValue(VL, 'gross_mass_kg', 1920)).toEqual({ zh: '1920kg', en: '1920 kg' });
    expect(formatElementValue(VL, 'approved_passengers', 5)).toEqual({ zh: '5人', en: '5' });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    expect(formatElementValue(EID, 'portrait', { media_type: 'image/jpeg', data: jpeg })).toEqual({
      zh: 'JPEG 照片（4 字节）',
      en: 'JPEG portrait (4 bytes)',
    });
  });

  it('rejects values the element does not accept, and unknown elements', () => {
    misuse(() => formatElementValue(EID, 'sex', 3));
    misuse(() => formatElementValue(EID, 'ethnicity', '99'));
    misuse(() => formatElementValue(DL, 'status', 'AB'));
    misuse(() => formatElementValue(EID, 'birth_date', '1990-02-30'));
    misuse(() => formatElementValue(EID, 'age_over_18', 'yes'));
    misuse(() => formatElementValue(EID, 'portrait', { media_type: 'image/png', data: new Uint8Array([1]) }));
    misuse(() => formatElementValue(EID, 'nope', 'x'));
    misuse(() => formatElementValue('x', 'name', 'x'));
  });
});

describe('package exports', () => {
  it('exposes the document-type API from @deltaid/core', () => {
    for (const name of [
      'DOC_TYPES',
      'RESIDENT_EID',
      'DRIVING_LICENCE',
      'VEHICLE_LICENCE',
      'REGIONS',
      'getDocType',
      'selectElements',
      'labelFor',
      'formatElementValue',
      'validateClaims',
      'deriveElements',
      'deriveAgeElements',
      'validateIdNumber',
      'validateVin',
      'validatePlateNumber',
      'validateDate',
      'validateRegionCode',
      'validateLicenceIdentifier',
      'parseLicenceClasses',
      'impliesClass',
      'impliedClasses',
      'residentEidClaimsSchema',
      'drivingLicenceClaimsSchema',
      'vehicleLicenceClaimsSchema',
    ]) {
      expect(Object.hasOwn(core, name), name).toBe(true);
    }
    expect(core.RESIDENT_EID_DOCTYPE).toBe(EID);
    expect(core.DRIVING_LICENCE_DOCTYPE).toBe(DL);
    expect(core.VEHICLE_LICENCE_DOCTYPE).toBe(VL);
  });
});
