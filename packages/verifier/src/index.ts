// @deltaid/verifier — explicit export list (STYLE.md item 3).
export { CHALLENGE_PREFIX, type Challenge, createChallenge, parseChallenge } from './challenge.js';
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
export {
  checkPolicyElements,
  definePolicy,
  POLICY_PRESETS,
  type Policy,
  type PolicyPreset,
  resolvePolicy,
} from './policy.js';
export {
  createMemoryReplayCache,
  type MemoryReplayCache,
  type MemoryReplayCacheOptions,
  type ReplayCache,
} from './replay-cache.js';
