import { claimsError } from './lib/fail.js';
import { mod37_36Check } from './lib/iso7064.js';

/** The parts of an e-licence identifier (电子证照标识). */
export interface LicenceIdentifierInfo {
  readonly identifier: string;
  /** 证照类型代码 after the `1.2.156.3005.2.` arc. */
  readonly typeCode: string;
  /** 颁发机构代码 (unified social credit code or administrative division code). */
  readonly issuerCode: string;
  readonly serial: string;
  readonly version: string;
  readonly checkChar: string;
}

/** Options of {@link validateLicenceIdentifier}. */
export interface ValidateLicenceIdentifierOptions {
  /** Field name used in the error message and details. Default `'licence_identifier'`. */
  readonly field?: string;
}

const ARC = '1.2.156.3005.2.';
const SEGMENT = /^[0-9A-Z]{1,40}$/;

/**
 * Validates a national e-licence identifier: the `1.2.156.3005.2.` arc, then type code, issuer
 * code, serial and version separated by dots, then one check character: ISO 7064 MOD 37,36 over
 * those four segments with the dots removed.
 *
 * @param value - the untrusted value.
 * @returns the parsed identifier.
 * @throws DeltaIdError `ERR_CLAIMS` with `details.field` when the shape or the check character is wrong.
 * @example validateLicenceIdentifier('1.2.156.3005.2.11100000MB03271699022.340100.000000016.001.9').issuerCode // '340100'
 * @see GB/T 36904-2018 电子证照 标识规范; ISO/IEC 7064 MOD 37,36
 */
export function validateLicenceIdentifier(
  value: unknown,
  options: ValidateLicenceIdentifierOptions = {},
): LicenceIdentifierInfo {
  const field = options.field ?? 'licence_identifier';
  if (typeof value !== 'string' || value.length > 200 || !value.startsWith(ARC)) {
    throw claimsError(field, `must start with ${ARC}`);
  }
  const parts = value.slice(ARC.length).split('.');
  const [typeCode, issuerCode, serial, version, checkChar] = parts;
  if (
    parts.length !== 5 ||
    typeCode === undefined ||
    issuerCode === undefined ||
    serial === undefined ||
    version === undefined ||
    checkChar === undefined ||
    ![typeCode, issuerCode, serial, version].every((p) => SEGMENT.test(p)) ||
    !/^[0-9A-Z]$/.test(checkChar)
  ) {
    throw claimsError(field, 'must be type.issuer.serial.version.check of 0-9 and A-Z');
  }
  if (mod37_36Check(typeCode + issuerCode + serial + version) !== checkChar) {
    throw claimsError(field, 'check character does not match (ISO 7064 MOD 37,36)');
  }
  return { identifier: value, typeCode, issuerCode, serial, version, checkChar };
}
