import { type DocType, deriveKid, isDeltaIdError, type PublicJwk, type Purpose } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { createFileStatusListStorage, createStatusListManager, issueCompact } from '@deltaid/issuer';
import type { Parsed } from '../lib/args.js';
import { describeError, type Io, readJson, readText, UsageError, writeOut } from '../lib/io.js';
import { loadPrivateKey, loadPublicKey, parseAlg } from '../lib/keys.js';
import { createProgress } from '../lib/progress.js';

export const ISSUE_HELP = `deltaid issue --type eid|dl|vl --purpose full|checkin|age|traffic --claims FILE
               --issuer-key FILE --issuer-id ID --holder-key FILE --out FILE
               [--status-dir DIR --status-list N --status-uri URI] [--lifetime-days N]
deltaid issue --batch FILE.jsonl --out-dir DIR --type … --purpose … --issuer-key … --issuer-id … [--status-dir …]

Validates the claims (ID-number and VIN check digits, plates, classes, dates) and signs a compact credential
bound to the holder's device key. With --status-dir, allocates a random index in a file-backed status list.
--batch reads JSON lines {"id": "...", "claims": {...}, "holderKey": {JWK with alg}} and writes DIR/ID.cred,
with a progress bar on a terminal.`;

const TYPES: Record<string, DocType> = {
  eid: 'cn.gov.mps.eid.1',
  dl: 'cn.gov.mps.dl.1',
  vl: 'cn.gov.mps.vl.1',
};
const PURPOSES: readonly Purpose[] = ['full', 'checkin', 'age', 'traffic'];

export async function issueCommand(args: Parsed, io: Io): Promise<number> {
  const crypto = createNativeCrypto();
  const docType = TYPES[args.required('type')];
  if (docType === undefined) throw new UsageError('--type must be eid, dl or vl');
  const purpose = PURPOSES.find((p) => p === args.required('purpose'));
  if (purpose === undefined) throw new UsageError(`--purpose must be one of ${PURPOSES.join(', ')}`);
  const key = await loadPrivateKey(crypto, args.required('issuer-key'));
  const issuer = { id: args.required('issuer-id'), kid: await deriveKid(key.publicJwk, crypto), key };
  const lifetimeDays = Number(args.string('lifetime-days') ?? '365');
  if (!Number.isInteger(lifetimeDays) || lifetimeDays <= 0)
    throw new UsageError('--lifetime-days must be a positive integer');

  const statusDir = args.string('status-dir');
  const listId = Number(args.string('status-list') ?? '1');
  const manager =
    statusDir === undefined
      ? undefined
      : createStatusListManager({
          storage: createFileStatusListStorage({ dir: statusDir }),
          random: crypto,
          now: () => new Date(),
          signer: { key, crypto, kid: issuer.kid },
          uriOf: () => args.string('status-uri') ?? `urn:deltaid:status:${issuer.id}:${listId}`,
        });
  if (manager !== undefined && !(await manager.lists()).some((l) => l.listId === listId)) {
    await manager.createList({ listId });
  }

  const issueOne = async (claims: unknown, holderKey: Awaited<ReturnType<typeof loadPublicKey>>) => {
    const ref = manager === undefined ? undefined : await manager.allocate({ listId });
    const issued = await issueCompact(
      {
        docType,
        purpose,
        claims,
        holderKey,
        lifetimeSeconds: lifetimeDays * 86_400,
        ...(ref === undefined ? {} : { status: { list: ref.listId, index: ref.index } }),
      },
      { issuer, crypto, clock: Date.now },
    );
    return { ...issued, status: ref };
  };

  const batch = args.string('batch');
  if (batch === undefined) {
    const holderKey = await loadPublicKey(crypto, args.required('holder-key'));
    const issued = await issueOne(await readJson(args.required('claims')), holderKey);
    await writeOut(args.required('out'), issued.credential, { secret: true });
    // The status reference is what `deltaid status revoke --list N --index I` needs later.
    const status =
      issued.status === undefined ? '' : `, status list ${issued.status.listId} index ${issued.status.index}`;
    io.stdout.write(
      `issued ${docType} (${purpose}), ${issued.credential.length} bytes, expires ${new Date(issued.expiresAt * 1000).toISOString()}${status}\n`,
    );
    return 0;
  }

  const outDir = args.required('out-dir');
  const lines = (await readText(batch)).split('\n').filter((l) => l.trim() !== '');
  const progress = createProgress(io.stderr, lines.length, 'issuing');
  let failed = 0;
  for (const [i, line] of lines.entries()) {
    try {
      const rec = parseLine(line);
      if (typeof rec.id !== 'string' || !/^[\w.-]+$/.test(rec.id))
        throw new UsageError('id must be a file-safe string');
      const { alg, ...jwk } = rec.holderKey ?? {};
      // importPublicKey validates the JWK fully (curve, lengths, point on curve).
      const holderKey = await crypto.importPublicKey(parseAlg(alg), jwk as PublicJwk);
      const issued = await issueOne(rec.claims, holderKey);
      await writeOut(`${outDir}/${rec.id}.cred`, issued.credential, { secret: true });
    } catch (err) {
      failed++;
      // The line number, never the claims: they are personal data.
      io.stderr.write(`line ${i + 1}: ${isDeltaIdError(err) ? err.code : 'error'}: ${describeError(err)}\n`);
    }
    progress.tick();
  }
  progress.done();
  io.stdout.write(`issued ${lines.length - failed} of ${lines.length}\n`);
  return failed === 0 ? 0 : 1;
}

/** One JSON line of a batch; a parse error names the line only (the parser's message would quote claims). */
function parseLine(line: string): { id?: unknown; claims?: unknown; holderKey?: { alg?: string } } {
  try {
    return JSON.parse(line);
  } catch {
    throw new UsageError('not valid JSON');
  }
}
