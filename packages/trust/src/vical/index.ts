export {
  type CertificateLookupResult,
  type CertificateQuery,
  createVicalRegistry,
  type VicalRegistry,
} from './create-vical-registry.js';
export { type ImportVicalOptions, type ImportVicalResult, importVical } from './import-vical.js';
export type { VerifiedVical, VicalEntry } from './types.js';
