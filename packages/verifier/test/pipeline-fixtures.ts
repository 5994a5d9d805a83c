/**
 * Helpers for the pipeline tests: status lists published by an issuer's status-list manager and held by a
 * verifier's status cache, ID numbers with a correct check digit, and a federation in which every region issues
 * all three document types. Test keys only.
 */
import { type CryptoProvider, type DocType, type SignatureAlg, toHex } from '@deltaid/core';
import {
  createMemoryStatusListStorage,
  createStatusListManager,
  type StatusListManager,
} from '@deltaid/issuer';
import { createStaticRegistry, createStatusCache, type Region, type StatusCache } from '@deltaid/trust';
import { type Federation, makeIssuer, type TestIssuer } from './fixtures.js';

/** GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return first17 + '10X98765432'[sum % 11];
}

/** The status list URI the fixtures' trust entries map list 1 to. */
export const statusUri = (issuer: TestIssuer) => issuer.entry.statusLists?.get(1) ?? '';

/** A status-list manager for `issuer` (list 1, 2 bits) on the given clock. */
export async function statusManager(
  crypto: CryptoProvider,
  issuer: TestIssuer,
  now: () => number,
  options: { size?: number; ttlSeconds?: number } = {},
): Promise<StatusListManager> {
  const uri = statusUri(issuer);
  const manager = createStatusListManager({
    storage: createMemoryStatusListStorage(),
    random: crypto,
    now: () => new Date(now()),
    signer: { key: issuer.identity.key, crypto, kid: issuer.entry.kid },
    uriOf: () => uri,
    defaultSize: options.size ?? 1024,
    defaultBits: 2,
    ttlSeconds: options.ttlSeconds ?? 3600,
  });
  await manager.createList({ listId: 1 });
  return manager;
}

/** A verifier-side status cache that trusts the issuers' keys by `kid`. Its own policy rejects; the verifier decides. */
export function statusCache(f: Federation, issuers: readonly TestIssuer[], now: () => number): StatusCache {
  const keys = new Map(issuers.map((i) => [toHex(i.entry.kid), i.publicKey]));
  return createStatusCache({
    crypto: f.crypto,
    key: async (kid) => (kid instanceof Uint8Array ? keys.get(toHex(kid)) : undefined),
    now: () => new Date(now()),
  });
}

const ALGS: Record<Region, readonly [SignatureAlg, SignatureAlg, SignatureAlg]> = {
  'CN-SH': ['ES256', 'SM2', 'EdDSA'],
  'CN-JS': ['SM2', 'EdDSA', 'ES256'],
  'CN-ZJ': ['EdDSA', 'ES256', 'SM2'],
  'CN-AH': ['ES256', 'ES256', 'SM2'],
};
const DOC_TYPES: readonly DocType[] = ['cn.gov.mps.eid.1', 'cn.gov.mps.dl.1', 'cn.gov.mps.vl.1'];

/** Every region issuing every document type (12 issuers, mixed algorithms) behind one static registry. */
export async function makeFullFederation(crypto: CryptoProvider) {
  const issuers: { region: Region; docType: DocType; issuer: TestIssuer }[] = [];
  for (const region of ['CN-SH', 'CN-JS', 'CN-ZJ', 'CN-AH'] as const) {
    for (let i = 0; i < 3; i++) {
      const docType = DOC_TYPES[i]!;
      issuers.push({
        region,
        docType,
        issuer: await makeIssuer(crypto, region, ALGS[region][i]!, [docType]),
      });
    }
  }
  const trust = createStaticRegistry(
    issuers.map((i) => i.issuer.entry),
    { crypto },
  );
  return { issuers, trust };
}
