import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DeltaIdError } from '@deltaid/core';

/** Where the command writes; injected so tests run the CLI in-process. */
export interface Io {
  readonly stdout: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(s: string): unknown; readonly isTTY?: boolean };
  readonly stdin?: AsyncIterable<Uint8Array | string> & { readonly isTTY?: boolean };
}

/** A usage or I/O problem: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export async function readBytes(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (cause) {
    throw new UsageError(`cannot read ${path}: ${(cause as Error).message}`);
  }
}

export async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readBytes(path));
}

export async function readJson(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the input, which may be personal data (claims).
    throw new UsageError(`${path} is not valid JSON`);
  }
}

/**
 * Writes atomically: a new temp file with an unpredictable name, created exclusively (`wx`: never follows a planted
 * file or symlink) with its final mode, synced, then renamed over the target. `secret` files (keys, credentials,
 * presentations: personal data) are mode 0600 from their first byte.
 */
export async function writeOut(
  path: string,
  data: Uint8Array | string,
  options: { secret?: boolean; exclusive?: boolean } = {},
) {
  try {
    await mkdir(dirname(path), { recursive: true });
    if (options.exclusive && (await exists(path))) {
      throw new UsageError(`${path} exists; refusing to overwrite it (use --force)`);
    }
    const tmp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    const handle = await open(tmp, 'wx', options.secret ? 0o600 : 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (cause) {
    if (cause instanceof UsageError) throw cause;
    throw new UsageError(`cannot write ${path}: ${(cause as Error).message}`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Expands files and folders (one level) into files, sorted. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch {
      throw new UsageError(`no such file or folder: ${p}`);
    }
    if (s.isDirectory()) {
      for (const f of (await readdir(p)).sort()) {
        const full = join(p, f);
        if ((await stat(full)).isFile()) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}

export async function readStdin(io: Io): Promise<string> {
  if (io.stdin === undefined) throw new UsageError('no input: give TEXT, --image FILE or pipe the text in');
  let s = '';
  const dec = new TextDecoder();
  for await (const chunk of io.stdin)
    s += typeof chunk === 'string' ? chunk : dec.decode(chunk, { stream: true });
  return s.trim();
}

export function describeError(err: unknown): string {
  if (err instanceof DeltaIdError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}
