import { decodeCbor, decodeSign1, deriveKid, getKid, toHex } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import {
  buildListOfLists,
  buildTrustList,
  parseListOfListsManifest,
  parseTrustListManifest,
  verifyListOfLists,
  verifyTrustList,
} from '@deltaid/trust';
import type { Parsed } from '../lib/args.js';
import { type Io, readBytes, readJson, UsageError, writeOut } from '../lib/io.js';
import { loadPrivateKey } from '../lib/keys.js';
import { anchorFromJson } from '../lib/load-verifier.js';

export const TRUST_HELP = `deltaid trust build --manifest FILE --key FILE --out FILE
deltaid trust show FILE [--anchor FILE] [--json]

build  signs a regional trust list (manifest with "region") or the Delta list of lists (manifest with "lists")
       with the operator's private key; format: docs/formats/trust-list.md
show   prints a signed list's content; with --anchor (a pinned key, JSON {kid, alg, publicKey}) it also verifies it`;

export async function trustCommand(args: Parsed, io: Io): Promise<number> {
  const [action, file] = args.positionals;
  const crypto = createNativeCrypto();
  if (action === 'build') {
    const manifest = await readJson(args.required('manifest'));
    const key = await loadPrivateKey(crypto, args.required('key'));
    const kid = await deriveKid(key.publicJwk, crypto);
    const isLol = typeof manifest === 'object' && manifest !== null && 'lists' in manifest;
    const bytes = isLol
      ? await buildListOfLists(parseListOfListsManifest(manifest), { key, kid, crypto })
      : await buildTrustList(parseTrustListManifest(manifest), { key, kid, crypto });
    await writeOut(args.required('out'), bytes);
    io.stdout.write(
      `signed ${isLol ? 'list of lists' : 'trust list'} (${bytes.length} bytes, kid ${toHex(kid)})\n`,
    );
    return 0;
  }
  if (action === 'show') {
    if (file === undefined) throw new UsageError('usage: deltaid trust show FILE');
    const bytes = await readBytes(file);
    const anchorPath = args.string('anchor');
    const anchors = anchorPath === undefined ? [] : [anchorFromJson(await readJson(anchorPath), anchorPath)];
    const now = Math.floor(Date.now() / 1000);
    const lol = await verifyListOfLists(bytes, { anchors, crypto, now });
    const tl = lol.ok ? undefined : await verifyTrustList(bytes, { anchors, crypto, now });
    const verified = lol.ok ? lol.list : tl?.ok ? tl.list : undefined;
    if (verified !== undefined) {
      io.stdout.write(`${JSON.stringify({ verified: true, ...verified }, jsonReplacer, 2)}\n`);
      return 0;
    }
    if (anchors.length > 0) {
      const reason = tl !== undefined && !tl.ok ? `${tl.code}: ${tl.reason}` : 'unknown';
      io.stderr.write(`not verified: ${reason}\n`);
      return 1;
    }
    // No anchor: show the signed content as raw CBOR (integer keys), clearly marked as unverified.
    const sign1 = decodeSign1(bytes);
    const payload = sign1.payload === null ? null : decodeCbor(sign1.payload);
    io.stdout.write(`${JSON.stringify({ verified: false, kid: getKid(sign1), payload }, jsonReplacer, 2)}\n`);
    return 0;
  }
  throw new UsageError(`unknown trust action ${action ?? '(none)'}: build or show`);
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), v]));
  return value;
}
