import { decodeCbor } from '../cbor/cbor.js';
import { type CborLimits, QR_CBOR_LIMITS } from '../cbor/limits.js';
import { decodeSign1, type Sign1 } from '../cose/decode-sign1.js';
import { COSE_HEADER } from '../cose/headers.js';
import { CWT_CLAIM } from '../cwt/index.js';
import { type DocTypeLayout, LAYOUTS } from '../doctypes/lib/layouts.js';
import type { DocType, ElementValue, Purpose } from '../doctypes/types.js';
import { DeltaIdError } from '../errors.js';
import { CLAIM_DELTA, DELTA_KEY, DOC_TYPE_CODE, PURPOSE_CODE } from './constants.js';
import type { StatusReference } from './encode-credential-payload.js';
import { decodeElement, mustCarry, purposeElements } from './lib/elements.js';
import { decodeHolderKey } from './lib/holder-key.js';
import type { RawPublicKey } from './raw-public-key.js';

/** A compact credential, decoded and structurally checked — not yet verified. */
export interface CompactCredential {
  /** The issuer's COSE_Sign1, for signature verification. */
  readonly sign1: Sign1;
  /** The issuer key id (8 bytes) the trust registry resolves. */
  readonly kid: Uint8Array;
  readonly issuer: string;
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly expiresAt: number;
  /** The credential id (`cti`). */
  readonly id: Uint8Array;
  /** The holder's device key from `cnf`. */
  readonly holderKey: RawPublicKey;
  readonly docType: DocType;
  readonly purpose: Purpose;
  readonly status?: StatusReference;
  /** Element values by element id. */
  readonly elements: Readonly<Record<string, ElementValue>>;
}

const DOC_TYPE_BY_CODE: ReadonlyMap<unknown, DocType> = new Map(
  Object.entries(DOC_TYPE_CODE).map(([k, v]) => [v, k as DocType]),
);
const PURPOSE_BY_CODE: ReadonlyMap<unknown, Purpose> = new Map(
  Object.entries(PURPOSE_CODE).map(([k, v]) => [v, k as Purpose]),
);
const KNOWN_CLAIMS: ReadonlySet<unknown> = new Set([
  CWT_CLAIM.iss,
  CWT_CLAIM.iat,
  CWT_CLAIM.nbf,
  CWT_CLAIM.exp,
  CWT_CLAIM.cti,
  CWT_CLAIM.cnf,
  CLAIM_DELTA,
]);

function bad(field: string, message: string): DeltaIdError {
  return new DeltaIdError('ERR_STRUCTURE', `credential ${field} ${message}`, { details: { field } });
}

function uint(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)
    throw bad(field, 'must be an unsigned integer');
  return v;
}

/**
 * Decodes an issuer-signed compact credential (a COSE_Sign1 whose payload is the CWT claims set) and checks its
 * structure strictly: every standard claim present with its type, no unknown claims, a known document type and
 * purpose, exactly the purpose's elements (required ones present, no extras), each element well-typed.
 *
 * @param input - the COSE_Sign1 bytes or its decoded CBOR value (as nested in a presentation).
 * @throws DeltaIdError `ERR_CBOR`, `ERR_CBOR_LIMIT`, `ERR_STRUCTURE` (the message names the claim or element).
 * @example const credential = decodeCredential(bytes); credential.elements.name // '张三丰'
 * @see docs/formats/compact-credential.md §Credential
 */
