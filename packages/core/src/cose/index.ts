export {
  type CheckSign1HeadersOptions,
  checkSign1Headers,
  type Sign1HeaderProblem,
} from './check-sign1-headers.js';
export { coseKeyToJwk } from './cose-key-to-jwk.js';
export { type DecodeSign1Options, decodeSign1, type Sign1 } from './decode-sign1.js';
export { deriveKid } from './derive-kid.js';
export { getAlg } from './get-alg.js';
export { getKid } from './get-kid.js';
export { algFromCose, COSE_ALG, COSE_HEADER, type CoseAlgId, coseFromAlg } from './headers.js';
export type { HeaderLabel } from './internal/header-map.js';
export { type JwkToCoseKeyOptions, jwkToCoseKey } from './jwk-to-cose-key.js';
export { COSE_CRV, COSE_KEY, COSE_KTY } from './key-params.js';
export { type Sign1SignedParts, sigStructure } from './sig-structure.js';
export { type SignSign1Context, type SignSign1Input, signSign1 } from './sign-sign1.js';
export { type VerifySign1Context, verifySign1 } from './verify-sign1.js';
