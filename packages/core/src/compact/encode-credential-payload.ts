import { encodeCbor } from '../cbor/cbor.js';
import type { PublicKeyHandle } from '../crypto/types.js';
import { CWT_CLAIM } from '../cwt/index.js';
import type { DocTypeDefinition, ElementValue, Purpose } from '../doctypes/types.js';
import { DeltaIdError } from '../errors.js';
import { CLAIM_DELTA, DELTA_KEY, DOC_TYPE_CODE, PURPOSE_CODE } from './constants.js';
import { encodeElement, mustCarry, purposeElements } from './lib/elements.js';
import { encodeHolderKey, rawFromJwk } from './lib/holder-key.js';

/** Where a credential's status lives: a short list number (mapped to a URI by the issuer's trust entry) and an index. */
export interface StatusReference {
  readonly list: number;
  readonly index: number;
}

/** The claims of a compact credential before signing. Elements must already be validated (see `issueCompact`). */
export interface CredentialPayloadInput {
  readonly issuer: string;
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly expiresAt: number;
  readonly id: Uint8Array;
  /** The holder's device public key (the credential is bound to it). */
  readonly holderKey: Pick<PublicKeyHandle, 'alg' | 'jwk'>;
  readonly docType: DocTypeDefinition;
  readonly purpose: Purpose;
  readonly status?: StatusReference;
  readonly elements: Readonly<Record<string, ElementValue>>;
}

/**
 * Encodes the CWT claims set of a compact credential (RFC 8392 with the private claim -65537), keeping only the
 * purpose's elements under their integer keys.
 *
 * @throws DeltaIdError `ERR_CLAIMS` when an element the purpose needs is missing; `ERR_INVALID_ARGUMENT` for an
 *   unknown purpose or out-of-range times.
 * @see docs/formats/compact-credential.md §Credential
 */
export function encodeCredentialPayload(input: CredentialPayloadInput): Uint8Array {
  for (const [name, t] of [
    ['issuedAt', input.issuedAt],
    ['notBefore', input.notBefore],
    ['expiresAt', input.expiresAt],
  ] as const) {
    if (!Number.isSafeInteger(t) || t < 0) {
      throw new DeltaIdError('ERR_INVALID_ARGUMENT', `${name} must be whole seconds since the epoch`);
    }
  }
  if (input.expiresAt <= input.notBefore) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'expiresAt must be after notBefore');
  }
  const elements = new Map<number, unknown>();
  for (const def of purposeElements(input.docType, input.purpose)) {
    const value = input.elements[def.id];
    if (value === undefined) {
      if (mustCarry(def)) {
        throw new DeltaIdError('ERR_CLAIMS', `element ${def.id} is required for purpose '${input.purpose}'`, {
          details: { field: def.id },
        });
      }
      continue;
    }
    elements.set(def.key, encodeElement(def, value));
  }
  const delta = new Map<number, unknown>([
    [DELTA_KEY.docType, DOC_TYPE_CODE[input.docType.docType]],
    [DELTA_KEY.purpose, PURPOSE_CODE[input.purpose]],
  ]);
  if (input.status !== undefined) delta.set(DELTA_KEY.status, [input.status.list, input.status.index]);
  delta.set(DELTA_KEY.elements, elements);

  const claims = new Map<number, unknown>([
    [CWT_CLAIM.iss, input.issuer],
    [CWT_CLAIM.iat, input.issuedAt],
    [CWT_CLAIM.nbf, input.notBefore],
    [CWT_CLAIM.exp, input.expiresAt],
    [CWT_CLAIM.cti, input.id],
    [CWT_CLAIM.cnf, new Map([[1, encodeHolderKey(rawFromJwk(input.holderKey.alg, input.holderKey.jwk))]])],
    [CLAIM_DELTA, delta],
  ]);
  return encodeCbor(claims);
}
