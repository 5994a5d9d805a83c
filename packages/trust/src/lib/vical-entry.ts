import { DeltaIdError } from '@deltaid/core';
import type { VicalEntry } from '../vical/types.js';
import type { ParsedCertificate } from '../x509/parse-certificate.js';

function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_TRUST_LIST', `VICAL ${field}: ${message}`, { details: { field } });
}

/** Strips DER OCTET STRING wrappers (`04 len ‖ content`) as long as one covers the whole value exactly. */
function unwrapSki(ski: Uint8Array): Uint8Array {
  let v = ski;
  for (let i = 0; i < 2 && v.length >= 2 && v[0] === 0x04 && v[1] === v.length - 2 && v[1]! < 0x80; i++) {
    v = v.subarray(2);
  }
  return v;
}

/** `AK` with country `US` → `US-AK`; `US-MD` stays; free text (`Brussels Region`) stays as it is. */
function subdivision(state: string | undefined, country: string | undefined): string | undefined {
  if (state === undefined) return undefined;
  const s = state.trim().toUpperCase();
  if (/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(s)) return s;
  if (country !== undefined && /^[A-Z]{2}$/.test(country) && /^[A-Z0-9]{1,3}$/.test(s))
    return `${country}-${s}`;
  return state;
}

/** Builds an entry from a certificate and the VICAL's statements about it. */
export function vicalEntryFromCertificate(
  cert: ParsedCertificate,
  info: {
    docTypes: readonly string[];
    ski?: Uint8Array;
    issuingCountry?: string;
    state?: string;
    issuingAuthority?: string;
  },
): VicalEntry {
  const ski = cert.subjectKeyId ?? (info.ski === undefined ? undefined : unwrapSki(info.ski));
  if (ski === undefined || ski.length === 0)
    throw bad('ski', 'no key identifier in the certificate or the VICAL');
  return {
    certificate: cert.der,
    ski,
    subject: cert.subject,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    alg: cert.publicKey?.alg,
    publicKey: cert.publicKey?.jwk,
    docTypes: info.docTypes,
    issuingCountry: info.issuingCountry,
    subdivision: subdivision(info.state, info.issuingCountry),
    issuingAuthority: info.issuingAuthority,
  };
}
