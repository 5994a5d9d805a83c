// Runs every bench/*.mjs module's default export in turn (alphabetical order), each printing one JSON
// line per figure. Usage: `pnpm build && node bench/run.mjs [name-filter]`.
import { readdir } from 'node:fs/promises';

const dir = new URL('./', import.meta.url);
const filter = process.argv[2];
const files = (await readdir(dir))
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs')
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();

let failed = false;
for (const file of files) {
  const mod = await import(new URL(file, dir).href);
  if (typeof mod.default !== 'function') {
    console.error(`bench/${file}: no default export function, skipped`);
    continue;
  }
  try {
    await mod.default();
  } catch (err) {
    failed = true;
    console.error(`bench/${file} failed:`, err);
  }
}
if (failed) process.exitCode = 1;
