import {
  type CompactCredential,
  concatBytes,
  equalBytes,
  fromBase64Url,
  type PublicKeyHandle,
} from '@deltaid/core';

/**
 * Whether a credential's `cnf` key is this device's public key. The credential carries EC keys compressed
 * (`02|03‖x`, RFC 9053 §7.1.1), so the device key is brought to the same form and the raw points compared — the
 * algorithm, the x coordinate and the sign of y — never JWK text, whose padding or member order could differ.
 */
export function isBoundTo(
  credential: Pick<CompactCredential, 'holderKey'>,
  device: PublicKeyHandle,
): boolean {
  const { alg, raw } = credential.holderKey;
  if (alg !== device.alg) return false;
  let x: Uint8Array;
  try {
    x = fromBase64Url(device.jwk.x);
  } catch {
    return false;
  }
  if (alg === 'EdDSA') return equalBytes(raw, x);
  if (device.jwk.y === undefined) return false;
  let y: Uint8Array;
  try {
    y = fromBase64Url(device.jwk.y);
  } catch {
    return false;
  }
  const last = y[y.length - 1];
  if (last === undefined) return false;
  return equalBytes(raw, concatBytes(Uint8Array.of((last & 1) === 1 ? 0x03 : 0x02), x));
}
