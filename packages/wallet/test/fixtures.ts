/**
 * Wallet test fixtures. The four-region federation (Shanghai e-ID ES256, Jiangsu driving licence SM2, Zhejiang
 * vehicle licence EdDSA, Anhui e-ID ES256) is the verifier tests' own, reused rather than copied; what is here is
 * wallet-specific: a minor, an `issue` returning the credential bytes, challenge texts and fake timers.
 */
import { type DocType, encodeBase45, encodeCbor, type Purpose } from '@deltaid/core';
import { issueCompact } from '@deltaid/issuer';
import {
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  makeFederation,
  makeIssuer,
  NOW,
  type TestIssuer,
  VL_CLAIMS,
} from '../../verifier/test/fixtures.js';
import type { DeviceKey } from '../src/index.js';

export {
  DL_CLAIMS,
  EID_CLAIMS,
  type Federation,
  makeFederation,
  makeIssuer,
  NOW,
  type TestIssuer,
  VL_CLAIMS,
};

export const NOW_S = NOW / 1000;

/** A 15-year-old: age_over_18 is false. */
export const MINOR_EID_CLAIMS = {
  ...EID_CLAIMS,
  name: '张小明',
  birth_date: '2011-06-01',
  id_number: '310115201106010017',
};

export async function issue(
  f: Federation,
  issuer: TestIssuer,
  holder: Pick<DeviceKey, 'publicKey'>,
  docType: DocType,
  purpose: Purpose,
  claims: unknown,
  extra: { expiresAt?: number; notBefore?: number; at?: number } = {},
): Promise<Uint8Array> {
  const at = extra.at ?? NOW;
  const { credential } = await issueCompact(
    {
      docType,
      purpose,
      claims,
      holderKey: holder.publicKey,
      ...(extra.expiresAt === undefined ? {} : { expiresAt: extra.expiresAt }),
      ...(extra.notBefore === undefined ? {} : { notBefore: extra.notBefore }),
    },
    { issuer: issuer.identity, crypto: f.crypto, clock: () => at },
  );
  return credential;
}

/** A challenge QR text exactly as packages/verifier/src/challenge.ts writes it (the wallet must read this). */
export function challengeText(nonce: Uint8Array, audience: string, expiresAt: number): string {
  return `YRDC1:${encodeBase45(
    encodeCbor(
      new Map<number, unknown>([
        [1, nonce],
        [2, audience],
        [3, expiresAt],
      ]),
    ),
  )}`;
}

/** Timers under the test's control: `fire()` runs the earliest pending callback. */
export function fakeTimers() {
  let next = 1;
  const pending = new Map<number, { callback: () => void; ms: number }>();
  return {
    pending,
    setTimeout(callback: () => void, ms: number): unknown {
      const id = next++;
      pending.set(id, { callback, ms });
      return id;
    },
    clearTimeout(handle: unknown): void {
      if (typeof handle === 'number') pending.delete(handle);
    },
    fire(): number {
      const first = [...pending.entries()][0];
      if (first === undefined) throw new Error('no timer pending');
      pending.delete(first[0]);
      first[1].callback();
      return first[1].ms;
    },
  };
}
