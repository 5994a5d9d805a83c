import {
  type CompactCredential,
  type DecodedPresentation,
  DeltaIdError,
  type DocType,
  decodePresentation,
  type ElementValue,
  type ErrorCode,
  equalBytes,
  isDeltaIdError,
  type KeyOptions,
  type PublicKeyHandle,
  type RegionCode,
  toHex,
  type Verifies,
  verifyHolderSignature,
  verifySign1,
} from '@deltaid/core';
import type { IssuerEntry, StatusCache, TrustRegistry } from '@deltaid/trust';
import type { Challenge } from './challenge/types.js';
import { type BilingualMessage, messageFor } from './messages.js';
import { checkPolicyElements } from './policy/check-policy-elements.js';
import type { PolicyPreset } from './policy/presets.js';
import { resolvePolicy } from './policy/resolve-policy.js';
import type { Policy } from './policy/types.js';
import { createMemoryReplayCache } from './replay/create-memory-replay-cache.js';
import type { ReplayCache } from './replay/types.js';

/**
 * The checks of the pipeline, in the order they run (`VerificationResult.passed` lists those that passed).
 *
 * @example result.passed.at(-1) // the last check that passed
 * @see docs/formats/compact-credential.md §Verification
 */
export const CHECKS = [
  'decode',
  'issuer',
  'signature',
  'authorisation',
  'validity',
  'holder',
  'freshness',
  'challenge',
  'replay',
  'status',
  'policy',
] as const;

/** One check of the pipeline. */
export type CheckName = (typeof CHECKS)[number];

/** A failure or warning, with a stable code and a bilingual message for the desk. */
export interface VerificationIssue {
  readonly code: ErrorCode;
  readonly check: CheckName;
  readonly message: BilingualMessage;
  /** Technical detail for logs (never personal data). */
  readonly detail?: string;
}

/** The issuer of a verified credential, as the trust list names it. */
export interface VerifiedIssuer {
  readonly id: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly region: RegionCode;
  readonly creditCode: string;
}

/** The result of {@link Verifier.verify}: always data, never an exception for bad input. */
export interface VerificationResult {
  readonly valid: boolean;
  /** Present when `valid`: the document type and its verified elements. */
  readonly docType?: DocType;
  readonly purpose?: string;
  readonly claims?: Readonly<Record<string, ElementValue>>;
  readonly issuer?: VerifiedIssuer;
  /** When the wallet made the presentation (seconds since the epoch). */
  readonly presentedAt?: number;
  /** Credential validity (seconds since the epoch). */
  readonly expiresAt?: number;
  /** Checks that ran and passed, in order. */
  readonly passed: readonly CheckName[];
  readonly warnings: readonly VerificationIssue[];
  readonly errors: readonly VerificationIssue[];
}

/** Options of {@link createVerifier}. */
export interface VerifierOptions {
  /** Where issuer keys come from. */
  readonly trust: TrustRegistry;
  /** Cached status lists; without it, credentials with a status reference follow `policy.statusUnavailable`. */
  readonly status?: StatusCache;
  /** What this desk accepts: a preset name or a custom policy. */
  readonly policy: Policy | PolicyPreset;
  /** Milliseconds since the epoch, like `Date.now`. */
  readonly clock: () => number;
  readonly crypto: Verifies;
  /**
   * Remembers accepted presentations so one QR code is accepted once. Default: a bounded in-memory cache
   * (`createMemoryReplayCache()`); pass a shared one (Redis, a database) for several desks, or `'none'` to turn the
   * check off deliberately.
   */
  readonly replayCache?: ReplayCache | 'none';
  /** How old a presentation may be, in seconds. Default 120. */
  readonly freshnessSeconds?: number;
  /** Tolerated clock difference between wallet, issuer and verifier, in seconds. Default 60. */
  readonly clockSkewSeconds?: number;
  /** This verifier's audience id; presentations naming another audience are refused. */
  readonly audience?: string;
  /** Options for importing holder keys (e.g. an SM2 user id other than the default). */
  readonly holderKeyOptions?: KeyOptions;
}

