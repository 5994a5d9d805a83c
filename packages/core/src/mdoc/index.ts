export { createDeviceMac } from './create-device-mac.js';
export { decodeDeviceResponse } from './decode-device-response.js';
export { decodeDeviceSigned } from './decode-device-signed.js';
export { decodeIssuerSigned } from './decode-issuer-signed.js';
export { decodeIssuerSignedItem } from './decode-issuer-signed-item.js';
export { decodeMobileSecurityObject } from './decode-mobile-security-object.js';
export { decodeSessionTranscript, type SessionTranscript } from './decode-session-transcript.js';
export { deriveEMacKey, type Ecdh } from './derive-emac-key.js';
export { deviceAuthenticationBytes } from './device-authentication-bytes.js';
export { encodeIssuerSignedItem } from './encode-issuer-signed-item.js';
export {
  encodeMobileSecurityObject,
  type MobileSecurityObjectInput,
} from './encode-mobile-security-object.js';
export {
  type DeviceAuth,
  type DeviceResponse,
  type DeviceSigned,
  type IssuerSigned,
  type IssuerSignedItem,
  type Mac0,
  MDL_DOCTYPE,
  MDL_NAMESPACE,
  type MdocDocument,
  type MobileSecurityObject,
  type MsoDigestAlgorithm,
  type ValidityInfo,
} from './types.js';
export { verifyDeviceMac } from './verify-device-mac.js';
