/**
 * The four-region federation used by the trust tests: four regional operators, a joint operator, two
 * issuers per region, with real keys and signatures (portable provider).
 */
import { type CryptoProvider, type PrivateKeyHandle, type SignatureAlg, utf8 } from '@deltaid/core';
import { createPortableCrypto } from '@deltaid/core/crypto/portable';
import { creditCodeCheckChar } from '../src/lib/credit-code.js';
import type { OperatorAnchor } from '../src/lib/signed-list.js';
import { buildListOfLists } from '../src/trust-list/build-list-of-lists.js';
import { buildTrustList } from '../src/trust-list/build-trust-list.js';
import type { IssuerEntry, IssuerKey, Region, TrustListContent } from '../src/trust-list/types.js';

export const EID = 'cn.gov.mps.eid.1';
export const DL = 'cn.gov.mps.dl.1';
export const VL = 'cn.gov.mps.vl.1';

/** 2026-01-01T00:00:00Z and friends, epoch seconds. */
export const T0 = Date.UTC(2026, 0, 1) / 1000;
export const DAY = 86_400;
export const YEAR = 365 * DAY;

export const crypto: CryptoProvider = createPortableCrypto();

const DIVISION: Record<Region, string> = {
  'CN-SH': '310000',
  'CN-JS': '320000',
  'CN-ZJ': '330000',
  'CN-AH': '340000',
};
const NAMES: Record<Region, { zh: string; en: string }> = {
  'CN-SH': { zh: '上海市公安局', en: 'Shanghai Public Security Bureau' },
  'CN-JS': { zh: '江苏省公安厅', en: 'Jiangsu Public Security Department' },
  'CN-ZJ': { zh: '浙江省公安厅', en: 'Zhejiang Public Security Department' },
  'CN-AH': { zh: '安徽省公安厅', en: 'Anhui Public Security Department' },
};

/** A valid unified social credit code for a government body (1 1 + division + 9-char org code). */
export function creditCode(region: Region, n: number): string {
  const first17 = `11${DIVISION[region]}MB${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

export interface TestKey extends IssuerKey {
  readonly privateKey: PrivateKeyHandle;
}

export async function makeKey(alg: SignatureAlg = 'ES256', label = ''): Promise<TestKey> {
  const pair = await crypto.generateKeyPair(alg);
  const kid = (await crypto.digest('SHA-256', utf8(`${label}${pair.publicKey.jwk.x}`))).slice(0, 8);
  return { kid, alg, publicKey: pair.publicKey.jwk, privateKey: pair.privateKey };
}

export function entry(
  region: Region,
  n: number,
  key: IssuerKey,
  over: Partial<IssuerEntry> = {},
): IssuerEntry {
  return {
    issuerId: `${region.toLowerCase()}-issuer-${n}`,
    region,
    name: { zh: `${NAMES[region].zh}${n}`, en: `${NAMES[region].en} ${n}` },
    creditCode: creditCode(region, n),
    kid: key.kid,
    alg: key.alg,
    publicKey: key.publicKey,
    docTypes: [EID, DL],
    validFrom: T0,
    validUntil: T0 + 5 * YEAR,
    status: { state: 'active' },
    ...over,
  };
}

export function listContent(
  region: Region,
  entries: readonly IssuerEntry[],
  over: Partial<TrustListContent> = {},
) {
  return {
    version: 1 as const,
    region,
    operator: { zh: `${NAMES[region].zh}信任服务`, en: `${NAMES[region].en} Trust Service` },
    sequence: 1,
    issuedAt: T0,
    nextUpdate: T0 + 30 * DAY,
    entries,
    ...over,
  } satisfies TrustListContent;
}

export interface Federation {
  readonly joint: TestKey;
  readonly operators: Record<Region, TestKey>;
  readonly issuers: Record<Region, [TestKey, TestKey]>;
  readonly entries: Record<Region, IssuerEntry[]>;
  readonly lists: Record<Region, Uint8Array>;
  readonly listOfLists: Uint8Array;
  readonly regionalAnchors: OperatorAnchor[];
}

const OPERATOR_ALG: Record<Region, SignatureAlg> = {
  'CN-SH': 'SM2',
  'CN-JS': 'ES256',
  'CN-ZJ': 'ES384',
  'CN-AH': 'EdDSA',
};
const ISSUER_ALG: Record<Region, SignatureAlg> = {
  'CN-SH': 'SM2',
  'CN-JS': 'ES256',
  'CN-ZJ': 'SM2',
  'CN-AH': 'ES384',
};

export const REGION_LIST: readonly Region[] = ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'];

/**
 * Issuer 1 of each region signs e-IDs and driving licences; issuer 2 signs driving licences only, except in
 * Zhejiang where issuer 2 signs vehicle licences only.
 */
export async function makeFederation(): Promise<Federation> {
  const joint = await makeKey('ES256', 'joint');
  const operators = {} as Record<Region, TestKey>;
  const issuers = {} as Record<Region, [TestKey, TestKey]>;
  const entries = {} as Record<Region, IssuerEntry[]>;
  const lists = {} as Record<Region, Uint8Array>;
  for (const region of REGION_LIST) {
    // Government signers use SM2 (DESIGN.md "Algorithms"); the others keep ES256/EdDSA covered.
    operators[region] = await makeKey(OPERATOR_ALG[region], `op-${region}`);
    issuers[region] = [
      await makeKey(ISSUER_ALG[region], `${region}-1`),
      await makeKey('EdDSA', `${region}-2`),
    ];
    entries[region] = [
      entry(region, 1, issuers[region][0]),
      entry(region, 2, issuers[region][1], { docTypes: region === 'CN-ZJ' ? [VL] : [DL] }),
    ];
    lists[region] = await buildTrustList(listContent(region, entries[region]), {
      key: operators[region].privateKey,
      kid: operators[region].kid,
      crypto,
    });
  }
  const listOfLists = await buildListOfLists(
    {
      version: 1,
      operator: { zh: '长三角电子证照联合信任服务', en: 'Yangtze River Delta Joint Trust Service' },
      sequence: 1,
      issuedAt: T0,
      nextUpdate: T0 + 30 * DAY,
      lists: REGION_LIST.map((region) => ({
        region,
        operator: NAMES[region],
        operatorKey: {
          kid: operators[region].kid,
          alg: operators[region].alg,
          publicKey: operators[region].publicKey,
        },
        url: `https://trust.example.cn/${region.toLowerCase()}.cbor`,
      })),
    },
    { key: joint.privateKey, kid: joint.kid, crypto },
  );
  const regionalAnchors = REGION_LIST.map((region) => ({ ...publicPart(operators[region]), region }));
  return { joint, operators, issuers, entries, lists, listOfLists, regionalAnchors };
}

export function publicPart(k: TestKey): IssuerKey {
  return { kid: k.kid, alg: k.alg, publicKey: k.publicKey };
}

/** A copy of `bytes` with `mask` XORed into the byte at `index` (negative: from the end). */
export function flip(bytes: Uint8Array, index: number, mask = 1): Uint8Array {
  const out = bytes.slice();
  const i = index < 0 ? out.length + index : index;
  out[i] = (out[i] ?? 0) ^ mask;
  return out;
}
