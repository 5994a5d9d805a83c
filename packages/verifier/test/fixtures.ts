/**
 * A four-region federation for tests: one issuer per region (Shanghai e-ID ES256, Jiangsu driving licence SM2,
 * Zhejiang vehicle licence EdDSA, Anhui e-ID ES256), holders with device keys, and a static trust registry.
 * Test keys only.
 */
import {
  type CryptoProvider,
  type DocType,
  deriveKid,
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

export const EID_CLAIMS = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道一百号二十层二零零一室',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2020-05-01',
  valid_until: '2040-05-01',
};

export const DL_CLAIMS = {
  licence_number: '320102198805120018',
  name: '李四',
  sex: 1,
  nationality: 'CHN',
  address: '江苏省南京市玄武区中山路一号',
  birth_date: '1988-05-12',
  first_issue_date: '2010-06-01',
  classes: 'C1',
  valid_from: '2016-06-01',
  valid_until: '2032-06-01',
  file_number: '320100123456',
  issuing_authority: '南京市公安局交通管理局',
  status: 'A',
};

export const VL_CLAIMS = {
  plate_number: '浙A12345',
  vehicle_type: 'K33',
  owner: '王五',
  address: '浙江省杭州市西湖区文三路一号',
  use_character: 'A',
  brand_model: '比亚迪牌BYD7152',
  vin: 'LSVAU218XN2183294',
  engine_number: 'ABC123456',
  register_date: '2022-03-01',
  issue_date: '2022-03-01',
  issuing_authority: '杭州市公安局交通警察支队',
  approved_passengers: 5,
  gross_mass_kg: 1950,
  curb_mass_kg: 1500,
  inspection_valid_until: '2028-03-31',
};

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
