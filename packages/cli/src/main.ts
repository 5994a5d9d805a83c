import { isDeltaIdError } from '@deltaid/core';
import { DEMO_HELP, demoCommand } from './commands/demo.js';
import { ISSUE_HELP, issueCommand } from './commands/issue.js';
import { KEY_HELP, keyCommand } from './commands/key.js';
import { PRESENT_HELP, presentCommand } from './commands/present.js';
import { STATUS_HELP, statusCommand } from './commands/status.js';
import { TRUST_HELP, trustCommand } from './commands/trust.js';
import { VERIFY_HELP, verifyCommand } from './commands/verify.js';
import { parse } from './lib/args.js';
import { describeError, type Io, UsageError } from './lib/io.js';

const COMMANDS = {
  demo: { help: DEMO_HELP, run: demoCommand, strings: ['out'], multiple: [], flags: ['no-qr', 'json'] },
  key: {
    help: KEY_HELP,
    run: keyCommand,
    strings: ['alg', 'out', 'region'],
    multiple: [],
    flags: ['json', 'force'],
  },
  trust: {
    help: TRUST_HELP,
    run: trustCommand,
    strings: ['manifest', 'key', 'out', 'anchor'],
    multiple: [],
    flags: ['json'],
  },
  issue: {
    help: ISSUE_HELP,
    run: issueCommand,
    strings: [
      'type',
      'purpose',
      'claims',
      'issuer-key',
      'issuer-id',
      'holder-key',
      'out',
      'status-dir',
      'status-list',
      'status-uri',
      'lifetime-days',
      'batch',
      'out-dir',
    ],
    multiple: [],
    flags: [],
  },
  present: {
    help: PRESENT_HELP,
    run: presentCommand,
    strings: ['credential', 'holder-key', 'challenge', 'png', 'svg', 'purpose'],
    multiple: [],
    flags: [],
  },
  verify: {
    help: VERIFY_HELP,
    run: verifyCommand,
    strings: ['purpose', 'at'],
    multiple: ['trust', 'status', 'image'],
    flags: ['json'],
  },
  status: {
    help: STATUS_HELP,
    run: statusCommand,
    strings: ['dir', 'list', 'index', 'key', 'out', 'uri'],
    multiple: [],
    flags: [],
  },
} as const;

const USAGE = `deltaid — Delta ID (长三角电子证照) command line

  deltaid demo [--out DIR]          the four-region demo (issue → QR → verify across regions)
  deltaid key generate|public       keys (ES256, ES384, EdDSA, SM2)
  deltaid trust build|show          signed trust lists and the list of lists
  deltaid issue                     sign a compact credential (or a batch)
  deltaid present                   make a QR presentation
  deltaid verify                    verify QR texts or images offline
  deltaid status revoke|suspend|reinstate|publish   status lists

deltaid COMMAND --help for details. Exit codes: 0 success, 1 verification failed, 2 usage or I/O error.`;

/**
 * Runs the `deltaid` command with `argv` (without node and the script) and returns the exit code.
 *
 * @example process.exitCode = await main(process.argv.slice(2), process)
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (command === undefined) {
    io.stderr.write(`unknown command ${name}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const args = parse(rest, command);
    if (args.flag('help')) {
      io.stdout.write(`${command.help}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`deltaid ${name}: ${err.message}\n\n${command.help}\n`);
      return 2;
    }
    // Bad input files (claims, keys, lists) and I/O failures are the operator's to fix: exit 2, one line, no stack.
    // Exit 1 stays reserved for "verification failed".
    io.stderr.write(`deltaid ${name}: ${isDeltaIdError(err) ? describeError(err) : 'unexpected error'}\n`);
    if (!isDeltaIdError(err) && process.env.DELTAID_DEBUG === '1')
      io.stderr.write(`${(err as Error)?.stack}\n`);
    return 2;
  }
}
