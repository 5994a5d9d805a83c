// Document types: explicit export list (STYLE.md item 3). lib/ stays internal.
export { type AgeElements, deriveAgeElements } from './derive-age-elements.js';
export { deriveElements } from './derive-elements.js';
export { DOC_TYPES } from './doc-types.js';
export {
  DRIVING_LICENCE,
  DRIVING_LICENCE_DOCTYPE,
  type DrivingLicenceClaims,
  drivingLicenceClaimsSchema,
} from './driving-licence.js';
export { elementIds } from './element-ids.js';
export { EXAMPLE_CLAIMS } from './example-claims.js';
export { formatElementValue } from './format-element-value.js';
export { getDocType } from './get-doc-type.js';
export { impliedClasses } from './implied-classes.js';
export { impliesClass } from './implies-class.js';
export { labelFor } from './label-for.js';
export { type ParseLicenceClassesOptions, parseLicenceClasses } from './parse-licence-classes.js';
export {
  checkRequirements,
  PRESET_REQUIREMENTS,
  type PresetName,
  type Requirements,
} from './preset-requirements.js';
export {
  RESIDENT_EID,
  RESIDENT_EID_DOCTYPE,
  type ResidentEidClaims,
  residentEidClaimsSchema,
} from './resident-eid.js';
export { selectElements } from './select-elements.js';
export type {
  ClaimsSchemaOptions,
  CodeListId,
  DocType,
  DocTypeDefinition,
  ElementDefinition,
  ElementType,
  ElementValue,
  Label,
  LicenceClass,
  Portrait,
  PortraitMediaType,
  Purpose,
  RegionCode,
} from './types.js';
export { validateClaims } from './validate-claims.js';
export { type ValidateDateOptions, validateDate } from './validate-date.js';
export { type IdNumberInfo, type ValidateIdNumberOptions, validateIdNumber } from './validate-id-number.js';
export {
  type LicenceIdentifierInfo,
  type ValidateLicenceIdentifierOptions,
  validateLicenceIdentifier,
} from './validate-licence-identifier.js';
export {
  type PlateNumberInfo,
  type ValidatePlateNumberOptions,
  validatePlateNumber,
} from './validate-plate-number.js';
export {
  REGIONS,
  type Region,
  type ValidateRegionCodeOptions,
  validateRegionCode,
} from './validate-region-code.js';
export { type ValidateVinOptions, type VinInfo, validateVin } from './validate-vin.js';
export {
  VEHICLE_LICENCE,
  VEHICLE_LICENCE_DOCTYPE,
  type VehicleLicenceClaims,
  vehicleLicenceClaimsSchema,
} from './vehicle-licence.js';
