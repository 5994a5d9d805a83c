import {
  decodeMobileSecurityObject,
  deriveEMacKey,
  deviceAuthenticationBytes,
  type ErrorCode,
  equalBytes,
  isDeltaIdError,
  MDL_NAMESPACE,
  type MdocDocument,
  type MobileSecurityObject,
  type SessionTranscript,
  verifyDeviceMac,
  verifySign1,
} from '@deltaid/core';
import { type ParsedCertificate, verifyCertificateChain } from '@deltaid/trust';
import { messageFor } from '../../messages.js';
import {
  MDOC_CHECKS,
  type MdocCheckName,
  type MdocDocumentResult,
  type MdocVerificationIssue,
  type VerifyDeviceResponseOptions,
} from '../types.js';
import { memoVerifies, parseCached } from './certificates.js';
import { algOfDeviceKey, uncompressedPoint } from './device-key.js';
import { unauthorisedDeviceElement } from './device-key-authorizations.js';
import { countryAndState } from './name.js';
import { checkStatus, statusReference } from './status.js';

/** Signals the first failed check of a document; caught in {@link verifyDocument}. */
class Failure {
  constructor(
    readonly code: ErrorCode,
    readonly check: MdocCheckName,
    readonly detail: string,
  ) {}
}

// ISO 18013-5 chains are DS → IACA; a handful of certificates covers every real deployment.
const MAX_CHAIN = 4;
// Annex B.1.4: the DS certificate's extended key usage (mandatory, critical) names it an mdoc signer, so a
// reader-authentication or TLS key certified by the same IACA cannot sign MSOs.
const MDOC_DS_EKU = '1.0.18013.5.1.2';

function chainCode(code: string): ErrorCode {
  if (code === 'ERR_EXPIRED' || code === 'ERR_NOT_YET_VALID' || code === 'ERR_UNKNOWN_ISSUER') return code;
  return 'ERR_CERT_CHAIN';
}

function record(
  map: ReadonlyMap<string, ReadonlyMap<string, unknown>> | Map<string, Map<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [ns, elements] of map) out[ns] = Object.fromEntries(elements);
  return out;
}

/**
 * Verifies one document, stopping at the first failed check (ISO/IEC 18013-5:2021 §9.3.1 order: chain,
 * issuer signature, digests, docType, validity, device authentication).
 */
