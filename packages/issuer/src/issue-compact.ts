import {
  COSE_HEADER,
  DeltaIdError,
  type DocType,
  deriveElements,
  encodeCredentialPayload,
  getDocType,
  type PrivateKeyHandle,
  type PublicKeyHandle,
  type Purpose,
  type Randomness,
  type Signs,
  type StatusReference,
  signSign1,
  validateClaims,
} from '@deltaid/core';

/** The issuing authority's signing identity: its id (`iss`), the 8-byte `kid` its trust-list entry lists, and its key. */
export interface IssuerIdentity {
  readonly id: string;
  readonly kid: Uint8Array;
  readonly key: PrivateKeyHandle;
}

/** What to issue. `claims` are the issuer's input, validated against the document type's schema. */
export interface IssueCompactInput {
  readonly docType: DocType;
  readonly purpose: Purpose;
  readonly claims: unknown;
  /** The holder's device public key; the credential is bound to it (`cnf`). */
  readonly holderKey: Pick<PublicKeyHandle, 'alg' | 'jwk'>;
  /** Credential lifetime in seconds from issuance, unless `expiresAt` is given. Default 1 year. */
  readonly lifetimeSeconds?: number;
  /** Expiry in seconds since the epoch; must be after `notBefore`. */
  readonly expiresAt?: number;
  /** Start of validity in seconds since the epoch; default the issuance time. */
  readonly notBefore?: number;
  /** The status-list entry assigned to this credential (see the status list manager). */
  readonly status?: StatusReference;
}

/** Capabilities {@link issueCompact} uses: the issuer identity, signing, randomness and a clock. */
export interface IssueCompactContext {
  readonly issuer: IssuerIdentity;
  readonly crypto: Signs & Randomness;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly clock: () => number;
}

/** An issued compact credential. */
export interface IssuedCompact {
  /** The issuer-signed COSE_Sign1 (untagged), to hand to the holder's wallet. */
  readonly credential: Uint8Array;
  readonly id: Uint8Array;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

const DEFAULT_LIFETIME = 365 * 24 * 3600;

/**
 * Issues a compact credential: validates the claims against the document type's schema (ID-number and VIN check
 * digits, plates, classes, dates), derives the age elements, keeps the purpose's elements, binds the holder's device
 * key and signs with the issuer's key. The issuing region is not a claim: it follows from the issuer's trust-list entry.
 *
 * @throws DeltaIdError `ERR_CLAIMS` (the message names each bad field), `ERR_INVALID_ARGUMENT` (unknown purpose,
 *   times out of order).
 * @example
 * ```ts
 * const { credential } = await issueCompact(
 *   { docType: 'cn.gov.mps.eid.1', purpose: 'checkin', claims, holderKey },
 *   { issuer, crypto, clock: Date.now },
 * );
 * ```
 * @see docs/formats/compact-credential.md
 */
export async function issueCompact(
  input: IssueCompactInput,
  ctx: IssueCompactContext,
): Promise<IssuedCompact> {
  const nowMs = ctx.clock();
  const issuedAt = Math.floor(nowMs / 1000);
  const docType = getDocType(input.docType);
  const claims = validateClaims(input.docType, input.claims, { now: new Date(nowMs) });
  const elements = { ...claims, ...deriveElements(input.docType, claims, new Date(nowMs)) };
  const notBefore = input.notBefore ?? issuedAt;
  const expiresAt = input.expiresAt ?? notBefore + (input.lifetimeSeconds ?? DEFAULT_LIFETIME);
  if (ctx.issuer.kid.length !== 8)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'issuer kid must be 8 bytes');
  const id = ctx.crypto.randomBytes(8);
  const payload = encodeCredentialPayload({
    issuer: ctx.issuer.id,
    issuedAt,
    notBefore,
    expiresAt,
    id,
    holderKey: input.holderKey,
    docType,
    purpose: input.purpose,
    ...(input.status === undefined ? {} : { status: input.status }),
    elements,
  });
  const credential = await signSign1(
    { protectedHeader: new Map([[COSE_HEADER.kid, ctx.issuer.kid]]), payload, tagged: false },
    { key: ctx.issuer.key, crypto: ctx.crypto },
  );
  return { credential, id, issuedAt, expiresAt };
}
