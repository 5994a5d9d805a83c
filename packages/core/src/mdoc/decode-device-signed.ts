import { decodeCbor, isTag, TAG_COSE_MAC0 } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { decodeSign1 } from '../cose/decode-sign1.js';
import { asArray, asBytes, asMap, bad, onlyKeys, tag24Inner, textKeyed } from './lib/read.js';
import type { DeviceAuth, DeviceSigned, Mac0 } from './types.js';

function decodeMac0(value: unknown, limits: CborLimits): Mac0 {
  const v = isTag(value, TAG_COSE_MAC0) ? value.value : value;
  const arr = asArray(v, 'deviceMac');
  if (arr.length !== 4) throw bad('deviceMac', 'COSE_Mac0 must have 4 elements');
  const [p, u, payload, tag] = arr;
  const protectedBytes = asBytes(p, 'deviceMac.protected');
  if (payload !== null && !(payload instanceof Uint8Array))
    throw bad('deviceMac.payload', 'must be bstr or null');
  return {
    protectedBytes,
    protectedHeader:
      protectedBytes.length === 0
        ? new Map()
        : asMap(decodeCbor(protectedBytes, { limits }), 'deviceMac.protected'),
    unprotectedHeader: asMap(u, 'deviceMac.unprotected'),
    payload: payload ?? null,
    tag: asBytes(tag, 'deviceMac.tag'),
  };
}

/**
 * Decodes `DeviceSigned` = `{ nameSpaces: DeviceNameSpacesBytes, deviceAuth }` where `deviceAuth` holds
 * exactly one of `deviceSignature` (COSE_Sign1) or `deviceMac` (COSE_Mac0). The DeviceNameSpaces bytes are
 * kept as received: DeviceAuthentication covers them.
 *
 * @param value - the decoded `DeviceSigned` map.
 * @param options - CBOR limits.
 * @returns the decoded structure; the signature or MAC is not checked here.
 * @throws DeltaIdError `ERR_STRUCTURE`, `ERR_CBOR`, `ERR_CBOR_LIMIT`.
 * @example
 * ```ts
 * const ds = decodeDeviceSigned(doc.get('deviceSigned'));
 * 'deviceMac' in ds.deviceAuth;
 * ```
 * @see ISO/IEC 18013-5:2021 §8.3.2.1.2.2, §9.1.3
 */
export function decodeDeviceSigned(
  value: unknown,
  options: { readonly limits?: CborLimits } = {},
): DeviceSigned {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  const m = asMap(value, 'DeviceSigned');
  onlyKeys(m, ['nameSpaces', 'deviceAuth'], 'DeviceSigned');
  const nameSpacesBytes = tag24Inner(m.get('nameSpaces'), 'DeviceSigned.nameSpaces');
  const nameSpaces = new Map<string, ReadonlyMap<string, unknown>>();
  for (const [ns, elements] of textKeyed(decodeCbor(nameSpacesBytes, { limits }), 'DeviceNameSpaces')) {
    nameSpaces.set(ns, textKeyed(elements, `DeviceNameSpaces[${ns}]`));
  }
  const auth = asMap(m.get('deviceAuth'), 'DeviceSigned.deviceAuth');
  const sig = auth.get('deviceSignature');
  const mac = auth.get('deviceMac');
  if ((sig === undefined) === (mac === undefined) || auth.size !== 1) {
    throw bad('deviceAuth', 'must hold exactly one of deviceSignature or deviceMac');
  }
  const deviceAuth: DeviceAuth =
    sig !== undefined
      ? { deviceSignature: decodeSign1(sig, { limits }) }
      : { deviceMac: decodeMac0(mac, limits) };
  return { nameSpacesBytes, nameSpaces, deviceAuth };
}
