export {
  type CachedTrustSource,
  type CachedTrustSourceOptions,
  createCachedTrustSource,
  type RefreshResult,
} from './create-cached-trust-source.js';
export { createFederatedRegistry, type FederatedRegistryOptions } from './create-federated-registry.js';
export { createStaticRegistry, type StaticRegistryOptions } from './create-static-registry.js';
export { createTrustListRegistry, type TrustListRegistryOptions } from './create-trust-list-registry.js';
export type {
  AcceptancePolicy,
  Candidate,
  CandidateSource,
  LookupFailureCode,
  LookupQuery,
  LookupResult,
  ResolvedIssuer,
  TrustRegistry,
} from './types.js';
