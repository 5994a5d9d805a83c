/** Golden vectors of the compact format: deterministic generation (Ed25519 keys from fixed seeds, fixed randomness). */
import { createPrivateKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type CryptoProvider,
  type DocType,
  deriveKid,
  type PrivateJwk,
  Tag,
  toBase64Url,
  toHex,
} from '@deltaid/core';
import { issueCompact } from '@deltaid/issuer';
import { presentCompact } from '@deltaid/wallet';

export const GOLDEN_PATH = fileURLToPath(
  new URL('../../../docs/formats/compact-credential.vectors.json', import.meta.url),
);

export interface GoldenVector {
  readonly name: string;
  readonly docType: DocType;
  readonly purpose: 'full' | 'checkin' | 'age' | 'traffic';
  readonly clock: number;
  readonly issuerId: string;
  readonly issuer: { readonly alg: string; readonly kid: string; readonly privateJwk: PrivateJwk };
  readonly holder: { readonly alg: string; readonly privateJwk: PrivateJwk };
  readonly randomness: string;
  readonly status: { readonly list: number; readonly index: number };
  readonly claims: Record<string, unknown>;
  readonly credentialHex: string;
  readonly credentialDiagnostic: string;
  readonly presentationHex: string;
  readonly text: string;
}

export function readGolden(): GoldenVector[] {
  return existsSync(GOLDEN_PATH) ? JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')).vectors : [];
}

export function ed25519Jwk(seedByte: number): PrivateJwk {
  const d = new Uint8Array(32).fill(seedByte);
  // PKCS#8 for Ed25519 is a fixed 16-byte prefix and the seed (RFC 8410 §7); node derives x.
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), d]);
  const jwk = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'jwk' });
  return { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x), d: toBase64Url(d) };
}

/** A provider whose randomness is a fixed byte sequence, so cti and nonce are reproducible. */
export function fixedRandomness(crypto: CryptoProvider, hex: string): CryptoProvider {
  const pool = Uint8Array.from(Buffer.from(hex, 'hex'));
  let at = 0;
  return {
    ...crypto,
    randomBytes(n: number) {
      const out = pool.slice(at, at + n);
      at += n;
      if (out.length !== n) throw new Error('fixed randomness exhausted');
      return out;
    },
  };
}

export async function generate(
  crypto: CryptoProvider,
  v: Pick<GoldenVector, 'docType' | 'purpose' | 'clock' | 'issuerId' | 'randomness' | 'status' | 'claims'> & {
    issuerJwk: PrivateJwk;
    holderJwk: PrivateJwk;
  },
) {
  const rnd = fixedRandomness(crypto, v.randomness);
  const issuerKey = await crypto.importPrivateKey('EdDSA', v.issuerJwk);
  const holderKey = await crypto.importPrivateKey('EdDSA', v.holderJwk);
  const kid = await deriveKid(issuerKey.publicJwk, crypto);
  const holderPublic = await crypto.importPublicKey('EdDSA', holderKey.publicJwk);
  const clock = () => v.clock;
  const { credential } = await issueCompact(
    { docType: v.docType, purpose: v.purpose, claims: v.claims, holderKey: holderPublic, status: v.status },
    { issuer: { id: v.issuerId, kid, key: issuerKey }, crypto: rnd, clock },
  );
  const p = await presentCompact({ credential }, { deviceKey: holderKey, crypto: rnd, clock });
  return { kid, credential, presentation: p.bytes, text: p.text };
}

/** CBOR diagnostic notation (RFC 8949 §8) for the value shapes the compact format uses. */
export function diagnostic(v: unknown): string {
  if (v instanceof Uint8Array) return `h'${toHex(v)}'`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return `[${v.map(diagnostic).join(', ')}]`;
  if (v instanceof Map) return `{${[...v].map(([k, x]) => `${diagnostic(k)}: ${diagnostic(x)}`).join(', ')}}`;
  if (v instanceof Tag) return `${v.tag}(${diagnostic(v.value)})`;
  throw new Error(`no diagnostic form for ${typeof v}`);
}
