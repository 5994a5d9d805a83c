import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

/** Parsed options of one subcommand, with typed getters that fail as usage errors. */
export interface Parsed {
  readonly positionals: readonly string[];
  string(name: string): string | undefined;
  required(name: string): string;
  strings(name: string): string[];
  flag(name: string): boolean;
}

export function parse(
  argv: readonly string[],
  spec: {
    readonly strings?: readonly string[];
    readonly multiple?: readonly string[];
    readonly flags?: readonly string[];
  },
): Parsed {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
  };
  for (const s of spec.strings ?? []) options[s] = { type: 'string' };
  for (const s of spec.multiple ?? []) options[s] = { type: 'string', multiple: true };
  for (const s of spec.flags ?? []) options[s] = { type: 'boolean' };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  return {
    positionals: parsed.positionals,
    string: (n) => {
      const v = values[n];
      return typeof v === 'string' ? v : undefined;
    },
    required: (n) => {
      const v = values[n];
      if (typeof v !== 'string' || v.length === 0) throw new UsageError(`--${n} is required`);
      return v;
    },
    strings: (n) => {
      const v = values[n];
      return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    },
    flag: (n) => values[n] === true,
  };
}
