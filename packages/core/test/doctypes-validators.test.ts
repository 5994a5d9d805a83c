import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveAgeElements } from '../src/doctypes/derive-age-elements.js';
import { impliedClasses } from '../src/doctypes/implied-classes.js';
import { impliesClass } from '../src/doctypes/implies-class.js';
import { mod11_2Check } from '../src/doctypes/lib/iso7064.js';
import { parseLicenceClasses } from '../src/doctypes/parse-licence-classes.js';
import type { LicenceClass } from '../src/doctypes/types.js';
import { validateDate } from '../src/doctypes/validate-date.js';
import { validateIdNumber } from '../src/doctypes/validate-id-number.js';
import { validateLicenceIdentifier } from '../src/doctypes/validate-licence-identifier.js';
import { validatePlateNumber } from '../src/doctypes/validate-plate-number.js';
import { REGIONS, validateRegionCode } from '../src/doctypes/validate-region-code.js';
import { validateVin } from '../src/doctypes/validate-vin.js';
import { DeltaIdError } from '../src/errors.js';

interface Vectors {
  id_number_gb11643: { examples: { id: string; sum: number; mod11: number; check: string }[] };
  vin_check_digit: { examples: { vin: string; check: string }[] };
  licence_identifier_iso7064_mod37_36: { examples: { id: string; check_ok: boolean }[] };
}
const vectors: Vectors = JSON.parse(
  readFileSync(new URL('./vectors/sm2-sm3/sm2-sm3.json', import.meta.url), 'utf8'),
) satisfies Vectors;

/** Runs `fn`, expects ERR_CLAIMS naming `field`, and returns the error. */
function claimsFailure(fn: () => unknown, field: string): DeltaIdError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DeltaIdError);
    if (!(err instanceof DeltaIdError)) throw err;
    expect(err.code).toBe('ERR_CLAIMS');
    expect(err.details.field).toBe(field);
    expect(err.message.startsWith(`${field}: `)).toBe(true);
    return err;
  }
  throw new Error('expected ERR_CLAIMS');
}

