import { encodeCbor } from '../cbor/cbor.js';
import { HMAC_256_256, mac0Tag } from './lib/mac0.js';

/**
 * Makes a `deviceMac`: COSE_Mac0 `[h'a10105', {}, null, tag]` with HMAC 256/256 over
 * DeviceAuthenticationBytes (detached).
 *
 * @param input.key - EMacKey (device side: static device private key with the reader's ephemeral key).
 * @param input.deviceAuthentication - DeviceAuthenticationBytes.
 * @returns the COSE_Mac0 as a CBOR value (an array) to place under `deviceAuth.deviceMac`.
 * @example
 * ```ts
 * const mac = createDeviceMac({ key: eMacKey, deviceAuthentication: aad });
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.3.5
 */
export function createDeviceMac(input: {
  readonly key: Uint8Array;
  readonly deviceAuthentication: Uint8Array;
}): [Uint8Array, Map<number, unknown>, null, Uint8Array] {
  const protectedBytes = encodeCbor(new Map([[1, HMAC_256_256]]));
  return [protectedBytes, new Map(), null, mac0Tag(input.key, protectedBytes, input.deviceAuthentication)];
}
