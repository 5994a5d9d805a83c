import { describe, expect, it } from 'vitest';
import { deriveElements } from '../src/doctypes/derive-elements.js';
import { drivingLicenceClaimsSchema } from '../src/doctypes/driving-licence.js';
import { residentEidClaimsSchema } from '../src/doctypes/resident-eid.js';
import { validateClaims } from '../src/doctypes/validate-claims.js';
import { vehicleLicenceClaimsSchema } from '../src/doctypes/vehicle-licence.js';
import { DeltaIdError } from '../src/errors.js';

const EID = 'cn.gov.mps.eid.1';
const DL = 'cn.gov.mps.dl.1';
const VL = 'cn.gov.mps.vl.1';
const NOW = new Date('2025-06-01T04:00:00Z');

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const JP2 = new Uint8Array([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);

const eid = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道100号2号楼301室',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2015-03-07',
  valid_until: '2035-03-07',
};

const dl = {
  name: '张三丰',
  licence_number: '310115199003071239',
  classes: 'C1E',
  valid_from: '2016-06-01',
  valid_until: '2026-06-01',
  status: 'A',
  sex: 1,
  birth_date: '1990-03-07',
  nationality: 'CHN',
  address: '上海市浦东新区世纪大道100号2号楼301室',
  first_issue_date: '2010-06-01',
  file_number: '310012345678',
  issuing_authority: '上海市公安局交通警察总队',
};

const vl = {
  plate_number: '沪AD12345',
  vin: 'LSVAU218XN2183294',
  vehicle_type: 'K33',
  owner: '张三丰',
  use_character: 'A',
  brand_model: '大众汽车牌SVW7147BRD',
  engine_number: 'DLF123456',
  register_date: '2022-05-01',
  issue_date: '2022-05-01',
  inspection_valid_until: '2028-05-31',
  address: '上海市浦东新区世纪大道100号2号楼301室',
  issuing_authority: '上海市公安局交通警察总队',
  approved_passengers: 5,
  gross_mass_kg: 1920,
  curb_mass_kg: 1480,
};

/** validateClaims must fail with ERR_CLAIMS naming `field` first, in details and message. */
function rejects(docType: string, input: unknown, field: string): DeltaIdError {
  try {
    validateClaims(docType, input, { now: NOW });
  } catch (err) {
    if (!(err instanceof DeltaIdError)) throw err;
    expect(err.code).toBe('ERR_CLAIMS');
    expect(err.details.field).toBe(field);
    expect(err.message).toContain(`${field}: `);
    return err;
  }
  throw new Error(`expected ERR_CLAIMS for ${field}`);
}