export function decodeCredential(
  input: Uint8Array | unknown,
  options: { limits?: CborLimits } = {},
): CompactCredential {
  const limits = options.limits ?? QR_CBOR_LIMITS;
  const sign1 = decodeSign1(input, { limits });
  // Only the protected (signed) kid may choose the trust entry; an unprotected one is ignored.
  const rawKid = sign1.protectedHeader.get(COSE_HEADER.kid);
  const kid = rawKid instanceof Uint8Array ? rawKid : undefined;
  if (kid === undefined || kid.length !== 8) throw bad('kid', 'must be 8 bytes in the protected header');
  if (sign1.payload === null) throw bad('payload', 'must not be detached');
  const claims = decodeCbor(sign1.payload, { limits });
  if (!(claims instanceof Map)) throw bad('claims', 'must be a map');
  for (const key of claims.keys())
    if (!KNOWN_CLAIMS.has(key)) throw bad(`claim ${String(key)}`, 'is not allowed');

  const issuer = claims.get(CWT_CLAIM.iss);
  if (typeof issuer !== 'string' || issuer.length === 0 || issuer.length > 64)
    throw bad('iss', 'must be a short text');
  const issuedAt = uint(claims.get(CWT_CLAIM.iat), 'iat');
  const notBefore = uint(claims.get(CWT_CLAIM.nbf), 'nbf');
  const expiresAt = uint(claims.get(CWT_CLAIM.exp), 'exp');
  const id = claims.get(CWT_CLAIM.cti);
  if (!(id instanceof Uint8Array) || id.length < 1 || id.length > 32)
    throw bad('cti', 'must be 1 to 32 bytes');
  const cnf = claims.get(CWT_CLAIM.cnf);
  if (!(cnf instanceof Map) || cnf.size !== 1) throw bad('cnf', 'must be {1: COSE_Key}');
  const holderKey = decodeHolderKey(cnf.get(1));

  const delta = claims.get(CLAIM_DELTA);
  if (!(delta instanceof Map)) throw bad('document', 'claim -65537 must be a map');
  for (const key of delta.keys()) {
    if (
      key !== DELTA_KEY.docType &&
      key !== DELTA_KEY.purpose &&
      key !== DELTA_KEY.status &&
      key !== DELTA_KEY.elements
    ) {
      throw bad(`document key ${String(key)}`, 'is not allowed');
    }
  }
  const docType = DOC_TYPE_BY_CODE.get(delta.get(DELTA_KEY.docType));
  if (docType === undefined) throw bad('docType', 'is unknown');
  const purpose = PURPOSE_BY_CODE.get(delta.get(DELTA_KEY.purpose));
  if (purpose === undefined) throw bad('purpose', 'is unknown');
  // The plain layout, not getDocType: decoding must not pull the zod schemas into the verifier's bundle.
  const def = LAYOUTS.get(docType);
  if (def === undefined) throw bad('docType', 'is unknown');
  if (def.purposes[purpose] === undefined) throw bad('purpose', `is not defined for ${docType}`);

  let status: StatusReference | undefined;
  const rawStatus = delta.get(DELTA_KEY.status);
  if (rawStatus !== undefined) {
    if (!Array.isArray(rawStatus) || rawStatus.length !== 2) throw bad('status', 'must be [list, index]');
    status = { list: uint(rawStatus[0], 'status list'), index: uint(rawStatus[1], 'status index') };
  }
  const elements = decodeElements(def, purpose, delta.get(DELTA_KEY.elements));
  return {
    sign1,
    kid,
    issuer,
    issuedAt,
    notBefore,
    expiresAt,
    id,
    holderKey,
    docType,
    purpose,
    ...(status === undefined ? {} : { status }),
    elements,
  };
}

function decodeElements(def: DocTypeLayout, purpose: Purpose, v: unknown): Record<string, ElementValue> {
  if (!(v instanceof Map)) throw bad('elements', 'must be a map');
  const allowed = purposeElements(def, purpose);
  const out: Record<string, ElementValue> = {};
  let seen = 0;
  for (const e of allowed) {
    const value = v.get(e.key);
    if (value === undefined) {
      if (mustCarry(e)) throw bad(`element ${e.id}`, `is required for purpose '${purpose}'`);
      continue;
    }
    out[e.id] = decodeElement(e, value);
    seen++;
  }
  if (seen !== v.size) throw bad('elements', `hold keys outside purpose '${purpose}'`);
  return out;
}
