import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { impliedClasses } from '../src/doctypes/implied-classes.js';
import { impliesClass } from '../src/doctypes/implies-class.js';
import { mod11_2Check, mod37_36Check } from '../src/doctypes/lib/iso7064.js';
import { parseLicenceClasses } from '../src/doctypes/parse-licence-classes.js';
import type { LicenceClass } from '../src/doctypes/types.js';
import { validateIdNumber } from '../src/doctypes/validate-id-number.js';
import { validateVin } from '../src/doctypes/validate-vin.js';

const CLASSES: LicenceClass[] = [
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
const PROVINCES = ['11', '31', '32', '33', '34', '44', '65', '81', '82', '83'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Valid ID numbers: a real province, any area digits, a real date 1900-2020, any sequence digits. */
const idNumber = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    area: fc.integer({ min: 0, max: 9999 }),
    birth: fc.date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2020-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, area, birth, seq }) => {
    const ymd = `${birth.getUTCFullYear()}${pad(birth.getUTCMonth() + 1, 2)}${pad(birth.getUTCDate(), 2)}`;
    const first17 = `${province}${pad(area, 4)}${ymd}${pad(seq, 3)}`;
    return first17 + mod11_2Check(first17);
  });

describe('GB 11643 properties', () => {
  it('accepts every generated number and derives its date and sex', () => {
    fc.assert(
      fc.property(idNumber, (id) => {
        const info = validateIdNumber(id);
        expect(info.birthDate.replaceAll('-', '')).toBe(id.slice(6, 14));
        expect(info.sex).toBe(Number(id[16]) % 2 === 1 ? 1 : 2);
      }),
    );
  });

  it('MOD 11-2 detects every single-digit change in the first 17 digits', () => {
    fc.assert(
      fc.property(
        idNumber,
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 1, max: 9 }),
        (id, pos, delta) => {
          const digit = (Number(id[pos]) + delta) % 10;
          const changed = id.slice(0, pos) + String(digit) + id.slice(pos + 1);
          // The check character alone already catches it, whatever the date and province say.
          expect(mod11_2Check(changed.slice(0, 17))).not.toBe(changed[17]);
          expect(() => validateIdNumber(changed)).toThrow(expect.objectContaining({ code: 'ERR_CLAIMS' }));
        },
      ),
    );
  });

  it('detects adjacent transpositions of different digits', () => {
    fc.assert(
      fc.property(idNumber, fc.integer({ min: 0, max: 15 }), (id, pos) => {
        fc.pre(id[pos] !== id[pos + 1]);
        const swapped = id.slice(0, pos) + id[pos + 1] + id[pos] + id.slice(pos + 2);
        expect(mod11_2Check(swapped.slice(0, 17))).not.toBe(swapped[17]);
      }),
    );
  });
});

describe('VIN properties', () => {
  const alphabet = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split('');
  const vinChar = fc.constantFrom(...alphabet);
  const yearChar = fc.constantFrom(...'ABCDEFGHJKLMNPRSTVWXY123456789'.split(''));
  /** 16 chars around the check digit; the check digit is found by trying all eleven candidates. */
  const vin = fc
    .tuple(
      fc.array(vinChar, { minLength: 8, maxLength: 8 }),
      yearChar,
      fc.array(vinChar, { minLength: 7, maxLength: 7 }),
    )
    .map(([a, y, b]) => {
      for (const c of '0123456789X') {
        const candidate = `${a.join('')}${c}${y}${b.join('')}`;
        try {
          return validateVin(candidate).vin;
        } catch {}
      }
      throw new Error('no check digit fits');
    });

  it('exactly one check digit fits any 16 other characters', () => {
    fc.assert(
      fc.property(vin, (v) => {
        const fits = '0123456789X'.split('').filter((c) => {
          try {
            validateVin(v.slice(0, 8) + c + v.slice(9));
            return true;
          } catch {
            return false;
          }
        });
        expect(fits).toEqual([v[8]]);
      }),
    );
  });
});

describe('ISO 7064 MOD 37,36 properties', () => {
  it('detects every single substitution', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const data = fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(data, fc.nat(), fc.integer({ min: 1, max: 35 }), (d, at, delta) => {
        const i = at % d.length;
        const c = chars[(chars.indexOf(d[i] ?? '0') + delta) % 36] ?? '0';
        expect(mod37_36Check(d.slice(0, i) + c + d.slice(i + 1))).not.toBe(mod37_36Check(d));
      }),
    );
  });
});

describe('licence class implication', () => {
  const cls = fc.constantFrom(...CLASSES);

  it('is reflexive', () => {
    for (const c of CLASSES) expect(impliesClass([c], c)).toBe(true);
  });

  it('is transitive (exhaustively over all 17³ triples)', () => {
    for (const a of CLASSES) {
      for (const b of CLASSES) {
        if (!impliesClass([a], b)) continue;
        for (const c of CLASSES)
          if (impliesClass([b], c)) expect(impliesClass([a], c), `${a}⇒${b}⇒${c}`).toBe(true);
      }
    }
  });

  it('is antisymmetric: two different classes never imply each other', () => {
    fc.assert(
      fc.property(cls, cls, (a, b) => {
        fc.pre(a !== b);
        expect(impliesClass([a], b) && impliesClass([b], a)).toBe(false);
      }),
    );
  });

  it('agrees with impliedClasses, and a set implies what any member implies', () => {
    fc.assert(
      fc.property(fc.uniqueArray(cls, { maxLength: 5 }), cls, (held, wanted) => {
        const expected = held.some((h) => impliedClasses(h).includes(wanted));
        expect(impliesClass(held, wanted)).toBe(expected);
        if (held.length > 0) {
          const printed = parseLicenceClasses(held.join('')).join('');
          expect(impliesClass(printed, wanted)).toBe(expected);
        }
      }),
    );
  });
});