describe('resident e-ID claims', () => {
  it('accepts a realistic record, with and without a portrait', () => {
    expect(validateClaims(EID, eid, { now: NOW })).toEqual(eid);
    expect(validateClaims(EID, { ...eid, valid_until: 'long-term' }).valid_until).toBe('long-term');
    const withPortrait = validateClaims(EID, { ...eid, portrait: { media_type: 'image/jp2', data: JP2 } });
    expect(withPortrait.portrait).toEqual({ media_type: 'image/jp2', data: JP2 });
    expect(residentEidClaimsSchema().parse(eid)).toEqual(eid);
  });

  const badFields: [string, unknown][] = [
    ['name', ''],
    ['name', ' 张三丰'],
    ['name', '张三\n丰'],
    ['name', '张'.repeat(51)],
    ['name', 42],
    ['sex', 3],
    ['sex', '1'],
    ['ethnicity', '57'],
    ['ethnicity', 1],
    ['birth_date', '1990-02-30'],
    ['address', ''],
    ['id_number', '310115199003071238'],
    ['id_number', '31011519900307123x'],
    ['issuing_authority', '\u0007'],
    ['valid_from', '2015-3-7'],
    ['valid_until', 'forever'],
    ['valid_until', '长期'],
    ['portrait', { media_type: 'image/gif', data: JPEG }],
    ['portrait', { media_type: 'image/png', data: JPEG }],
    ['portrait', { media_type: 'image/jpeg', data: new Uint8Array(0) }],
    ['portrait', { media_type: 'image/jpeg', data: new Uint8Array(70_000).fill(0xff) }],
    ['portrait', { media_type: 'image/jpeg', data: Array.from(JPEG) }],
    ['portrait', { media_type: 'image/jpeg', data: JPEG, extra: 1 }],
  ];
  for (const [field, value] of badFields) {
    it(`rejects ${field} = ${JSON.stringify(value)?.slice(0, 30)}`, () => {
      rejects(EID, { ...eid, [field]: value }, field);
      const parsed = residentEidClaimsSchema().safeParse({ ...eid, [field]: value });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual([field]);
      expect(parsed.error?.issues[0]?.message.startsWith(`${field}: `)).toBe(true);
    });
  }

  it('rejects each missing or null required field', () => {
    for (const field of Object.keys(eid)) {
      expect(rejects(EID, { ...eid, [field]: null }, field).message).toContain('is required');
      const { [field]: _, ...rest } = eid as Record<string, unknown>;
      const err = rejects(EID, rest, field);
      expect(err.message).toContain('is required');
    }
  });

  it('cross-checks birth date and sex against the ID number', () => {
    rejects(EID, { ...eid, birth_date: '1990-03-08' }, 'birth_date');
    rejects(EID, { ...eid, sex: 2 }, 'sex');
    rejects(EID, { ...eid, sex: 9 }, 'sex');
  });

  it('orders validity dates and refuses a future birth date when now is given', () => {
    rejects(EID, { ...eid, valid_until: '2015-03-07' }, 'valid_until');
    rejects(EID, { ...eid, valid_from: '1989-01-01' }, 'valid_from');
    const future = {
      ...eid,
      id_number: '310115202601011230',
      birth_date: '2026-01-01',
      valid_from: '2026-01-01',
    };
    expect(validateClaims(EID, future).birth_date).toBe('2026-01-01');
    rejects(EID, future, 'id_number');
  });

  it('rejects claims outside the schema, such as an issuing region', () => {
    const err = rejects(EID, { ...eid, issuing_region: 'CN-SH' }, 'issuing_region');
    expect(err.message).toContain('issuing_region');
    rejects(EID, { ...eid, age_over_18: true }, 'age_over_18'); // derived, never input
    for (const notObject of [null, 'claims', 42, [eid]]) {
      expect(() => validateClaims(EID, notObject)).toThrow(expect.objectContaining({ code: 'ERR_CLAIMS' }));
    }
  });

  it('reports every bad field at once', () => {
    const err = rejects(EID, { ...eid, name: '', ethnicity: '99' }, 'name');
    expect(err.details.fields).toBe('name,ethnicity');
    expect(err.message).not.toContain('310115199003071239');
  });

  it('derives age elements at the issuance date', () => {
    const claims = validateClaims(EID, eid);
    expect(deriveElements(EID, claims, NOW)).toEqual({ age_over_18: true, age_over_60: false });
    expect(deriveElements(EID, claims, new Date('2008-03-06T12:00:00Z'))).toEqual({
      age_over_18: false,
      age_over_60: false,
    });
    expect(deriveElements(EID, claims, new Date('2050-03-06T16:00:00Z'))).toEqual({
      age_over_18: true,
      age_over_60: true,
    });
    expect(deriveElements(VL, validateClaims(VL, vl), NOW)).toEqual({});
  });
});

