// Runs every code block of the three guides in docs/, so the guides cannot rot:
// - ```ts blocks: written to examples/hotel-checkin/.snippets/ (inside the workspace, so `@deltaid/*` imports resolve
//   like in an app) and imported; a block that throws fails. Each starts with `// snippet: NAME` and stands alone.
// - ```sh blocks: one terminal session per guide, in a fresh folder, run in-process through the CLI's main(). The
//   subset understood: `deltaid …` (or `pnpm exec deltaid …`) with quotes, `\` continuations, `> FILE` and `< FILE`;
//   `cat > FILE <<'EOF'` here-documents; `mkdir -p`; comments. A trailing `# exit N` states the expected exit code
//   (default 0). Anything else fails the test, so a guide cannot show a command that is not run.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../packages/cli/src/main.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../../..');
const SNIPPETS = resolve(HERE, '../.snippets');
const GUIDES = ['guide-hotel-integrator.md', 'guide-app-developer.md', 'guide-issuer-operator.md'] as const;

interface Block {
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/** Fenced code blocks of a Markdown file, with the line each starts on. */
function fencedBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i] ?? '');
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
    if (i >= lines.length) throw new Error(`unclosed code block at line ${start + 1}`);
    blocks.push({ lang: open[1] ?? '', code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** Splits a shell line into words: single and double quotes (no expansion), no other syntax. */
function words(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] ?? '';
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed quote in: ${line}`);
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else if ('$`|;&()*?'.includes(c)) {
      throw new Error(`shell syntax the guide runner does not support (${c}) in: ${line}`);
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

interface Expectation {
  readonly command: string;
  /** The exit code the guide states (`# exit N`), default 0. */
  readonly exit: number;
  /** Text the output must contain: the code after `# exit N:` or what follows `# prints`. */
  readonly contains?: string;
}

/**
 * Splits off a trailing comment (outside quotes) and reads what the guide promises in it:
 * `# exit 1: ERR_REVOKED` (exit code and a code in the output) or `# prints TEXT`.
 */
function splitComment(line: string): Expectation {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || line[i - 1] === ' ')) {
      const comment = line.slice(i);
      const command = line.slice(0, i).trimEnd();
      const exit = /\bexit (\d)\b(?::\s*(ERR_[A-Z0-9_]+))?/.exec(comment);
      const prints = /\bprints (.+)$/.exec(comment);
      const contains = exit?.[2] ?? prints?.[1];
      return {
        command,
        exit: exit === null ? 0 : Number(exit[1]),
        ...(contains === undefined ? {} : { contains }),
      };
    }
  }
  return { command: line, exit: 0 };
}

interface ShellStep {
  readonly text: string;
  readonly code: number;
  readonly stdout: string;
}

/** Runs one sh block in `cwd` (the CLI resolves relative paths against the process's working folder). */
async function runShell(code: string, cwd: string, steps: ShellStep[]): Promise<void> {
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    await runShellLines(code, cwd, steps);
  } finally {
    process.chdir(previous);
  }
}

async function runShellLines(code: string, cwd: string, steps: ShellStep[]): Promise<void> {
  const lines = code.replace(/\\\n\s*/g, ' ').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const heredoc = /^cat > (\S+) <<'?(\w+)'?$/.exec(raw);
    if (heredoc !== null) {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) body.push(lines[i] ?? '');
      if (i >= lines.length) throw new Error(`unterminated here-document ${heredoc[2]}`);
      const file = join(cwd, heredoc[1] ?? '');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${body.join('\n')}\n`);
      continue;
    }
    const { command, exit, contains } = splitComment(raw);
    const argv = words(command);
    if (argv[0] === 'mkdir' && argv[1] === '-p') {
      for (const d of argv.slice(2)) mkdirSync(join(cwd, d), { recursive: true });
      continue;
    }
    const start =
      argv[0] === 'pnpm' && argv[1] === 'exec' && argv[2] === 'deltaid' ? 3 : argv[0] === 'deltaid' ? 1 : -1;
    if (start < 0) throw new Error(`the guide runner only runs deltaid commands, not: ${raw}`);
    const args: string[] = [];
    let outFile: string | undefined;
    let inFile: string | undefined;
    const rest = argv.slice(start);
    for (let j = 0; j < rest.length; j++) {
      const w = rest[j] ?? '';
      if (w === '>' || w === '<') {
        const target = rest[++j];
        if (target === undefined) throw new Error(`redirection without a file in: ${raw}`);
        if (w === '>') outFile = target;
        else inFile = target;
      } else args.push(w);
    }
    let stdout = '';
    let stderr = '';
    const stdinText = inFile === undefined ? undefined : readFileSync(join(cwd, inFile), 'utf8');
    const result = await main(args, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      ...(stdinText === undefined
        ? {}
        : {
            stdin: (async function* () {
              yield stdinText;
            })(),
          }),
    });
    steps.push({ text: raw, code: result, stdout });
    if (result !== exit) {
      throw new Error(
        `\`${raw}\` exited ${result}, the guide says ${exit}\n${stderr}\n${stdout.slice(0, 2000)}`,
      );
    }
    if (contains !== undefined && !`${stdout}${stderr}`.includes(contains)) {
      throw new Error(`\`${raw}\` did not print ${contains}\n${stderr}\n${stdout.slice(0, 2000)}`);
    }
    if (outFile !== undefined) {
      mkdirSync(dirname(join(cwd, outFile)), { recursive: true });
      writeFileSync(join(cwd, outFile), stdout);
    }
  }
}