/** Per-call options of {@link Verifier.verify}. */
export interface VerifyOptions {
  /** The challenge this desk showed (two-step flow); the presentation must answer it. */
  readonly challenge?: Challenge;
}

/** A configured verifier. Safe to share between concurrent calls: only the caches hold state. */
export interface Verifier {
  readonly policy: Policy;
  verify(input: string | Uint8Array, options?: VerifyOptions): Promise<VerificationResult>;
}

const AUTHORISATION_CODES: ReadonlySet<string> = new Set([
  'ERR_ISSUER_NOT_AUTHORISED',
  'ERR_REGION_NOT_ACCEPTED',
  'ERR_POLICY',
]);

class Failure {
  constructor(
    readonly code: ErrorCode,
    readonly check: CheckName,
    readonly detail?: string,
  ) {}
}

/**
 * Creates the offline verifier: QR text in, a result with verified claims or reasons out.
 *
 * Pipeline (each step bounded and typed): prefix/version → base45 → inflate → CBOR → structure → issuer key by `kid`
 * (`ERR_UNKNOWN_ISSUER`) → issuer signature (`ERR_SIGNATURE`) → authorised for the document type, region accepted
 * (`ERR_ISSUER_NOT_AUTHORISED`, `ERR_REGION_NOT_ACCEPTED`, `ERR_POLICY`) → validity with skew (`ERR_NOT_YET_VALID`,
 * `ERR_EXPIRED`) → holder signature with the `cnf` key (`ERR_HOLDER_SIGNATURE`) → freshness
 * (`ERR_STALE_PRESENTATION`) → challenge and audience (`ERR_CHALLENGE`, `ERR_AUDIENCE`) → replay (`ERR_REPLAY`) →
 * status (`ERR_REVOKED`, `ERR_SUSPENDED`, `ERR_STATUS_*`) → policy (`ERR_POLICY`).
 *
 * Failures are data: `verify` resolves with `valid: false` and one error (stable code, check, bilingual message)
 * for any input, however malformed. The only shared state is in the injected caches (trust, status, replay), so
 * concurrent `verify` calls are safe.
 *
 * @param options - trust registry, status cache, policy (preset or custom), clock, crypto provider, replay cache,
 *   freshness window (default 120 s), clock skew (default 60 s), this verifier's audience id.
 * @returns the verifier.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` for a bad policy or options (misuse), never for bad input.
 * @example
 * ```ts
 * const verifier = createVerifier({ trust, status, policy: 'hotel-checkin', clock: Date.now, crypto,
 *   replayCache: createMemoryReplayCache() });
 * const result = await verifier.verify(scannedText);
 * if (!result.valid) showToClerk(result.errors[0].message.zh);
 * ```
 * @see docs/formats/compact-credential.md §Verification
 */
