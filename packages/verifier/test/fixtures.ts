/**
 * A four-region federation for tests: one issuer per region (Shanghai e-ID ES256, Jiangsu driving licence SM2,
 * Zhejiang vehicle licence EdDSA, Anhui e-ID ES256), holders with device keys, and a static trust registry.
 * Test keys only.
 */
import {
  type CryptoProvider,
  type DocType,
  deriveKid,
  EXAMPLE_CLAIMS,
  type PrivateKeyHandle,
  type PublicKeyHandle,
  type SignatureAlg,
} from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { type IssuedCompact, type IssuerIdentity, issueCompact } from '@deltaid/issuer';
import { createStaticRegistry, type IssuerEntry, type Region, type TrustRegistry } from '@deltaid/trust';

export const NOW = Date.UTC(2026, 10, 28, 10, 0, 0); // 2026-11-28T10:00:00Z
export const clock = () => NOW;

export interface TestIssuer {
  readonly identity: IssuerIdentity;
  readonly entry: IssuerEntry;
  readonly publicKey: PublicKeyHandle;
}

const CREDIT_CODES: Record<Region, string> = {
  'CN-SH': '11310000002421350P',
  'CN-JS': '11320000014000366W',
  'CN-ZJ': '11330000002482050L',
  'CN-AH': '11340000003000043G',
};

export async function makeIssuer(
  crypto: CryptoProvider,
  region: Region,
  alg: SignatureAlg,
  docTypes: readonly DocType[],
  extra: Partial<IssuerEntry> = {},
): Promise<TestIssuer> {
  const { privateKey, publicKey } = await crypto.generateKeyPair(alg);
  const kid = await deriveKid(publicKey.jwk, crypto);
  const id = `${region.slice(3).toLowerCase()}-${docTypes.length === 1 ? docTypes[0]!.split('.')[3] : 'multi'}`;
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
    statusLists: new Map([[1, `https://status.${region.toLowerCase()}.example/1`]]),
    ...extra,
  };
  return { identity: { id, kid, key: privateKey }, entry, publicKey };
}

export interface Holder {
  readonly deviceKey: PrivateKeyHandle;
  readonly publicKey: PublicKeyHandle;
}

export async function makeHolder(crypto: CryptoProvider, alg: SignatureAlg = 'ES256'): Promise<Holder> {
  const { privateKey, publicKey } = await crypto.generateKeyPair(alg);
  return { deviceKey: privateKey, publicKey };
}

export const EID_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.eid.1'];

export const DL_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.dl.1'];

export const VL_CLAIMS = EXAMPLE_CLAIMS['cn.gov.mps.vl.1'];

export interface Federation {
  readonly crypto: CryptoProvider;
  readonly sh: TestIssuer;
  readonly js: TestIssuer;
  readonly zj: TestIssuer;
  readonly ah: TestIssuer;
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

export function issue(
  f: Federation,
  issuer: TestIssuer,
  holder: Holder,
  docType: DocType,
  purpose: 'full' | 'checkin' | 'age' | 'traffic',
  claims: unknown,
  extra: { status?: { list: number; index: number }; expiresAt?: number; notBefore?: number } = {},
): Promise<IssuedCompact> {
  return issueCompact(
    { docType, purpose, claims, holderKey: holder.publicKey, ...extra },
    { issuer: issuer.identity, crypto: f.crypto, clock },
  );
}
