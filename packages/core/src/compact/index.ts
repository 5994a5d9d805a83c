export {
  CLAIM_DELTA,
  COMPACT_PREFIX,
  DELTA_KEY,
  DOC_TYPE_CODE,
  MAX_PRESENTATION_BYTES,
  NONCE_BYTES,
  PRESENTATION_KEY,
  PURPOSE_CODE,
} from './constants.js';
export { type CompactCredential, decodeCredential } from './decode-credential.js';
export { type DecodedPresentation, decodePresentation } from './decode-presentation.js';
export { decodeQrText } from './decode-qr-text.js';
export {
  type CredentialPayloadInput,
  encodeCredentialPayload,
  type StatusReference,
} from './encode-credential-payload.js';
export { encodePresentation, type PresentationInput } from './encode-presentation.js';
export { encodeQrText } from './encode-qr-text.js';
export type { RawPublicKey } from './raw-public-key.js';
export { verifyHolderSignature } from './verify-holder-signature.js';
export {
  type PresentationSignatureResult,
  verifyPresentationSignatures,
} from './verify-presentation-signatures.js';
