import { extname } from 'node:path';
import { isDeltaIdError } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { readQrFile } from '@deltaid/qr/node';
import { POLICY_PRESETS, type PolicyPreset, type VerificationResult } from '@deltaid/verifier';
import type { Parsed } from '../lib/args.js';
import { expandPaths, type Io, readBytes, readJson, readStdin, UsageError } from '../lib/io.js';
import { anchorFromJson, loadVerifierFromBytes } from '../lib/load-verifier.js';
import { createProgress } from '../lib/progress.js';

export const VERIFY_HELP = `deltaid verify --trust PATH... [--status PATH...] [--purpose POLICY] [--at TIME] [--json]
               [TEXT | --image FILE|DIR...]

Verifies Delta ID QR codes offline. PATH may be a file or a folder of files:
  --trust   pinned anchors (*.json: {kid, alg, publicKey}) and signed lists (*.cbor: the Delta list of lists and
            regional trust lists)
  --status  status list tokens (*.cwt)
  --purpose hotel-checkin (default), traffic-stop, car-rental or age-18
  --at      the verifier's clock (ISO 8601 or epoch seconds); default now
With no TEXT and no --image, reads the text from standard input.
Exit code: 0 all valid, 1 a verification failed, 2 usage or I/O error.`;

function parseAt(v: string | undefined): number {
  if (v === undefined) return Date.now();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) throw new UsageError(`--at: not a time: ${v}`);
  return ms;
}

export async function verifyCommand(args: Parsed, io: Io): Promise<number> {
  const crypto = createNativeCrypto();
  const trustPaths = args.strings('trust');
  if (trustPaths.length === 0) throw new UsageError('--trust is required');
  const policy = (args.string('purpose') ?? 'hotel-checkin') as PolicyPreset;
  if (!(policy in POLICY_PRESETS))
    throw new UsageError(`--purpose must be one of ${Object.keys(POLICY_PRESETS).join(', ')}`);
  const at = parseAt(args.string('at'));
  const clock = () => at;

  const anchors = [];
  const lists: Uint8Array[] = [];
  for (const f of await expandPaths(trustPaths)) {
    if (extname(f) === '.json') anchors.push(anchorFromJson(await readJson(f), f));
    else lists.push(await readBytes(f));
  }
  const statusTokens: Uint8Array[] = [];
  for (const f of await expandPaths(args.strings('status'))) statusTokens.push(await readBytes(f));
  const verifier = await loadVerifierFromBytes({
    anchors,
    lists,
    statusTokens,
    policy,
    crypto,
    clock,
    onProblem: (message) => io.stderr.write(`warning: ${message}\n`),
  });

  const inputs: { source: string; text: () => Promise<string> }[] = [];
  const images = args.strings('image');
  for (const f of await expandPaths(images)) inputs.push({ source: f, text: () => readQrFile(f) });
  if (args.positionals.length > 0)
    inputs.push({ source: 'argument', text: async () => args.positionals.join(' ') });
  if (inputs.length === 0) inputs.push({ source: 'stdin', text: () => readStdin(io) });

  const progress = createProgress(io.stderr, inputs.length, 'verifying');
  const results: { source: string; result: VerificationResult }[] = [];
  for (const input of inputs) {
    let text: string;
    try {
      text = (await input.text()).trim();
    } catch (err) {
      if (!isDeltaIdError(err)) throw err;
      results.push({ source: input.source, result: unreadable(err.code, err.message) });
      progress.tick();
      continue;
    }
    results.push({ source: input.source, result: await verifier.verify(text) });
    progress.tick();
  }
  progress.done();

  if (args.flag('json')) {
    const out = results.map(({ source, result }) => ({ source, ...result }));
    io.stdout.write(`${JSON.stringify(out.length === 1 ? out[0] : out, null, 2)}\n`);
  } else {
    for (const { source, result } of results)
      io.stdout.write(formatResult(source, result, results.length > 1));
  }
  return results.every((r) => r.result.valid) ? 0 : 1;
}

function unreadable(code: VerificationResult['errors'][number]['code'], detail: string): VerificationResult {
  return {
    valid: false,
    passed: [],
    warnings: [],
    errors: [
      {
        code,
        check: 'decode',
        message: { zh: '无法读取图片中的二维码。', en: 'No readable QR code in the image.' },
        detail,
      },
    ],
  };
}

function formatResult(source: string, r: VerificationResult, named: boolean): string {
  const lines: string[] = [];
  if (named) lines.push(`== ${source}`);
  if (r.valid) {
    lines.push(`✔ 核验通过 valid — ${r.docType} (${r.purpose})`);
    lines.push(`  签发 issuer: ${r.issuer?.name.zh} / ${r.issuer?.name.en} [${r.issuer?.region}]`);
    for (const [k, v] of Object.entries(r.claims ?? {}))
      lines.push(`  ${k}: ${typeof v === 'object' ? '[portrait]' : String(v)}`);
  } else {
    for (const e of r.errors) lines.push(`✘ ${e.code}: ${e.message.zh} ${e.message.en}`);
  }
  for (const w of r.warnings) lines.push(`! ${w.code}: ${w.message.zh} ${w.message.en}`);
  return `${lines.join('\n')}\n`;
}