describe('driving licence claims', () => {
  it('accepts a realistic record and normalises class order', () => {
    expect(validateClaims(DL, dl, { now: NOW })).toEqual(dl);
    expect(validateClaims(DL, { ...dl, classes: 'EC1' }).classes).toBe('C1E');
    expect(validateClaims(DL, { ...dl, status: 'BD', valid_until: 'long-term' }).status).toBe('BD');
    expect(drivingLicenceClaimsSchema().parse(dl)).toEqual(dl);
    expect(deriveElements(DL, validateClaims(DL, dl), NOW)).toEqual({
      age_over_18: true,
      age_over_60: false,
    });
  });

  it('accepts a foreign holder whose licence number is not a citizen ID number', () => {
    const foreign = { ...dl, nationality: 'DEU', licence_number: 'C12345678', sex: 2 };
    expect(validateClaims(DL, foreign).licence_number).toBe('C12345678');
  });

  const badFields: [string, unknown][] = [
    ['licence_number', '310115199003071238'],
    ['licence_number', '31011519900307123'],
    ['licence_number', 'abc'],
    ['classes', 'C7'],
    ['classes', 'C1C1'],
    ['classes', ''],
    ['status', 'AB'],
    ['status', 'BB'],
    ['status', 'Q'],
    ['status', ''],
    ['nationality', 'CN'],
    ['nationality', 'chn'],
    ['file_number', '31001234567'],
    ['file_number', '3100123456789'],
    ['file_number', 310012345678],
    ['first_issue_date', '2010-02-30'],
    ['valid_until', '2016-06-01'],
    ['birth_date', '1990-03-08'],
    ['sex', 2],
    ['valid_from', '2010-05-31'], // before first_issue_date
    ['first_issue_date', '1989-01-01'], // before birth
  ];
  for (const [field, value] of badFields) {
    it(`rejects ${field} = ${JSON.stringify(value)}`, () => {
      rejects(DL, { ...dl, [field]: value }, field);
    });
  }

  it('rejects a first issue date in the future when now is given', () => {
    const later = {
      ...dl,
      first_issue_date: '2026-01-01',
      valid_from: '2026-01-01',
      valid_until: '2032-01-01',
    };
    expect(validateClaims(DL, later).first_issue_date).toBe('2026-01-01');
    rejects(DL, later, 'first_issue_date');
  });

  it('rejects each missing required field and unknown claims', () => {
    for (const field of Object.keys(dl)) {
      const { [field]: _, ...rest } = dl as Record<string, unknown>;
      rejects(DL, rest, field);
    }
    rejects(DL, { ...dl, issuing_region: 'CN-SH' }, 'issuing_region');
  });
});

describe('vehicle licence claims', () => {
  it('accepts a realistic car and a truck with an approved load', () => {
    expect(validateClaims(VL, vl, { now: NOW })).toEqual(vl);
    const truck = {
      ...vl,
      plate_number: '苏E12345',
      vehicle_type: 'H21',
      use_character: 'F',
      approved_passengers: 3,
      gross_mass_kg: 12000,
      curb_mass_kg: 5800,
      approved_load_kg: 6005,
    };
    expect(validateClaims(VL, truck).approved_load_kg).toBe(6005);
    expect(validateClaims(VL, { ...vl, vehicle_type: 'Z51' }).vehicle_type).toBe('Z51');
    expect(vehicleLicenceClaimsSchema().parse(vl)).toEqual(vl);
  });

  const badFields: [string, unknown][] = [
    ['plate_number', '京A12345'],
    ['plate_number', '浙M12345'],
    ['plate_number', '沪AI2345'],
    ['vin', 'LSVAU218XN2183295'],
    ['vin', 'LSVAU218XN218329'],
    ['vin', 'LSVAU218XN2I83294'],
    ['vehicle_type', 'K3'],
    ['vehicle_type', 'A11'],
    ['use_character', 'Z'],
    ['engine_number', ''],
    ['engine_number', 'dlf123'],
    ['register_date', '2022-02-29'],
    ['issue_date', '2022-04-30'], // before register_date
    ['inspection_valid_until', '2022-05-01'],
    ['approved_passengers', -1],
    ['approved_passengers', 4.5],
    ['approved_passengers', 1000],
    ['gross_mass_kg', '1920'],
    ['curb_mass_kg', 2000], // above gross mass
    ['approved_load_kg', 2500],
    ['owner', ''],
    ['brand_model', 'x'.repeat(61)],
  ];
  for (const [field, value] of badFields) {
    it(`rejects ${field} = ${JSON.stringify(value)}`, () => {
      rejects(VL, { ...vl, [field]: value }, field);
    });
  }

  it('rejects future register and issue dates when now is given', () => {
    const later = { ...vl, register_date: '2025-06-02', issue_date: '2025-06-02' };
    expect(validateClaims(VL, later).register_date).toBe('2025-06-02');
    const err = rejects(VL, later, 'register_date');
    expect(err.details.fields).toBe('register_date,issue_date');
  });

  it('rejects each missing required field and unknown claims', () => {
    for (const field of Object.keys(vl)) {
      const { [field]: _, ...rest } = vl as Record<string, unknown>;
      rejects(VL, rest, field);
    }
    rejects(VL, { ...vl, issuing_region: 'CN-SH' }, 'issuing_region');
    rejects(VL, { ...vl, status: 'A' }, 'status');
  });
});

describe('validateClaims misuse', () => {
  it('rejects an unknown document type', () => {
    expect(() => validateClaims('org.iso.18013.5.1.mDL', {})).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
