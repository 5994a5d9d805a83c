import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isDeltaIdError } from '@deltaid/core';
import { checkIn } from './check-in.js';
import { formatOutcome } from './format-outcome.js';
import { loadDesk } from './load-desk.js';
import type { CheckInOutcome } from './types.js';

const USAGE = `hotel-checkin DIR [CODE | IMAGE | FILE ...] [--at TIME] [--json]

Verifies Delta ID check-in codes offline with the files cached in DIR (DIR/trust, DIR/status) and prints the
guest registration record or the reason for refusal. With no CODE, reads one code per line from standard input
(a scanner that types). --at sets the desk clock (ISO 8601), e.g. the time in DIR/demo.json.
Exit code: 0 all accepted, 1 a code was refused, 2 usage or setup error.`;

/** Where {@link main} reads and writes; injected so the test runs it in-process. */
export interface MainIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly stdin?: AsyncIterable<string | Uint8Array>;
}

async function* lines(stdin: AsyncIterable<string | Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of stdin) {
    pending += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const p of parts) if (p.trim() !== '') yield p.trim();
  }
  if (pending.trim() !== '') yield pending.trim();
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: { at: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

/**
 * The example program: `hotel-checkin DIR [CODE…] [--at TIME] [--json]`.
 *
 * @param argv - arguments without node and the script.
 * @param io - standard streams.
 * @returns the exit code: 0 all accepted, 1 a code was refused, 2 usage or setup error.
 * @example process.exitCode = await main(process.argv.slice(2), process)
 */
export async function main(argv: readonly string[], io: MainIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [dir, ...codes] = parsed.positionals;
  if (dir === undefined) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let clock: () => number = Date.now;
  if (parsed.values.at !== undefined) {
    const at = Date.parse(parsed.values.at);
    if (Number.isNaN(at)) {
      io.stderr.write(`--at: not a time: ${parsed.values.at}\n`);
      return 2;
    }
    clock = () => at;
  }
  let desk: Awaited<ReturnType<typeof loadDesk>>;
  try {
    desk = await loadDesk(dir, { clock });
  } catch (err) {
    if (!isDeltaIdError(err)) throw err;
    io.stderr.write(`cannot open the desk: ${err.code}: ${err.message}\n`);
    return 2;
  }
  for (const problem of desk.ignored) io.stderr.write(`ignored ${problem}\n`);

  const inputs: AsyncIterable<string> | string[] =
    codes.length > 0 ? codes : io.stdin === undefined ? [] : lines(io.stdin);
  const outcomes: CheckInOutcome[] = [];
  for await (const input of inputs) {
    const outcome = await checkIn(desk, input);
    outcomes.push(outcome);
    if (!parsed.values.json) io.stdout.write(formatOutcome(outcome));
  }
  if (outcomes.length === 0) {
    io.stderr.write(`no code given\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.json)
    io.stdout.write(`${JSON.stringify(outcomes.length === 1 ? outcomes[0] : outcomes, null, 2)}\n`);
  return outcomes.every((o) => o.accepted) ? 0 : 1;
}

// Run as a program (`pnpm start DIR CODE`), not when imported by the tests.
if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
}