export async function verifyDocument(
  doc: MdocDocument,
  transcript: SessionTranscript,
  anchors: readonly ParsedCertificate[],
  options: VerifyDeviceResponseOptions,
): Promise<MdocDocumentResult> {
  const passed: MdocCheckName[] = ['decode'];
  const warnings: MdocVerificationIssue[] = [];
  let validity: MdocDocumentResult['validity'];
  let deviceAuth: MdocDocumentResult['deviceAuth'];
  let documentSigner: Uint8Array | undefined;
  const nowMs = options.now();
  const now = Math.floor(nowMs / 1000);
  const skew = options.clockSkewSeconds ?? 60;
  try {
    // 1. Document signer certificate chain to a trusted IACA.
    const { x5chain } = doc.issuerSigned;
    if (x5chain.length > MAX_CHAIN) throw new Failure('ERR_CERT_CHAIN', 'issuer', 'x5chain too long');
    let chain: ParsedCertificate[];
    try {
      chain = x5chain.map((der) => parseCached(der, options.certificateCache));
    } catch (err) {
      throw new Failure('ERR_CERT_CHAIN', 'issuer', isDeltaIdError(err) ? err.message : 'bad certificate');
    }
    const leaf = chain[0];
    if (leaf === undefined) throw new Failure('ERR_CERT_CHAIN', 'issuer', 'empty x5chain');
    const bad = await verifyCertificateChain(
      chain,
      anchors,
      now,
      memoVerifies(options.crypto, options.certificateCache),
    );
    if (bad !== undefined) {
      // A chain naming a trusted IACA (subject and key id) that did not sign it is a forgery, not a stranger.
      const top = chain[chain.length - 1] ?? leaf;
      const namesAnchor = anchors.some(
        (a) =>
          equalBytes(a.subject, top.issuer) &&
          (top.authorityKeyId === undefined ||
            a.subjectKeyId === undefined ||
            equalBytes(a.subjectKeyId, top.authorityKeyId)),
      );
      const code = bad.code === 'ERR_UNKNOWN_ISSUER' && namesAnchor ? 'ERR_CERT_CHAIN' : chainCode(bad.code);
      throw new Failure(code, 'issuer', bad.reason);
    }
    if (leaf.isCA) throw new Failure('ERR_CERT_CHAIN', 'issuer', 'document signer certificate is a CA');
    if (!leaf.extendedKeyUsage?.includes(MDOC_DS_EKU)) {
      throw new Failure('ERR_CERT_CHAIN', 'issuer', `document signer certificate lacks EKU ${MDOC_DS_EKU}`);
    }
    if (leaf.publicKey === undefined) {
      throw new Failure('ERR_CERT_CHAIN', 'issuer', 'document signer key algorithm not supported');
    }
    documentSigner = leaf.der;
    passed.push('issuer');

    // 2. Issuer signature over the MSO.
    const issuerKey = await options.crypto.importPublicKey(leaf.publicKey.alg, leaf.publicKey.jwk);
    const { issuerAuth } = doc.issuerSigned;
    if (issuerAuth.payload === null)
      throw new Failure('ERR_STRUCTURE', 'signature', 'issuerAuth payload detached');
    if (!(await verifySign1(issuerAuth, { key: issuerKey, crypto: options.crypto }))) {
      throw new Failure('ERR_SIGNATURE', 'signature', 'issuerAuth signature does not verify');
    }
    passed.push('signature');
    let mso: MobileSecurityObject;
    try {
      mso = decodeMobileSecurityObject(issuerAuth.payload, options.limits ? { limits: options.limits } : {});
    } catch (err) {
      throw new Failure(isDeltaIdError(err) ? err.code : 'ERR_STRUCTURE', 'signature', 'MSO does not decode');
    }

    // 3. docType: the MSO's, the document's and the one asked for must agree.
    if (mso.docType !== doc.docType) {
      throw new Failure('ERR_MDOC_DOCTYPE', 'doctype', 'document docType differs from the MSO docType');
    }
    if (options.docType !== undefined && doc.docType !== options.docType) {
      throw new Failure('ERR_MDOC_DOCTYPE', 'doctype', `${doc.docType} was not requested`);
    }
    passed.push('doctype');

    // 4. Validity: MSO window with skew; `signed` inside the document signer's own validity (§9.3.1 step 5).
    validity = mso.validityInfo;
    const from = Math.floor(validity.validFrom.getTime() / 1000);
    const until = Math.floor(validity.validUntil.getTime() / 1000);
    const signed = Math.floor(validity.signed.getTime() / 1000);
    if (now + skew < from)
      throw new Failure('ERR_NOT_YET_VALID', 'validity', 'MSO validFrom is in the future');
    if (now - skew > until) throw new Failure('ERR_EXPIRED', 'validity', 'MSO validUntil has passed');
    if (signed < leaf.notBefore || signed > leaf.notAfter) {
      throw new Failure('ERR_CERT_CHAIN', 'validity', 'MSO signed outside the document signer validity');
    }
    passed.push('validity');

    // 5. Digests of the disclosed items, over their tag-24 bytes as received.
    const elements = new Map<string, Map<string, unknown>>();
    for (const [ns, items] of doc.issuerSigned.nameSpaces) {
      const digests = mso.valueDigests.get(ns);
      if (digests === undefined)
        throw new Failure('ERR_MDOC_DIGEST', 'digests', `namespace ${ns} not in the MSO`);
      const seenIds = new Set<number>();
      const out = new Map<string, unknown>();
      for (const item of items) {
        if (seenIds.has(item.digestID) || out.has(item.elementIdentifier)) {
          throw new Failure('ERR_MDOC_DIGEST', 'digests', `duplicate item in ${ns}`);
        }
        seenIds.add(item.digestID);
        const expected = digests.get(item.digestID);
        if (expected === undefined) {
          throw new Failure(
            'ERR_MDOC_DIGEST',
            'digests',
            `digestID ${item.digestID} not in the MSO for ${ns}`,
          );
        }
        const actual = await options.crypto.digest(mso.digestAlgorithm, item.bytes);
        if (!equalBytes(actual, expected)) {
          throw new Failure(
            'ERR_MDOC_DIGEST',
            'digests',
            `digest of ${ns}/${item.elementIdentifier} does not match`,
          );
        }
        out.set(item.elementIdentifier, item.elementValue);
      }
      elements.set(ns, out);
    }
    passed.push('digests');

    // 7. issuing_country / issuing_jurisdiction must be what the document signer certificate names
    //    (ISO/IEC 18013-5:2021 Annex B.1.4: countryName, stateOrProvinceName), so one region cannot
    //    issue another's licences even when both IACAs are trusted.
    //    And the document signer must sit in its IACA's country and state: otherwise a trusted Jiangsu IACA could
    //    certify a "CN-SH" document signer and issue Shanghai licences.
    const top = chain[chain.length - 1] ?? leaf;
    const iaca =
      anchors.find((a) => equalBytes(a.der, top.der)) ??
      anchors.find((a) => equalBytes(a.subject, top.issuer));
    const cert = countryAndState(leaf.subject);
    if (iaca !== undefined) {
      const root = countryAndState(iaca.subject);
      if (root.country !== undefined && cert.country !== root.country) {
        throw new Failure(
          'ERR_ISSUER_NOT_AUTHORISED',
          'authorisation',
          'document signer country differs from its IACA',
        );
      }
      if (root.state !== undefined && cert.state !== root.state) {
        throw new Failure(
          'ERR_ISSUER_NOT_AUTHORISED',
          'authorisation',
          'document signer state differs from its IACA',
        );
      }
    }
    const claimed = elements.get(MDL_NAMESPACE);
    const country = claimed?.get('issuing_country');
    const jurisdiction = claimed?.get('issuing_jurisdiction');
    if (country !== undefined && country !== cert.country) {
      throw new Failure(
        'ERR_ISSUER_NOT_AUTHORISED',
        'authorisation',
        'issuing_country differs from the certificate',
      );
    }
    if (jurisdiction !== undefined && cert.state !== undefined && jurisdiction !== cert.state) {
      throw new Failure(
        'ERR_ISSUER_NOT_AUTHORISED',
        'authorisation',
        'issuing_jurisdiction differs from the certificate',
      );
    }
    passed.push('authorisation');

    // 6. Device authentication over DeviceAuthenticationBytes built with the caller's transcript.
    const { deviceSigned } = doc;
    const aad = deviceAuthenticationBytes({
      transcript: transcript.transcript,
      docType: doc.docType,
      deviceNameSpaces: deviceSigned.nameSpacesBytes,
    });
    if ('deviceSignature' in deviceSigned.deviceAuth) {
      deviceAuth = 'signature';
      const sig = deviceSigned.deviceAuth.deviceSignature;
      const key = await options.crypto.importPublicKey(algOfDeviceKey(mso.deviceKey), mso.deviceKey);
      // §9.1.3.6: the payload is detached (null); DeviceAuthenticationBytes stand in for it.
      const ok =
        sig.payload === null &&
        (await verifySign1(sig, { key, crypto: options.crypto, detachedPayload: aad }));
      if (!ok) throw new Failure('ERR_MDOC_DEVICE_AUTH', 'device', 'deviceSignature does not verify');
    } else {
      deviceAuth = 'mac';
      const point = uncompressedPoint(mso.deviceKey);
      if (options.eReaderKeyPriv === undefined || point === undefined || mso.deviceKey.crv !== 'P-256') {
        throw new Failure(
          'ERR_MDOC_DEVICE_AUTH',
          'device',
          'deviceMac needs eReaderKeyPriv and a P-256 device key',
        );
      }
      const key = await deriveEMacKey({
        privateKey: options.eReaderKeyPriv,
        publicKey: point,
        sessionTranscriptBytes: transcript.bytes,
        ...(options.ecdh === undefined ? {} : { ecdh: options.ecdh }),
      });
      if (!verifyDeviceMac(deviceSigned.deviceAuth.deviceMac, { key, deviceAuthentication: aad })) {
        throw new Failure('ERR_MDOC_DEVICE_AUTH', 'device', 'deviceMac does not verify');
      }
    }
    passed.push('device');

    // 8. Revocation: the MSO's Token Status List reference, through the caller's cache.
    const ref = statusReference(mso.status);
    if (ref === 'malformed')
      throw new Failure('ERR_STRUCTURE', 'status', 'MSO status reference is malformed');
    if (ref !== undefined) {
      const outcome = await checkStatus(
        ref,
        options.status,
        new Date(nowMs),
        options.statusUnavailable ?? 'reject',
      );
      if (outcome.kind === 'fail') throw new Failure(outcome.code, 'status', outcome.detail);
      if (outcome.kind === 'warn') {
        warnings.push({
          code: outcome.code,
          check: 'status',
          message: messageFor(outcome.code),
          detail: outcome.detail,
        });
      }
    }
    passed.push('status');
    // ISO/IEC 18013-5 §9.1.2.4: the holder may sign elements itself only where the issuer authorised it in
    // deviceKeyInfo.keyAuthorizations; anything else would be self-asserted data presented as verified.
    const unauthorised = unauthorisedDeviceElement(
      deviceSigned.nameSpaces,
      mso.deviceKeyInfo.get('keyAuthorizations'),
    );
    if (unauthorised !== undefined) {
      throw new Failure(
        'ERR_MDOC_DEVICE_AUTH',
        'device',
        `device-signed element ${unauthorised} is not authorised`,
      );
    }
    return {
      docType: doc.docType,
      valid: true,
      elements: record(elements),
      deviceElements: record(deviceSigned.nameSpaces),
      validity,
      deviceAuth,
      documentSigner: leaf.der,
      passed,
      warnings,
      errors: [],
    };
  } catch (err) {
    const f =
      err instanceof Failure
        ? err
        : isDeltaIdError(err)
          ? new Failure(err.code, checkAfter(passed), err.message)
          : undefined;
    if (f === undefined) throw err;
    return {
      docType: doc.docType,
      valid: false,
      elements: {},
      deviceElements: {},
      ...(validity === undefined ? {} : { validity }),
      ...(deviceAuth === undefined ? {} : { deviceAuth }),
      ...(documentSigner === undefined ? {} : { documentSigner }),
      passed,
      warnings,
      errors: [{ code: f.code, check: f.check, message: messageFor(f.code), detail: f.detail }],
    };
  }
}

/** The check that was running when an unexpected typed error surfaced (e.g. `ERR_KEY` importing a key). */
function checkAfter(passed: readonly MdocCheckName[]): MdocCheckName {
  return MDOC_CHECKS[passed.length] ?? 'device';
}
