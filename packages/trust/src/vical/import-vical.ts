import {
  ALLOWED_TAGS,
  COSE_HEADER,
  checkSign1Headers,
  DEFAULT_CBOR_LIMITS,
  DeltaIdError,
  decodeCbor,
  decodeSign1,
  isDeltaIdError,
  type Sign1,
  type Verifies,
  verifySign1,
} from '@deltaid/core';
import { type Failure, failure, staleness } from '../lib/signed-list.js';
import { vicalEntryFromCertificate } from '../lib/vical-entry.js';
import type { StalePolicy } from '../trust-list/types.js';
import { parseCertificate, pemToDer } from '../x509/parse-certificate.js';
import { verifyChain } from '../x509/verify-certificate-chain.js';
import type { VerifiedVical, VicalEntry } from './types.js';

/** What {@link importVical} needs. */
export interface ImportVicalOptions {
  /** Pinned trust anchors for the VICAL signer: DER or PEM certificates (a root CA, or the signer itself). */
  readonly anchors: readonly (Uint8Array | string)[];
  readonly crypto: Verifies;
  /** Epoch seconds; the signer chain must be valid now. */
  readonly now: number;
  /** Past `nextUpdate`; default: refuse. */
  readonly stalePolicy?: StalePolicy;
}

/** The result of {@link importVical}. */
export type ImportVicalResult = { readonly ok: true; readonly vical: VerifiedVical } | Failure;

// serialNumber is a tag-2 bignum; nothing else outside the default set appears in VICALs.
const VICAL_TAGS: ReadonlySet<number> = new Set([...ALLOWED_TAGS, 2]);

/**
 * Imports a VICAL (ISO/IEC 18013-5:2021 Annex C) as a source of IACA certificates: the COSE_Sign1
 * (tagged or not) must verify under the x5chain leaf, and that chain must end at a pinned anchor. Real
 * files' quirks are handled, not rejected: `ski` wrapped in a DER OCTET STRING (the key identifier is taken
 * from the certificate when it has one), capitalised keys (`CertificateProfile`, `Extensions`), state codes
 * with or without the country prefix, a single certificate instead of an x5chain array, and ECDSA
 * signatures with high S.
 *
 * @param bytes - the VICAL file.
 * @param options - anchors, crypto, the time, stale policy.
 * @returns `{ ok: true, vical }` or `{ ok: false, code, reason }`: `ERR_CBOR`/`ERR_CBOR_LIMIT`,
 *   `ERR_STRUCTURE`, `ERR_TRUST_LIST` (payload fields), `ERR_SIGNATURE` (COSE signature or a chain link),
 *   `ERR_UNKNOWN_ISSUER` (chain not ending at an anchor), `ERR_EXPIRED`/`ERR_NOT_YET_VALID` (signer chain
 *   at `now`), `ERR_COSE_ALG`, `ERR_TRUST_LIST_STALE`.
 * @example
 * ```ts
 * const r = await importVical(bytes, { anchors: [aamvaRootPem], crypto, now });
 * if (r.ok) registry = createVicalRegistry([r.vical], { crypto });
 * ```
 * @see ISO/IEC 18013-5:2021 Annex C; RFC 9360 (x5chain)
 */
export async function importVical(
  bytes: Uint8Array,
  options: ImportVicalOptions,
): Promise<ImportVicalResult> {
  try {
    const sign1 = decodeSign1(decodeCbor(bytes, { limits: DEFAULT_CBOR_LIMITS, allowedTags: VICAL_TAGS }));
    if (sign1.payload === null) return failure('ERR_STRUCTURE', 'VICAL with a detached payload');
    const chainDer = x5chain(sign1);
    const chain = chainDer.map((c) => parseCertificate(c));
    const anchors = options.anchors.map((a) => parseCertificate(typeof a === 'string' ? pemToDer(a) : a));
    const signerKey = chain[0]?.publicKey;
    if (signerKey === undefined)
      return failure('ERR_COSE_ALG', 'the VICAL signer key algorithm is not supported');
    const problem = checkSign1Headers(sign1, { alg: signerKey.alg });
    if (problem !== undefined) return failure(problem, 'VICAL header does not match the signer key');
    const key = await options.crypto.importPublicKey(signerKey.alg, signerKey.jwk);
    if (!(await verifySign1(sign1, { key, crypto: options.crypto }))) {
      return failure('ERR_SIGNATURE', 'VICAL signature does not verify under the x5chain leaf');
    }
    const chainProblem = await verifyChain(chain, anchors, options.now, options.crypto);
    if (chainProblem !== undefined) return failure(chainProblem.code, chainProblem.reason);
    const vical = readPayload(
      decodeCbor(sign1.payload, { limits: DEFAULT_CBOR_LIMITS, allowedTags: VICAL_TAGS }),
    );
    const stale =
      vical.nextUpdate === undefined
        ? { refuse: false, warnings: [] }
        : staleness(vical.nextUpdate, options.now, options.stalePolicy);
    if (stale.refuse) return failure('ERR_TRUST_LIST_STALE', `VICAL past nextUpdate ${vical.nextUpdate}`);
    return { ok: true, vical: { ...vical, signer: chainDer[0]!, warnings: stale.warnings } };
  } catch (err) {
    if (isDeltaIdError(err)) {
      switch (err.code) {
        case 'ERR_CBOR':
        case 'ERR_CBOR_LIMIT':
        case 'ERR_STRUCTURE':
        case 'ERR_TRUST_LIST':
          return failure(err.code, err.message);
        default:
          return failure('ERR_STRUCTURE', err.message);
      }
    }
    throw err;
  }
}

