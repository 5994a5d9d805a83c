import { z } from 'zod';
import { USE_CHARACTER_CODES } from './lib/codes.js';
import { issue, notFuture, ordered } from './lib/cross-checks.js';
import { date, element, pattern, stringCode, text, uint, validated } from './lib/element-schemas.js';
import type { ClaimsSchemaOptions, DocTypeDefinition } from './types.js';
import { validatePlateNumber } from './validate-plate-number.js';
import { validateVin } from './validate-vin.js';

/** Document type of the vehicle licence (机动车行驶证); naming rule as for `cn.gov.mps.eid.1`. */
export const VEHICLE_LICENCE_DOCTYPE = 'cn.gov.mps.vl.1';

/** Heaviest road vehicle in China is 49 t (GB 1589); 100 t leaves room for special transports. */
const MAX_MASS_KG = 100_000;

const S = {
  plate_number: validated('plate_number', (v) => validatePlateNumber(v).plate),
  vin: validated('vin', (v) => validateVin(v).vin),
  // GA 24.4: a class letter (K 客车, H 货车, Q 牵引车, Z 专项作业车, D 电车, M 摩托车, N 三轮汽车,
  // T 拖拉机, J 轮式机械, G 全挂车, B 半挂车, X 其他) and two characters. Only common codes have labels.
  vehicle_type: pattern(
    'vehicle_type',
    /^[BDGHJKMNQTXZ]\d[0-9A-Z]$/,
    'a GA 24.4 vehicle type code such as K33',
  ),
  owner: text('owner', 100),
  use_character: stringCode('use_character', USE_CHARACTER_CODES),
  brand_model: text('brand_model', 60),
  engine_number: pattern(
    'engine_number',
    /^[0-9A-Z][0-9A-Z-]{0,29}$/,
    '1 to 30 characters of 0-9, A-Z and -',
  ),
  register_date: date('register_date'),
  issue_date: date('issue_date'),
  inspection_valid_until: date('inspection_valid_until'),
  address: text('address', 100),
  issuing_authority: text('issuing_authority', 60),
  approved_passengers: uint('approved_passengers', 999),
  gross_mass_kg: uint('gross_mass_kg', MAX_MASS_KG),
  curb_mass_kg: uint('curb_mass_kg', MAX_MASS_KG),
  approved_load_kg: uint('approved_load_kg', MAX_MASS_KG),
};

/**
 * Builds the schema of the issuer's input claims for a vehicle licence. Strict (no issuing-region
 * claim; the plate's province must anyway be one of the four regions). Cross-field rules:
 * register_date ≤ issue_date; inspection_valid_until after register_date; curb mass and approved
 * load not above gross mass; with `now`, register and issue dates not in the future.
 * `approved_load_kg` is optional: passenger cars print "--" there.
 *
 * @param options - `now` enables the not-in-the-future checks.
 * @returns a zod schema; its issues name the field.
 * @example vehicleLicenceClaimsSchema().parse(claims)
 * @see GA 36-2018 (plates); GB 16735-2019 (VIN); GA 24 (code tables)
 */
export function vehicleLicenceClaimsSchema(options: ClaimsSchemaOptions = {}) {
  const { now } = options;
  return z
    .strictObject({
      plate_number: S.plate_number,
      vin: S.vin,
      vehicle_type: S.vehicle_type,
      owner: S.owner,
      use_character: S.use_character,
      brand_model: S.brand_model,
      engine_number: S.engine_number,
      register_date: S.register_date,
      issue_date: S.issue_date,
      inspection_valid_until: S.inspection_valid_until,
      address: S.address,
      issuing_authority: S.issuing_authority,
      approved_passengers: S.approved_passengers,
      gross_mass_kg: S.gross_mass_kg,
      curb_mass_kg: S.curb_mass_kg,
      approved_load_kg: S.approved_load_kg.optional(),
    })
    .superRefine((c, ctx) => {
      notFuture(ctx, 'register_date', c.register_date, now);
      notFuture(ctx, 'issue_date', c.issue_date, now);
      ordered(ctx, 'register_date', c.register_date, 'issue_date', c.issue_date, false);
      ordered(
        ctx,
        'register_date',
        c.register_date,
        'inspection_valid_until',
        c.inspection_valid_until,
        true,
      );
      if (typeof c.curb_mass_kg === 'number' && typeof c.gross_mass_kg === 'number') {
        if (c.curb_mass_kg > c.gross_mass_kg) issue(ctx, 'curb_mass_kg', 'must not exceed gross_mass_kg');
        if (typeof c.approved_load_kg === 'number' && c.approved_load_kg > c.gross_mass_kg) {
          issue(ctx, 'approved_load_kg', 'must not exceed gross_mass_kg');
        }
      }
    });
}

