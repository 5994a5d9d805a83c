#!/usr/bin/env node
// The deltaid command. Runs the built package (run `pnpm build` once after install).
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
});
