import { PLATE_OFFICES, REGION_ENTRIES } from './lib/codes.js';
import { claimsError } from './lib/fail.js';
import type { Label, RegionCode } from './types.js';

/** A validated plate number of a Delta region. */
export interface PlateNumberInfo {
  /** The plate as printed, without the separator dot: `沪A12345`, `沪AD12345`. */
  readonly plate: string;
  /** Province character: 沪 苏 浙 皖. */
  readonly province: string;
  readonly region: RegionCode;
  /** 发牌机关代号, the letter after the province character. */
  readonly office: string;
  readonly officeName: Label;
  /** `ordinary`: 5 characters after the office letter; `new-energy`: 6 (GA 36-2018 新能源汽车号牌). */
  readonly kind: 'ordinary' | 'new-energy';
  /**
   * For new-energy plates: size (small: D/F first; large: D/F last) and power
   * (D 纯电动 battery-electric, F 非纯电动 other new energy such as plug-in hybrid or fuel cell).
   */
  readonly newEnergy: {
    readonly size: 'small' | 'large';
    readonly power: 'battery-electric' | 'other';
  } | null;
}

/** Options of {@link validatePlateNumber}. */
export interface ValidatePlateNumberOptions {
  /** Field name used in the error message and details. Default `'plate_number'`. */
  readonly field?: string;
}

/** Plate letters and digits: I and O are never used (GA 36-2018): they read as 1 and 0. */
const SERIAL = '[A-HJ-NP-Z0-9]';
const ORDINARY = new RegExp(`^${SERIAL}{5}$`);
const SMALL_NEV = new RegExp(`^[DF]${SERIAL}\\d{4}$`);
const LARGE_NEV = /^\d{5}[DF]$/;

/**
 * Validates a motor-vehicle plate number of Shanghai, Jiangsu, Zhejiang or Anhui: the province
 * character, an office letter that province actually uses, then either 5 serial characters
 * (ordinary) or 6 (new energy: small plates D/F + a letter or digit + 4 digits; large plates
 * 5 digits + D/F). No I or O anywhere. Plates of other provinces are rejected: this SDK only
 * issues vehicle licences of the four regions.
 *
 * @param value - the untrusted value, without the `·` separator.
 * @returns the parsed plate.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when any check fails.
 * @example validatePlateNumber('浙AD12345').newEnergy // { size: 'small', power: 'battery-electric' }
 * @see GA 36-2018 机动车号牌 §5 (号牌号码), 附录 (新能源汽车号牌); reference plate office list
 */
export function validatePlateNumber(
  value: unknown,
  options: ValidatePlateNumberOptions = {},
): PlateNumberInfo {
  const field = options.field ?? 'plate_number';
  if (typeof value !== 'string') throw claimsError(field, 'must be a string');
  const chars = Array.from(value);
  const province = chars[0] ?? '';
  const offices = PLATE_OFFICES.get(province);
  const region = REGION_ENTRIES.find((r) => r.abbr === province);
  if (!offices || !region) throw claimsError(field, 'must start with 沪, 苏, 浙 or 皖');
  const office = chars[1] ?? '';
  const officeName = offices.get(office);
  if (!officeName) throw claimsError(field, `office letter is not used in ${province}`);
  const serial = chars.slice(2).join('');
  if (ORDINARY.test(serial)) {
    return {
      plate: value,
      province,
      region: region.code,
      office,
      officeName,
      kind: 'ordinary',
      newEnergy: null,
    };
  }
  const small = SMALL_NEV.test(serial);
  if (small || LARGE_NEV.test(serial)) {
    const powerChar = small ? serial.charAt(0) : serial.charAt(5);
    return {
      plate: value,
      province,
      region: region.code,
      office,
      officeName,
      kind: 'new-energy',
      newEnergy: { size: small ? 'small' : 'large', power: powerChar === 'D' ? 'battery-electric' : 'other' },
    };
  }
  throw claimsError(
    field,
    'serial must be 5 characters, or 6 for new energy (D/F + 5, or 5 digits + D/F), without I or O',
  );
}