function x5chain(sign1: Sign1): Uint8Array[] {
  const v =
    sign1.protectedHeader.get(COSE_HEADER.x5chain) ?? sign1.unprotectedHeader.get(COSE_HEADER.x5chain);
  // RFC 9360 §2: a single certificate is a bstr, several an array.
  const list = v instanceof Uint8Array ? [v] : Array.isArray(v) ? v : [];
  if (list.length === 0 || list.length > 8 || !list.every((c): c is Uint8Array => c instanceof Uint8Array)) {
    throw new DeltaIdError('ERR_STRUCTURE', 'VICAL x5chain (33) missing or malformed');
  }
  return list;
}

function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_TRUST_LIST', `VICAL ${field}: ${message}`, { details: { field } });
}

/** Map keys compared case-insensitively: AAMVA writes `CertificateProfile` where the CDDL says `certificateProfile`. */
function fields(v: unknown, field: string): Map<string, unknown> {
  if (!(v instanceof Map)) throw bad(field, 'must be a map');
  const out = new Map<string, unknown>();
  for (const [k, val] of v) {
    if (typeof k !== 'string') throw bad(field, 'keys must be text');
    const lower = k.toLowerCase();
    if (out.has(lower)) throw bad(field, `key ${k} appears twice`);
    out.set(lower, val);
  }
  return out;
}

function epoch(v: unknown, field: string): number {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return Math.floor(v.getTime() / 1000);
  throw bad(field, 'must be a tdate');
}

function optText(v: unknown, field: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length > 1024) throw bad(field, 'must be text');
  return v;
}

function readPayload(v: unknown): Omit<VerifiedVical, 'signer' | 'warnings'> {
  const m = fields(v, 'VICAL');
  const version = m.get('version');
  if (typeof version !== 'string' || !version.startsWith('1.')) throw bad('version', 'must be 1.x');
  const provider = optText(m.get('vicalprovider'), 'vicalProvider');
  if (provider === undefined) throw bad('vicalProvider', 'missing');
  const issueId = m.get('vicalissueid');
  if (
    issueId !== undefined &&
    (typeof issueId !== 'number' || !Number.isSafeInteger(issueId) || issueId < 0)
  ) {
    throw bad('vicalIssueID', 'must be an unsigned integer');
  }
  const infos = m.get('certificateinfos');
  if (!Array.isArray(infos) || infos.length > 10_000) throw bad('certificateInfos', 'must be an array');
  const entries: VicalEntry[] = [];
  const skipped: { index: number; reason: string }[] = [];
  infos.forEach((raw, index) => {
    const field = `certificateInfos[${index}]`;
    try {
      const ci = fields(raw, field);
      const der = ci.get('certificate');
      if (!(der instanceof Uint8Array)) throw bad(`${field}.certificate`, 'must be a byte string');
      const docTypes = ci.get('doctype');
      if (
        !Array.isArray(docTypes) ||
        docTypes.length === 0 ||
        !docTypes.every((d) => typeof d === 'string')
      ) {
        throw bad(`${field}.docType`, 'must be a non-empty array of text');
      }
      const ski = ci.get('ski');
      const issuingCountry = optText(ci.get('issuingcountry'), `${field}.issuingCountry`);
      const state = optText(ci.get('stateorprovincename'), `${field}.stateOrProvinceName`);
      const issuingAuthority = optText(ci.get('issuingauthority'), `${field}.issuingAuthority`);
      entries.push(
        vicalEntryFromCertificate(parseCertificate(der), {
          docTypes,
          ...(ski instanceof Uint8Array ? { ski } : {}),
          ...(issuingCountry === undefined ? {} : { issuingCountry }),
          ...(state === undefined ? {} : { state }),
          ...(issuingAuthority === undefined ? {} : { issuingAuthority }),
        }),
      );
    } catch (err) {
      // One unreadable entry does not void the others: it is reported, and it vouches for nothing.
      if (!isDeltaIdError(err)) throw err;
      skipped.push({ index, reason: err.message });
    }
  });
  const nextUpdate = m.get('nextupdate');
  return {
    provider,
    version,
    issueId: typeof issueId === 'number' ? issueId : undefined,
    date: epoch(m.get('date'), 'date'),
    nextUpdate: nextUpdate === undefined ? undefined : epoch(nextUpdate, 'nextUpdate'),
    entries,
    skipped,
  };
}