afterAll(() => rmSync(SNIPPETS, { recursive: true, force: true }));

describe('the guide runner', () => {
  it('reads fences, words, comments and refuses shell it cannot run', () => {
    expect(fencedBlocks('a\n```ts\nx\n```\n```sh\ny\nz\n```\n')).toEqual([
      { lang: 'ts', code: 'x', line: 2 },
      { lang: 'sh', code: 'y\nz', line: 5 },
    ]);
    expect(() => fencedBlocks('```ts\nx\n')).toThrow(/unclosed/);
    expect(words(`deltaid verify --at '2026-01-01T00:00:00Z' "a b"`)).toEqual([
      'deltaid',
      'verify',
      '--at',
      '2026-01-01T00:00:00Z',
      'a b',
    ]);
    expect(splitComment('deltaid verify x # exit 1: revoked')).toEqual({
      command: 'deltaid verify x',
      exit: 1,
    });
    expect(splitComment("deltaid x '#1'")).toEqual({ command: "deltaid x '#1'", exit: 0 });
    expect(() => words('deltaid verify $(cat qr.txt)')).toThrow(/does not support/);
  });

  it('fails a session whose command does not exit as the guide says, or that is not a deltaid command', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'guide-runner-'));
    try {
      await expect(runShell('deltaid key public nowhere.json', cwd, [])).rejects.toThrow(/exited 2/);
      await expect(runShell('ls -l', cwd, [])).rejects.toThrow(/only runs deltaid/);
      await expect(runShell('deltaid nope # exit 2: ERR_REVOKED', cwd, [])).rejects.toThrow(/did not print/);
      const steps: ShellStep[] = [];
      await runShell(
        "mkdir -p keys\ndeltaid key generate --alg EdDSA \\\n  --out keys/k.json\ncat > a.txt <<'EOF'\nhello\nEOF\ndeltaid key public keys/k.json > pub.json\ndeltaid nope # exit 2",
        cwd,
        steps,
      );
      expect(steps.map((s) => s.code)).toEqual([0, 0, 2]);
      expect(readFileSync(join(cwd, 'a.txt'), 'utf8')).toBe('hello\n');
      expect(JSON.parse(readFileSync(join(cwd, 'pub.json'), 'utf8')).alg).toBe('EdDSA');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});

function snippetName(block: Block): string {
  return /^\/\/ snippet: ([a-z0-9-]+)\n/.exec(block.code)?.[1] ?? `unnamed-line-${block.line}`;
}

/** Writes a snippet where workspace packages resolve as in an app; the file name is `GUIDE--NAME.ts`. */
function writeSnippet(guide: string, block: Block): string {
  mkdirSync(SNIPPETS, { recursive: true });
  const file = join(SNIPPETS, `${guide.replace(/\.md$/, '')}--${snippetName(block)}.ts`);
  writeFileSync(file, `${block.code}\n`);
  return file;
}

const guides = GUIDES.map((guide) => {
  const path = join(ROOT, 'docs', guide);
  const blocks = existsSync(path) ? fencedBlocks(readFileSync(path, 'utf8')) : [];
  return { guide, path, blocks };
});

for (const { guide, path, blocks } of guides) {
  describe(`docs/${guide}`, () => {
    it('exists', () => expect(existsSync(path)).toBe(true));
    const snippets = blocks.filter((b) => b.lang === 'ts');
    const shell = blocks.filter((b) => b.lang === 'sh');

    it('has only ts and sh code blocks, each ts block named once with `// snippet: NAME`', () => {
      expect(
        blocks.filter((b) => b.lang !== 'ts' && b.lang !== 'sh').map((b) => `${b.lang}@${b.line}`),
      ).toEqual([]);
      expect(snippets.length).toBeGreaterThan(0);
      const names = snippets.map(snippetName);
      expect(names.filter((n) => n.startsWith('unnamed'))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    });

    for (const block of snippets) {
      it(`runs the ts snippet "${snippetName(block)}" (line ${block.line})`, async () => {
        await import(/* @vite-ignore */ pathToFileURL(writeSnippet(guide, block)).href);
      });
    }

    if (shell.length > 0) {
      it(`runs the ${shell.length} sh block(s) as one terminal session`, async () => {
        const cwd = mkdtempSync(join(tmpdir(), 'guide-sh-'));
        const steps: ShellStep[] = [];
        try {
          for (const block of shell) await runShell(block.code, cwd, steps);
        } finally {
          rmSync(cwd, { recursive: true, force: true });
        }
        expect(steps.length).toBeGreaterThan(0);
      }, 120_000);
    }
  });
}

describe('the ts snippets of all guides', () => {
  it('type-check with the repository settings (strict, exactOptionalPropertyTypes, …)', async () => {
    const files = guides.flatMap(({ guide, blocks }) =>
      blocks.filter((b) => b.lang === 'ts').map((b) => writeSnippet(guide, b)),
    );
    expect(files.length).toBeGreaterThan(0);
    writeFileSync(
      join(SNIPPETS, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { noEmit: true },
        files: files.map((f) => f.slice(SNIPPETS.length + 1)),
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await new Promise<{ code: number | null; output: string }>((done) => {
      execFile(
        process.execPath,
        [tsc, '-p', join(SNIPPETS, 'tsconfig.json')],
        { cwd: ROOT },
        (err, stdout, stderr) =>
          done({
            code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1,
            output: stdout + stderr,
          }),
      );
    });
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  }, 180_000);
});