/** A valid ID number from its first 17 characters. */
function withCheck(first17: string): string {
  return first17 + mod11_2Check(first17);
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('GB 11643-1999 citizen ID number', () => {
  it('accepts every vector example and derives birth date, sex and province', () => {
    const ids = vectors.id_number_gb11643.examples;
    expect(ids).toHaveLength(3);
    for (const ex of ids) {
      expect(mod11_2Check(ex.id.slice(0, 17))).toBe(ex.check);
      expect(validateIdNumber(ex.id).idNumber).toBe(ex.id);
    }
    expect(validateIdNumber('11010519491231002X')).toEqual({
      idNumber: '11010519491231002X',
      provinceCode: '11',
      province: { zh: '北京市', en: 'Beijing' },
      region: null,
      birthDate: '1949-12-31',
      sex: 2,
    });
    expect(validateIdNumber('440524188001010014')).toMatchObject({
      birthDate: '1880-01-01',
      sex: 1,
      region: null,
    });
    expect(validateIdNumber('310115199003071239')).toMatchObject({
      provinceCode: '31',
      region: 'CN-SH',
      birthDate: '1990-03-07',
      sex: 1,
    });
  });

  it('exposes the Delta region for 31-34 and accepts every other province', () => {
    expect(validateIdNumber(withCheck('32050519851120123')).region).toBe('CN-JS');
    expect(validateIdNumber(withCheck('33010619700101002')).region).toBe('CN-ZJ');
    expect(validateIdNumber(withCheck('34010419991231004')).region).toBe('CN-AH');
    expect(validateIdNumber(withCheck('65010219900101001')).province.en).toBe('Xinjiang');
    expect(validateIdNumber(withCheck('81000019900101001')).province.en).toBe('Hong Kong');
  });

  it('rejects every one-character change of the vector examples', () => {
    for (const { id } of vectors.id_number_gb11643.examples) {
      for (let i = 0; i < 18; i++) {
        for (const c of i === 17 ? '0123456789X' : '0123456789') {
          if (c === id[i]) continue;
          const changed = id.slice(0, i) + c + id.slice(i + 1);
          claimsFailure(() => validateIdNumber(changed), 'id_number');
        }
      }
    }
  });

  it('rejects bad shapes, a lower-case x and 15-digit numbers', () => {
    for (const bad of [
      '11010519491231002x',
      '110105491231002',
      '1101051949123100201',
      '',
      'A1010519491231002X',
    ]) {
      claimsFailure(() => validateIdNumber(bad), 'id_number');
    }
    claimsFailure(() => validateIdNumber(110105194912310020), 'id_number');
    claimsFailure(() => validateIdNumber(undefined), 'id_number');
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    const err = claimsFailure(() => validateIdNumber(withCheck('31011519900230123')), 'id_number');
    expect(err.message).toContain('birth date');
    claimsFailure(() => validateIdNumber(withCheck('31011519001301123')), 'id_number');
    claimsFailure(() => validateIdNumber(withCheck('31011519000229123')), 'id_number'); // 1900 is no leap year
    expect(validateIdNumber(withCheck('31011520000229123')).birthDate).toBe('2000-02-29');
  });

  it('rejects province codes that issue no ID numbers', () => {
    for (const p of ['00', '10', '20', '39', '71', '99']) {
      const err = claimsFailure(() => validateIdNumber(withCheck(`${p}011519900307123`)), 'id_number');
      expect(err.message).toContain('province');
    }
  });

  it('rejects a birth date after the injected now (China Standard Time)', () => {
    const id = withCheck('31011520300101123');
    expect(validateIdNumber(id).birthDate).toBe('2030-01-01');
    claimsFailure(() => validateIdNumber(id, { now: new Date('2029-12-31T15:59:59Z') }), 'id_number');
    expect(validateIdNumber(id, { now: new Date('2029-12-31T16:00:00Z') }).birthDate).toBe('2030-01-01');
  });

  it('names a custom field and never echoes the number', () => {
    const err = claimsFailure(
      () => validateIdNumber('310115199003071238', { field: 'licence_number' }),
      'licence_number',
    );
    expect(err.message).not.toContain('310115199003071238');
    expect(err.message).toContain('MOD 11-2');
  });
});

describe('ISO 3779 / GB 16735 VIN', () => {
  it('accepts the vector examples with their check digits', () => {
    for (const ex of vectors.vin_check_digit.examples) {
      expect(validateVin(ex.vin)).toEqual({
        vin: ex.vin,
        wmi: ex.vin.slice(0, 3),
        checkDigit: ex.check,
        modelYearCode: ex.vin[9],
      });
    }
  });

  it('rejects a changed check digit and changed characters', () => {
    for (const { vin } of vectors.vin_check_digit.examples) {
      for (const c of '0123456789')
        claimsFailure(() => validateVin(`${vin.slice(0, 8)}${c}${vin.slice(9)}`), 'vin');
      // digit → other digit at any weighted position changes the sum by d·w ≠ 0 (mod 11)
      for (let i = 0; i < 17; i++) {
        if (i === 8 || !/\d/.test(vin[i] ?? '')) continue;
        for (const c of '0123456789') {
          if (c !== vin[i]) claimsFailure(() => validateVin(vin.slice(0, i) + c + vin.slice(i + 1)), 'vin');
        }
      }
    }
    claimsFailure(() => validateVin('LSVAV218XN2183294'), 'vin'); // U → V changes value 4 → 5
  });

  it('rejects I, O and Q, lower case, wrong length and a bad model-year code', () => {
    const vin = 'LSVAU218XN2183294';
    for (const bad of [
      'LSVAI218XN2183294',
      'LSVAO218XN2183294',
      'LSVAQ218XN2183294',
      vin.toLowerCase(),
      vin.slice(1),
    ]) {
      claimsFailure(() => validateVin(bad), 'vin');
    }
    for (const y of ['U', 'Z', '0']) {
      const err = claimsFailure(() => validateVin(`${vin.slice(0, 9)}${y}${vin.slice(10)}`), 'vin');
      expect(err.message).toContain('model-year');
    }
    claimsFailure(() => validateVin(null), 'vin');
  });
});

describe('GA 36-2018 plate numbers of the four regions', () => {
  it('parses ordinary plates with the office of the right province', () => {
    expect(validatePlateNumber('沪A12345')).toEqual({
      plate: '沪A12345',
      province: '沪',
      region: 'CN-SH',
      office: 'A',
      officeName: { zh: '上海', en: 'Shanghai' },
      kind: 'ordinary',
      newEnergy: null,
    });
    expect(validatePlateNumber('苏E8K2M9')).toMatchObject({ region: 'CN-JS', officeName: { zh: '苏州' } });
    expect(validatePlateNumber('苏U12345').officeName.zh).toBe('苏州');
    expect(validatePlateNumber('浙F12345')).toMatchObject({ region: 'CN-ZJ', officeName: { zh: '嘉兴' } });
    expect(validatePlateNumber('浙E12345').officeName.zh).toBe('湖州');
    expect(validatePlateNumber('皖S12345')).toMatchObject({ region: 'CN-AH', officeName: { zh: '亳州' } });
    expect(validatePlateNumber('皖Q12345').officeName.zh).toBe('巢湖');
  });

  it('parses new-energy plates: small D/F first, large D/F last', () => {
    expect(validatePlateNumber('沪AD12345')).toMatchObject({
      kind: 'new-energy',
      newEnergy: { size: 'small', power: 'battery-electric' },
    });
    expect(validatePlateNumber('浙AFA1234').newEnergy).toEqual({ size: 'small', power: 'other' });
    expect(validatePlateNumber('苏A12345D').newEnergy).toEqual({ size: 'large', power: 'battery-electric' });
    expect(validatePlateNumber('皖A12345F').newEnergy).toEqual({ size: 'large', power: 'other' });
  });

  it('rejects a province letter the province does not use', () => {
    for (const bad of ['浙M12345', '浙N12345', '沪P12345', '苏P12345', '皖T12345', '沪I12345', '沪O12345']) {
      const err = claimsFailure(() => validatePlateNumber(bad), 'plate_number');
      expect(err.message).toContain('office');
    }
  });

  it('rejects other provinces, I/O and malformed serials', () => {
    claimsFailure(() => validatePlateNumber('京A12345'), 'plate_number');
    claimsFailure(() => validatePlateNumber('粤B12345'), 'plate_number');
    for (const bad of [
      '沪A1234I',
      '沪AO2345',
      '沪A1234', // too short
      '沪A1234567', // too long
      '沪AE12345', // 6 chars but not D/F first
      '沪ADA123B', // small NEV: last four must be digits
      '沪A1234AD', // large NEV: first five must be digits
      '沪AD1234O',
      '沪a12345',
      '沪A·12345',
      '沪A 12345',
    ]) {
      claimsFailure(() => validatePlateNumber(bad), 'plate_number');
    }
    claimsFailure(() => validatePlateNumber(12345), 'plate_number');
  });
});

describe('准驾车型 (公安部令第162号)', () => {
  it('parses printed class strings into printing order', () => {
    expect(parseLicenceClasses('C1E')).toEqual(['C1', 'E']);
    expect(parseLicenceClasses('A2D')).toEqual(['A2', 'D']);
    expect(parseLicenceClasses('EC1')).toEqual(['C1', 'E']);
    expect(parseLicenceClasses('C6')).toEqual(['C6']);
    expect(parseLicenceClasses('A1A2DMNP')).toEqual(['A1', 'A2', 'D', 'M', 'N', 'P']);
  });

  it('rejects unknown classes, duplicates and malformed strings', () => {
    for (const bad of [
      '',
      'C7',
      'A4',
      'B3',
      'G',
      'A',
      'C',
      'c1',
      'C1,E',
      'C1 E',
      'C1C1',
      'EE',
      'C1E?',
      'X',
    ]) {
      claimsFailure(() => parseLicenceClasses(bad), 'classes');
    }
    claimsFailure(() => parseLicenceClasses(['C1']), 'classes');
    claimsFailure(() => parseLicenceClasses('C1'.repeat(30)), 'classes');
  });

  it('follows the implication table of 公安部令第162号 附件 1', () => {
    expect(impliedClasses('A1')).toEqual(['A1', 'A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M']);
    expect(impliedClasses('A2')).toEqual(['A2', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C6', 'M']);
    expect(impliedClasses('A3')).toEqual(['A3', 'C1', 'C2', 'C3', 'C4']);
    expect(impliedClasses('B1')).toEqual(['B1', 'C1', 'C2', 'C3', 'C4', 'M']);
    expect(impliedClasses('B2')).toEqual(['B2', 'C1', 'C2', 'C3', 'C4', 'M']);
    expect(impliedClasses('C1')).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(impliedClasses('C2')).toEqual(['C2']);
    expect(impliedClasses('C3')).toEqual(['C3', 'C4']);
    expect(impliedClasses('D')).toEqual(['D', 'E', 'F']);
    expect(impliedClasses('E')).toEqual(['E', 'F']);
    expect(impliedClasses('F')).toEqual(['F']);
    expect(() => impliedClasses('Z' as LicenceClass)).toThrow(DeltaIdError);
  });

  it('answers the car-rental policy "C1 or above"', () => {
    const all: LicenceClass[] = [
      'A1',
      'A2',
      'A3',
      'B1',
      'B2',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'D',
      'E',
      'F',
      'M',
      'N',
      'P',
    ];
    expect(all.filter((c) => impliesClass([c], 'C1'))).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'C1']);
    expect(impliesClass('C1E', 'C1')).toBe(true);
    expect(impliesClass('C2E', 'C1')).toBe(false);
    expect(impliesClass('A2D', 'F')).toBe(true);
    expect(impliesClass('A1', 'C6')).toBe(false);
    expect(impliesClass('A2', 'C6')).toBe(true);
    expect(impliesClass([], 'C1')).toBe(false);
  });

  it('rejects misuse: unknown wanted class, malformed held string, unknown held element', () => {
    try {
      impliesClass('C1', 'Z' as LicenceClass);
      expect.unreachable();
    } catch (err) {
      expect(err).toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    }
    claimsFailure(() => impliesClass('C1X', 'C1'), 'classes');
    expect(() => impliesClass(['Q1' as LicenceClass], 'C1')).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});

describe('regions and dates', () => {
  it('resolves the four regions by ISO code, GB/T 2260 code and short character', () => {
    expect(REGIONS.map((r) => [r.code, r.gb2260, r.abbr, r.name.en])).toEqual([
      ['CN-SH', '31', '沪', 'Shanghai'],
      ['CN-JS', '32', '苏', 'Jiangsu'],
      ['CN-ZJ', '33', '浙', 'Zhejiang'],
      ['CN-AH', '34', '皖', 'Anhui'],
    ]);
    for (const r of REGIONS) {
      expect(validateRegionCode(r.code)).toBe(r);
      expect(validateRegionCode(r.gb2260)).toBe(r);
      expect(validateRegionCode(r.abbr)).toBe(r);
    }
    expect(validateRegionCode('沪').name.zh).toBe('上海市');
    for (const bad of ['CN-BJ', '11', '京', 'cn-sh', 'SH', '', 31])
      claimsFailure(() => validateRegionCode(bad), 'region');
    claimsFailure(() => validateRegionCode('CN-GD', { field: 'issuer_region' }), 'issuer_region');
  });

  it('accepts real calendar dates only', () => {
    for (const ok of ['1990-03-07', '2000-02-29', '2024-02-29', '1800-01-01', '2099-12-31']) {
      expect(validateDate(ok)).toBe(ok);
    }
    for (const bad of [
      '1990-02-30',
      '1900-02-29',
      '2023-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
    ]) {
      claimsFailure(() => validateDate(bad, { field: 'birth_date' }), 'birth_date');
    }
    for (const bad of [
      '19900307',
      '1990-3-7',
      '1990/03/07',
      '1799-12-31',
      ' 1990-03-07',
      '1990-03-07T00:00:00Z',
      19900307,
    ]) {
      claimsFailure(() => validateDate(bad), 'date');
    }
  });

  it('rejects a date after today in China Standard Time when notAfter is given', () => {
    const now = new Date('2024-05-01T15:59:59Z'); // 23:59:59 in Beijing
    expect(validateDate('2024-05-01', { notAfter: now })).toBe('2024-05-01');
    claimsFailure(() => validateDate('2024-05-02', { notAfter: now }), 'date');
    expect(validateDate('2024-05-02', { notAfter: new Date('2024-05-01T16:00:00Z') })).toBe('2024-05-02');
  });
});

describe('GB/T 36904 e-licence identifier (ISO 7064 MOD 37,36)', () => {
  const examples = vectors.licence_identifier_iso7064_mod37_36.examples;

  it('accepts the vector examples and splits their segments', () => {
    expect(examples.every((e) => e.check_ok)).toBe(true);
    for (const { id } of examples) expect(validateLicenceIdentifier(id).identifier).toBe(id);
    expect(validateLicenceIdentifier(examples[1]?.id)).toEqual({
      identifier: '1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9',
      typeCode: '11100000MB03271699022',
      issuerCode: '340100',
      serial: '000000016',
      version: '001',
      checkChar: '9',
    });
  });

  it('rejects every single-character substitution after the arc', () => {
    const arc = '1.2.156.3005.2.'.length;
    for (const { id } of examples) {
      for (let i = arc; i < id.length; i++) {
        if (id[i] === '.') continue;
        for (const c of ALNUM) {
          if (c === id[i]) continue;
          claimsFailure(
            () => validateLicenceIdentifier(id.slice(0, i) + c + id.slice(i + 1)),
            'licence_identifier',
          );
        }
      }
    }
  });

  it('rejects a wrong arc, missing segments and lower case', () => {
    const id = examples[0]?.id ?? '';
    for (const bad of [
      id.replace('3005', '3006'),
      id.slice(0, id.lastIndexOf('.')),
      id.toLowerCase(),
      `${id}.X`,
      '',
    ]) {
      claimsFailure(() => validateLicenceIdentifier(bad), 'licence_identifier');
    }
  });
});

describe('derived age elements', () => {
  it('turns 18 and 60 on the birthday, 29 February on 1 March', () => {
    expect(deriveAgeElements('2006-05-01', '2024-04-30')).toEqual({ age_over_18: false, age_over_60: false });
    expect(deriveAgeElements('2006-05-01', '2024-05-01')).toEqual({ age_over_18: true, age_over_60: false });
    expect(deriveAgeElements('1964-05-01', '2024-05-01')).toEqual({ age_over_18: true, age_over_60: true });
    expect(deriveAgeElements('1964-05-02', '2024-05-01')).toEqual({ age_over_18: true, age_over_60: false });
    expect(deriveAgeElements('2000-02-29', '2018-02-28').age_over_18).toBe(false);
    expect(deriveAgeElements('2000-02-29', '2018-03-01').age_over_18).toBe(true);
  });

  it('uses the issuance date in China Standard Time', () => {
    expect(deriveAgeElements('2006-05-01', new Date('2024-04-30T15:59:59Z')).age_over_18).toBe(false);
    expect(deriveAgeElements('2006-05-01', new Date('2024-04-30T16:00:00Z')).age_over_18).toBe(true);
  });

  it('rejects invalid dates as misuse', () => {
    for (const [b, on] of [
      ['2006-02-30', '2024-01-01'],
      ['2006-01-01', 'today'],
    ] as const) {
      expect(() => deriveAgeElements(b, on)).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
      );
    }
    expect(() => deriveAgeElements('2006-01-01', new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }),
    );
  });
});