export function createVerifier(options: VerifierOptions): Verifier {
  const policy = resolvePolicy(options.policy);
  const freshness = options.freshnessSeconds ?? 120;
  const skew = options.clockSkewSeconds ?? 60;
  if (!(freshness > 0) || !(skew >= 0)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'freshnessSeconds must be > 0 and clockSkewSeconds ≥ 0');
  }
  if (typeof options.clock !== 'function')
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'clock is required');
  const statusUnavailable = policy.statusUnavailable ?? 'reject';
  const replayCache =
    options.replayCache === 'none' ? undefined : (options.replayCache ?? createMemoryReplayCache());

  async function run(
    input: string | Uint8Array,
    verifyOptions: VerifyOptions,
    passed: CheckName[],
    warnings: VerificationIssue[],
  ): Promise<Omit<VerificationResult, 'passed' | 'warnings' | 'errors' | 'valid'>> {
    const now = Math.floor(options.clock() / 1000);

    let p: DecodedPresentation;
    try {
      p = await decodePresentation(input);
    } catch (err) {
      if (isDeltaIdError(err)) throw new Failure(err.code, 'decode', err.message);
      throw err;
    }
    passed.push('decode');
    const c: CompactCredential = p.credential;

    const verify = (key: PublicKeyHandle) => verifySign1(c.sign1, { key, crypto: options.crypto });
    // The document type goes into the lookup so that a kid shared by several entries resolves to the one authorised
    // for it, and a federated registry's document-type policy applies.
    const lookup = await options.trust.lookup({ kid: c.kid, docType: c.docType, at: c.issuedAt, verify });
    if (!lookup.ok && AUTHORISATION_CODES.has(lookup.code)) {
      // Report in pipeline order: a bad signature or an unknown issuer comes before "not authorised".
      const any = await options.trust.lookup({ kid: c.kid, at: c.issuedAt, verify });
      if (any.ok) {
        passed.push('issuer', 'signature');
        throw new Failure(lookup.code, 'authorisation', lookup.reason);
      }
      const check: CheckName = any.code === 'ERR_SIGNATURE' ? 'signature' : 'issuer';
      if (check === 'signature') passed.push('issuer');
      throw new Failure(any.code, check, any.reason);
    }
    if (!lookup.ok) {
      const check: CheckName = lookup.code === 'ERR_SIGNATURE' ? 'signature' : 'issuer';
      if (check === 'signature') passed.push('issuer');
      throw new Failure(lookup.code, check, lookup.reason);
    }
    passed.push('issuer', 'signature');
    if (lookup.warnings.length > 0)
      warnings.push(issue('ERR_TRUST_LIST_STALE', 'issuer', 'trust list past its next update'));
    const entry: IssuerEntry = lookup.issuer;

    // The registries of @deltaid/trust already refuse this when given the docType; a TrustRegistry of the app's own
    // may not, and authorisation must not depend on it.
    if (!entry.docTypes.includes(c.docType)) {
      throw new Failure(
        'ERR_ISSUER_NOT_AUTHORISED',
        'authorisation',
        `${entry.issuerId} may not sign ${c.docType}`,
      );
    }
    if (policy.regions !== 'all' && !policy.regions.includes(entry.region)) {
      throw new Failure('ERR_REGION_NOT_ACCEPTED', 'authorisation', `${entry.region} is not accepted here`);
    }
    if (!policy.docTypes.includes(c.docType)) {
      throw new Failure(
        'ERR_POLICY',
        'authorisation',
        `${c.docType} is not accepted by policy ${policy.name}`,
      );
    }
    passed.push('authorisation');

    if (c.notBefore - skew > now) throw new Failure('ERR_NOT_YET_VALID', 'validity', 'nbf is in the future');
    if (c.issuedAt - skew > now) throw new Failure('ERR_NOT_YET_VALID', 'validity', 'iat is in the future');
    // RFC 8392 §3.1.4: not accepted on or after exp.
    if (c.expiresAt + skew <= now) throw new Failure('ERR_EXPIRED', 'validity', 'exp has passed');
    const documentEnd = c.elements.valid_until;
    if (
      typeof documentEnd === 'string' &&
      documentEnd !== 'long-term' &&
      Date.parse(`${documentEnd}T23:59:59+08:00`) / 1000 + skew < now
    ) {
      throw new Failure('ERR_EXPIRED', 'validity', 'the document validity (valid_until) has passed');
    }
    passed.push('validity');

    const holderKey = await verifyHolderSignature(p, {
      crypto: options.crypto,
      ...(options.holderKeyOptions === undefined ? {} : { holderKeyOptions: options.holderKeyOptions }),
    });
    if (holderKey === undefined) throw new Failure('ERR_HOLDER_SIGNATURE', 'holder');
    passed.push('holder');

    if (p.time > now + skew || p.time + freshness < now) {
      throw new Failure('ERR_STALE_PRESENTATION', 'freshness', `presented ${now - p.time} s ago`);
    }
    passed.push('freshness');

    checkChallenge(p, verifyOptions.challenge, now);
    passed.push('challenge');

    if (replayCache !== undefined) {
      // join() yields one flat string; a template literal would keep a rope of five pieces alive per entry
      // (about 350 bytes instead of 120 in the memory cache).
      const key = [toHex(c.id), toHex(p.nonce), p.time].join(':');
      if (await replayCache.checkAndRecord(key, p.time + freshness + skew, now)) {
        throw new Failure('ERR_REPLAY', 'replay', 'this presentation was already accepted');
      }
      passed.push('replay');
    }

    await checkStatus(c, entry, now, warnings);
    passed.push('status');

    const unmet = checkPolicyElements(policy, c.docType, c.elements);
    if (unmet !== undefined) throw new Failure('ERR_POLICY', 'policy', unmet);
    passed.push('policy');

    return {
      docType: c.docType,
      purpose: c.purpose,
      claims: c.elements,
      issuer: { id: entry.issuerId, name: entry.name, region: entry.region, creditCode: entry.creditCode },
      presentedAt: p.time,
      expiresAt: c.expiresAt,
    };
  }

  function checkChallenge(p: DecodedPresentation, challenge: Challenge | undefined, now: number): void {
    if (challenge !== undefined) {
      if (p.challenge === undefined || !equalBytes(p.challenge, challenge.nonce)) {
        throw new Failure('ERR_CHALLENGE', 'challenge', 'the presentation does not answer the challenge');
      }
      if (challenge.expiresAt + skew < now)
        throw new Failure('ERR_CHALLENGE', 'challenge', 'the challenge expired');
      if (p.audience !== challenge.audience)
        throw new Failure('ERR_AUDIENCE', 'challenge', 'audience mismatch');
    } else if (policy.requireChallenge === true) {
      throw new Failure('ERR_CHALLENGE', 'challenge', 'this policy requires a challenge');
    }
    if (options.audience !== undefined && p.audience !== undefined && p.audience !== options.audience) {
      throw new Failure('ERR_AUDIENCE', 'challenge', 'made for another verifier');
    }
  }

  async function checkStatus(
    c: CompactCredential,
    entry: IssuerEntry,
    now: number,
    warnings: VerificationIssue[],
  ) {
    if (c.status === undefined) return;
    const uri = entry.statusLists?.get(c.status.list);
    let code: ErrorCode | undefined;
    let detail: string | undefined;
    if (uri === undefined || options.status === undefined) {
      code = 'ERR_STATUS_UNAVAILABLE';
      detail =
        uri === undefined ? `list ${c.status.list} is not in the issuer's trust entry` : 'no status cache';
    } else {
      // Only a list signed with the key this issuer's trust entry names for status lists may answer for it.
      const signers = [entry.statusListKey?.publicKey ?? entry.publicKey];
      const r = await options.status.check({ uri, index: c.status.index, at: new Date(now * 1000), signers });
      if (r.ok) {
        // The cache may have its own policy for missing or stale lists; this desk's policy decides. A cache set to
        // 'accept' hides staleness entirely: keep the cache's default ('reject') and set the policy here.
        const excused: readonly ErrorCode[] =
          r.status === undefined && r.warnings.length === 0 ? ['ERR_STATUS_UNAVAILABLE'] : r.warnings;
        for (const w of excused) {
          if (statusUnavailable === 'reject') throw new Failure(w, 'status', 'status list missing or stale');
          if (statusUnavailable === 'warn') warnings.push(issue(w, 'status'));
        }
        return;
      }
      code = r.code;
      detail = r.message;
    }
    // Only an unavailable or stale list is a matter of policy; revoked, suspended and bad indexes always fail.
    if (
      (code === 'ERR_STATUS_UNAVAILABLE' || code === 'ERR_STATUS_STALE') &&
      statusUnavailable !== 'reject'
    ) {
      if (statusUnavailable === 'warn') warnings.push(issue(code, 'status', detail));
      return;
    }
    throw new Failure(code, 'status', detail);
  }

  return {
    policy,
    async verify(input, verifyOptions = {}) {
      const passed: CheckName[] = [];
      const warnings: VerificationIssue[] = [];
      try {
        const verified = await run(input, verifyOptions, passed, warnings);
        return { valid: true, ...verified, passed, warnings, errors: [] };
      } catch (err) {
        if (err instanceof Failure) {
          return { valid: false, passed, warnings, errors: [issue(err.code, err.check, err.detail)] };
        }
        throw err;
      }
    },
  };
}

function issue(code: ErrorCode, check: CheckName, detail?: string): VerificationIssue {
  return { code, check, message: messageFor(code), ...(detail === undefined ? {} : { detail }) };
}
