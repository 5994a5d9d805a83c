// @deltaid/verifier — explicit export list (STYLE.md item 3).
export { createChallenge } from './challenge/create-challenge.js';
export { parseChallenge } from './challenge/parse-challenge.js';
export { CHALLENGE_PREFIX, type Challenge } from './challenge/types.js';
export {
  CHECKS,
  type CheckName,
  createVerifier,
  type VerificationIssue,
  type VerificationResult,
  type VerifiedIssuer,
  type Verifier,
  type VerifierOptions,
  type VerifyOptions,
} from './create-verifier.js';
export { type CertificateCache, createCertificateCache } from './mdoc/create-certificate-cache.js';
export {
  MDOC_CHECKS,
  type MdocCheckName,
  type MdocDocumentResult,
  type MdocVerificationIssue,
  type MdocVerificationResult,
  type VerifyDeviceResponseOptions,
} from './mdoc/types.js';
export { verifyDeviceResponse } from './mdoc/verify-device-response.js';
export { type BilingualMessage, MESSAGES, messageFor } from './messages.js';
export { checkPolicyElements } from './policy/check-policy-elements.js';
export { definePolicy } from './policy/define-policy.js';
export { POLICY_PRESETS, type PolicyPreset } from './policy/presets.js';
export { resolvePolicy } from './policy/resolve-policy.js';
export type { Policy } from './policy/types.js';
export {
  createMemoryReplayCache,
  type MemoryReplayCache,
  type MemoryReplayCacheOptions,
} from './replay/create-memory-replay-cache.js';
export type { ReplayCache } from './replay/types.js';