/** Validated input claims of a vehicle licence. */
export type VehicleLicenceClaims = z.output<ReturnType<typeof vehicleLicenceClaimsSchema>>;

/**
 * The vehicle licence: elements (identifying elements first), purposes and claims schema.
 *
 * @example VEHICLE_LICENCE.purposes.traffic
 * @see GA 36-2018; GB 16735-2019; reference code lists (使用性质, 车辆类型)
 */
export const VEHICLE_LICENCE: DocTypeDefinition = {
  docType: VEHICLE_LICENCE_DOCTYPE,
  label: { zh: '机动车行驶证', en: 'Vehicle licence' },
  elements: [
    element('plate_number', 1, 'tstr', { zh: '号牌号码', en: 'Plate number' }, S.plate_number),
    element('vin', 2, 'tstr', { zh: '车辆识别代号', en: 'VIN' }, S.vin),
    element('vehicle_type', 3, 'code', { zh: '车辆类型', en: 'Vehicle type' }, S.vehicle_type, {
      codeList: 'vehicle-type',
    }),
    element('owner', 4, 'tstr', { zh: '所有人', en: 'Owner' }, S.owner),
    element('use_character', 5, 'code', { zh: '使用性质', en: 'Use character' }, S.use_character, {
      codeList: 'use-character',
    }),
    element('brand_model', 6, 'tstr', { zh: '品牌型号', en: 'Brand and model' }, S.brand_model),
    element(
      'inspection_valid_until',
      7,
      'date',
      { zh: '检验有效期至', en: 'Inspection valid until' },
      S.inspection_valid_until,
    ),
    element('engine_number', 8, 'tstr', { zh: '发动机号码', en: 'Engine number' }, S.engine_number),
    element('register_date', 9, 'date', { zh: '注册日期', en: 'Registration date' }, S.register_date),
    element('issue_date', 10, 'date', { zh: '发证日期', en: 'Issue date' }, S.issue_date),
    element('address', 11, 'tstr', { zh: '住址', en: 'Address' }, S.address),
    element(
      'issuing_authority',
      12,
      'tstr',
      { zh: '发证机关', en: 'Issuing authority' },
      S.issuing_authority,
    ),
    element(
      'approved_passengers',
      13,
      'uint',
      { zh: '核定载人数', en: 'Approved passengers' },
      S.approved_passengers,
      {
        unit: 'persons',
      },
    ),
    element('gross_mass_kg', 14, 'uint', { zh: '总质量', en: 'Gross mass' }, S.gross_mass_kg, { unit: 'kg' }),
    element('curb_mass_kg', 15, 'uint', { zh: '整备质量', en: 'Curb mass' }, S.curb_mass_kg, { unit: 'kg' }),
    element('approved_load_kg', 16, 'uint', { zh: '核定载质量', en: 'Approved load' }, S.approved_load_kg, {
      unit: 'kg',
      required: false,
    }),
  ],
  purposes: {
    full: [
      'plate_number',
      'vin',
      'vehicle_type',
      'owner',
      'use_character',
      'brand_model',
      'inspection_valid_until',
      'engine_number',
      'register_date',
      'issue_date',
      'address',
      'issuing_authority',
      'approved_passengers',
      'gross_mass_kg',
      'curb_mass_kg',
      'approved_load_kg',
    ],
    // What a traffic officer checks against the vehicle: identity, owner, use, inspection.
    traffic: [
      'plate_number',
      'vin',
      'vehicle_type',
      'owner',
      'use_character',
      'brand_model',
      'inspection_valid_until',
    ],
  },
  claimsSchema: vehicleLicenceClaimsSchema,
};
