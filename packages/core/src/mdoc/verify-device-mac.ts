import { HMAC_256_256, mac0Tag } from './lib/mac0.js';
import type { Mac0 } from './types.js';

/**
 * Checks a `deviceMac` (COSE_Mac0, detached payload) over DeviceAuthenticationBytes with EMacKey.
 * Only HMAC 256/256 in the protected header is accepted; the comparison runs over every byte.
 *
 * @param mac - the decoded COSE_Mac0.
 * @param input.key - EMacKey from `deriveEMacKey`.
 * @param input.deviceAuthentication - DeviceAuthenticationBytes from `deviceAuthenticationBytes`.
 * @returns true when the tag matches; false for a wrong alg, an attached payload or a wrong tag.
 * @example
 * ```ts
 * verifyDeviceMac(ds.deviceAuth.deviceMac, { key: eMacKey, deviceAuthentication: aad });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.3.5; RFC 9052 §6.3
 */
export function verifyDeviceMac(
  mac: Mac0,
  input: { readonly key: Uint8Array; readonly deviceAuthentication: Uint8Array },
): boolean {
  if (mac.protectedHeader.get(1) !== HMAC_256_256 || mac.unprotectedHeader.has(1)) return false;
  if (mac.payload !== null) return false;
  const expected = mac0Tag(input.key, mac.protectedBytes, input.deviceAuthentication);
  if (expected.length !== mac.tag.length) return false;
  // Fixed-time comparison: a MAC oracle must not leak how many leading bytes matched.
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= (expected[i] ?? 0) ^ (mac.tag[i] ?? 0);
  return diff === 0;
}
