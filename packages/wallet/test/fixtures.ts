/**
 * A four-region federation for wallet tests (ideas from packages/verifier/test/fixtures.ts): Shanghai e-ID ES256,
 * Jiangsu driving licence SM2, Zhejiang vehicle licence EdDSA, Anhui e-ID ES256, in a static trust registry.
 * Test keys only, generated per run.
 */
import {
  type CryptoProvider,
  type DocType,
  deriveKid,
  EXAMPLE_CLAIMS,
  encodeBase45,
  encodeCbor,
  type PublicKeyHandle,
  type Purpose,
  type SignatureAlg,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { type IssuerIdentity, issueCompact } from '@deltaid/issuer';
import { createStaticRegistry, type IssuerEntry, type Region, type TrustRegistry } from '@deltaid/trust';
import type { DeviceKey } from '../src/index.js';

export const NOW = Date.UTC(2026, 10, 28, 10, 0, 0); // 2026-11-28T10:00:00Z
export const NOW_S = NOW / 1000;

export interface TestIssuer {
  readonly identity: IssuerIdentity;
  readonly entry: IssuerEntry;
  readonly publicKey: PublicKeyHandle;
}

const CREDIT_CODES: Record<Region, string> = {
  'CN-SH': '11310000002421350N',
  'CN-JS': '11320000014000366G',
  'CN-ZJ': '11330000002482050Q',
  'CN-AH': '11340000003000043X',
};

export async function makeIssuer(
  crypto: CryptoProvider,
  region: Region,
  alg: SignatureAlg,
  docTypes: readonly DocType[],
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await crypto.generateKeyPair(alg);
  const kid = await deriveKid(publicKey.jwk, crypto);
  const id = `${region.slice(3).toLowerCase()}-${docTypes[0]!.split('.')[3]}`;
  const entry: IssuerEntry = {
    issuerId: id,
    region,
    name: { zh: `${region} 公安厅`, en: `${region} Public Security` },
    creditCode: CREDIT_CODES[region],
    kid,
    alg,
    publicKey: publicKey.jwk,
    docTypes,
    validFrom: Date.UTC(2025, 0, 1) / 1000,
    validUntil: Date.UTC(2035, 0, 1) / 1000,
    status: { state: 'active' },
  };
  return { identity: { id, kid, key: privateKey }, entry, publicKey };
}

export const EID_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.eid.1'];

/** A 15-year-old: age_over_18 is false. */
export const MINOR_EID_CLAIMS = {
  ...EID_CLAIMS,
  name: '张小明',
  birth_date: '2011-06-01',
  id_number: '310115201106010017',
};

export const DL_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.dl.1'];

export const VL_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.vl.1'];

export interface Federation {
  readonly crypto: CryptoProvider;
  readonly sh: TestIssuer;
  readonly js: TestIssuer;
  readonly zj: TestIssuer;
  readonly ah: TestIssuer;
  /** Knows all four issuers. */
  readonly trust: TrustRegistry;
}

export async function makeFederation(crypto: CryptoProvider = createNativeCrypto()): Promise<Federation> {
  const sh = await makeIssuer(crypto, 'CN-SH', 'ES256', ['cn.gov.mps.eid.1']);
  const js = await makeIssuer(crypto, 'CN-JS', 'SM2', ['cn.gov.mps.dl.1']);
  const zj = await makeIssuer(crypto, 'CN-ZJ', 'EdDSA', ['cn.gov.mps.vl.1']);
  const ah = await makeIssuer(crypto, 'CN-AH', 'ES256', ['cn.gov.mps.eid.1']);
  const trust = createStaticRegistry([sh.entry, js.entry, zj.entry, ah.entry], { crypto });
  return { crypto, sh, js, zj, ah, trust };
}

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
