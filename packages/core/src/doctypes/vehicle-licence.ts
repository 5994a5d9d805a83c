import { z } from 'zod';
import { USE_CHARACTER_CODES } from './lib/codes.js';
import { issue, notFuture, ordered } from './lib/cross-checks.js';
import { date, defineElements, pattern, stringCode, text, uint, validated } from './lib/element-schemas.js';
import { VEHICLE_LICENCE_LAYOUT } from './lib/layouts.js';
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

const LABELS = {
  plate_number: { zh: '号牌号码', en: 'Plate number' },
  vin: { zh: '车辆识别代号', en: 'VIN' },
  vehicle_type: { zh: '车辆类型', en: 'Vehicle type' },
  owner: { zh: '所有人', en: 'Owner' },
  use_character: { zh: '使用性质', en: 'Use character' },
  brand_model: { zh: '品牌型号', en: 'Brand and model' },
  inspection_valid_until: { zh: '检验有效期至', en: 'Inspection valid until' },
  engine_number: { zh: '发动机号码', en: 'Engine number' },
  register_date: { zh: '注册日期', en: 'Registration date' },
  issue_date: { zh: '发证日期', en: 'Issue date' },
  address: { zh: '住址', en: 'Address' },
  issuing_authority: { zh: '发证机关', en: 'Issuing authority' },
  approved_passengers: { zh: '核定载人数', en: 'Approved passengers' },
  gross_mass_kg: { zh: '总质量', en: 'Gross mass' },
  curb_mass_kg: { zh: '整备质量', en: 'Curb mass' },
  approved_load_kg: { zh: '核定载质量', en: 'Approved load' },
};

/**
 * The vehicle licence: elements (identifying elements first), purposes and claims schema.
 *
 * @example VEHICLE_LICENCE.purposes.traffic
 * @see GA 36-2018; GB 16735-2019; reference code lists (使用性质, 车辆类型)
 */
export const VEHICLE_LICENCE: DocTypeDefinition = {
  docType: VEHICLE_LICENCE_DOCTYPE,
  label: { zh: '机动车行驶证', en: 'Vehicle licence' },
  elements: defineElements(VEHICLE_LICENCE_LAYOUT, LABELS, S),
  purposes: VEHICLE_LICENCE_LAYOUT.purposes,
  claimsSchema: vehicleLicenceClaimsSchema,
};
