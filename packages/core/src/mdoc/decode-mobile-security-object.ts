import { decodeCbor } from '../cbor/cbor.js';
import { type CborLimits, DEFAULT_CBOR_LIMITS } from '../cbor/limits.js';
import { coseKeyToJwk } from '../cose/cose-key-to-jwk.js';
import type { PublicJwk } from '../crypto/types.js';
import { asBytes, asMap, asTdate, asText, asUint, bad, tag24Inner, textKeyed } from './lib/read.js';
import type { MobileSecurityObject, MsoDigestAlgorithm, ValidityInfo } from './types.js';

const DIGEST_ALGS: ReadonlySet<string> = new Set(['SHA-256', 'SHA-384', 'SHA-512']);

function isDigestAlg(v: string): v is MsoDigestAlgorithm {
  return DIGEST_ALGS.has(v);
}

/**
 * Decodes the issuerAuth payload: `MobileSecurityObjectBytes` = `#6.24(bstr .cbor MobileSecurityObject)`.
 *
 * @param payload - the COSE_Sign1 payload bytes (the tag-24 encoding).
 * @param options - CBOR limits.
 * @returns the MSO with its device key as a JWK.
 * @throws DeltaIdError `ERR_STRUCTURE` (shape, unknown digest algorithm, private key material in the device
 *   key), `ERR_KEY` (unsupported device key), `ERR_CBOR`, `ERR_CBOR_LIMIT`.
 * @example
 * ```ts
 * const mso = decodeMobileSecurityObject(issuerSigned.issuerAuth.payload);
 * mso.validityInfo.validUntil; // Date
 * ```
 * @see ISO/IEC 18013-5:2021 §9.1.2.4
 */
export function decodeMobileSecurityObject(
  payload: Uint8Array,
  options: { readonly limits?: CborLimits } = {},
): MobileSecurityObject {
  const limits = options.limits ?? DEFAULT_CBOR_LIMITS;
  const inner = tag24Inner(decodeCbor(payload, { limits }), 'MobileSecurityObjectBytes');
  const m = asMap(decodeCbor(inner, { limits }), 'MobileSecurityObject');
  const version = asText(m.get('version'), 'MSO.version');
  if (version !== '1.0' && version !== '1.1') throw bad('MSO.version', `unsupported version ${version}`);
  const digestAlgorithm = asText(m.get('digestAlgorithm'), 'MSO.digestAlgorithm');
  if (!isDigestAlg(digestAlgorithm)) throw bad('MSO.digestAlgorithm', `unsupported ${digestAlgorithm}`);

  const valueDigests = new Map<string, Map<number, Uint8Array>>();
  for (const [ns, digests] of textKeyed(m.get('valueDigests'), 'MSO.valueDigests')) {
    const byId = new Map<number, Uint8Array>();
    for (const [id, d] of asMap(digests, `MSO.valueDigests[${ns}]`)) {
      byId.set(asUint(id, `MSO.valueDigests[${ns}] digestID`), asBytes(d, `MSO.valueDigests[${ns}] digest`));
    }
    valueDigests.set(ns, byId);
  }

  const deviceKeyInfo = asMap(m.get('deviceKeyInfo'), 'MSO.deviceKeyInfo');
  const jwk = coseKeyToJwk(asMap(deviceKeyInfo.get('deviceKey'), 'MSO.deviceKeyInfo.deviceKey'));
  if ('d' in jwk) throw bad('MSO.deviceKeyInfo.deviceKey', 'must not carry a private key');
  const deviceKey: PublicJwk = jwk;

  const v = asMap(m.get('validityInfo'), 'MSO.validityInfo');
  const expected = v.get('expectedUpdate');
  const validityInfo: ValidityInfo = {
    signed: asTdate(v.get('signed'), 'validityInfo.signed'),
    validFrom: asTdate(v.get('validFrom'), 'validityInfo.validFrom'),
    validUntil: asTdate(v.get('validUntil'), 'validityInfo.validUntil'),
    ...(expected === undefined ? {} : { expectedUpdate: asTdate(expected, 'validityInfo.expectedUpdate') }),
  };
  if (validityInfo.validUntil.getTime() <= validityInfo.validFrom.getTime()) {
    throw bad('MSO.validityInfo', 'validUntil must be after validFrom');
  }
  const status = m.get('status');
  return {
    version,
    digestAlgorithm,
    valueDigests,
    deviceKey,
    deviceKeyInfo,
    docType: asText(m.get('docType'), 'MSO.docType'),
    validityInfo,
    ...(status === undefined ? {} : { status: asMap(status, 'MSO.status') }),
  };
}
