import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { type CryptoProvider, DeltaIdError, type PublicKeyHandle, type RegionCode } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import {
  createStatusCache,
  createTrustListRegistry,
  type OperatorAnchor,
  type TrustRegistry,
  type VerifiedTrustList,
  verifyListOfLists,
  verifyTrustList,
} from '@deltaid/trust';
import {
  createMemoryReplayCache,
  createVerifier,
  type Policy,
  type PolicyPreset,
  type ReplayCache,
} from '@deltaid/verifier';
import { parseAnchor } from './lib/parse-anchor.js';
import type { Desk } from './types.js';

/** Options of {@link loadDesk}. */
export interface DeskOptions {
  /** The desk's clock in milliseconds since the epoch; default `Date.now`. */
  readonly clock?: () => number;
  /** Default: the native (node:crypto) provider. */
  readonly crypto?: CryptoProvider;
  /**
   * The pinned joint-operator key(s). Default: the `*.json` anchors in `DIR/trust/`. In production pin the anchor in
   * the desk's own configuration, not in the folder the lists are downloaded to.
   */
  readonly anchors?: readonly OperatorAnchor[];
  /** What this desk accepts; default `hotel-checkin`. */
  readonly policy?: Policy | PolicyPreset;
  /** Remembers accepted codes so a photo of a guest's code cannot be used twice; default a memory cache. */
  readonly replayCache?: ReplayCache | false;
}

async function filesIn(dir: string, optional = false): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(dir, e.name))
      .sort();
  } catch (cause) {
    if (optional && Reflect.get(Object(cause), 'code') === 'ENOENT') return [];
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', `cannot read the folder ${dir}`, { cause });
  }
}

async function keysForKid(
  trust: TrustRegistry,
  kid: string | Uint8Array,
): Promise<PublicKeyHandle[] | undefined> {
  if (typeof kid === 'string') return undefined;
  const keys = await Promise.all(trust.candidates(kid).map((c) => c.key()));
  return keys.length > 0 ? keys : undefined;
}

/**
 * Builds a hotel desk from the files it cached while online: `DIR/trust/` (the pinned anchor, the Delta list of lists
 * and the regional trust lists, `*.cbor`) and `DIR/status/` (the issuers' status list tokens, `*.cwt`). The list of
 * lists is verified with the pinned anchor and yields the regional operator keys; each regional list is verified
 * with those; each status list with the key of the issuer that signed it. Files that do not verify are ignored and
 * named in `desk.ignored`, so one corrupt download does not close the desk.
 *
 * @param dir - the folder with `trust/` and `status/` (the layout `deltaid demo --out DIR` writes).
 * @param options - clock, crypto, pinned anchors, policy, replay cache.
 * @returns the desk.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` (a folder cannot be read, a bad anchor file, no anchor),
 *   `ERR_TRUST_LIST` (no trust list verified: the desk cannot accept anything).
 * @example
 * ```ts
 * const desk = await loadDesk('/var/lib/hotel/deltaid', { clock: Date.now });
 * const outcome = await checkIn(desk, scannedText);
 * ```
 * @see docs/guide-hotel-integrator.md; docs/formats/trust-list.md; docs/formats/status-list.md
 */
export async function loadDesk(dir: string, options: DeskOptions = {}): Promise<Desk> {
  const clock = options.clock ?? Date.now;
  const crypto = options.crypto ?? createNativeCrypto();
  const now = () => Math.floor(clock() / 1000);

  const trustFiles = await filesIn(join(dir, 'trust'));
  const anchors: OperatorAnchor[] = [...(options.anchors ?? [])];
  if (options.anchors === undefined) {
    for (const f of trustFiles.filter((f) => extname(f) === '.json')) {
      anchors.push(parseAnchor(JSON.parse(await readFile(f, 'utf8')), f));
    }
  }
  if (anchors.length === 0) throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'no pinned trust anchor');

  const ignored: string[] = [];
  // Regional lists verify only under region-bound keys: those the list of lists names, or pinned regional anchors.
  const regionalAnchors: OperatorAnchor[] = anchors.filter((a) => a.region !== undefined);
  const regional: { file: string; bytes: Uint8Array }[] = [];
  for (const file of trustFiles.filter((f) => extname(f) === '.cbor')) {
    const bytes = new Uint8Array(await readFile(file));
    const lol = await verifyListOfLists(bytes, { anchors, crypto, now: now() });
    if (lol.ok) regionalAnchors.push(...lol.list.anchors);
    else regional.push({ file, bytes });
  }
  const lists: VerifiedTrustList[] = [];
  for (const { file, bytes } of regional) {
    const r = await verifyTrustList(bytes, { anchors: regionalAnchors, crypto, now: now() });
    if (r.ok) lists.push(r.list);
    else ignored.push(`${file}: ${r.code} ${r.reason}`);
  }
  if (lists.length === 0) {
    throw new DeltaIdError(
      'ERR_TRUST_LIST',
      `no trust list verified under the pinned anchor (${ignored.join('; ')})`,
    );
  }

  const trust = createTrustListRegistry(lists, { crypto, clock });
  const status = createStatusCache({
    crypto,
    key: (kid) => keysForKid(trust, kid),
    now: () => new Date(clock()),
  });
  let statusLists = 0;
  // No status folder: credentials that carry a status reference are refused (ERR_STATUS_UNAVAILABLE) by the policy.
  for (const file of await filesIn(join(dir, 'status'), true)) {
    try {
      await status.add(new Uint8Array(await readFile(file)));
      statusLists++;
    } catch (err) {
      ignored.push(`${file}: ${err instanceof DeltaIdError ? err.code : 'unreadable'}`);
    }
  }

  const replayCache = options.replayCache === undefined ? createMemoryReplayCache() : options.replayCache;
  const verifier = createVerifier({
    trust,
    status,
    policy: options.policy ?? 'hotel-checkin',
    clock,
    crypto,
    ...(replayCache === false ? {} : { replayCache }),
  });
  const regions: RegionCode[] = [...new Set(lists.map((l) => l.region))];
  return { verifier, clock, regions, statusLists, ignored };
}
