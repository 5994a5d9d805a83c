import { main } from '../src/main.js';

/** Runs the CLI in-process and captures its output. */
export async function run(argv: string[], stdin?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(stdin === undefined
      ? {}
      : {
          stdin: (async function* () {
            yield stdin;
          })(),
        }),
  });
  return { code, stdout, stderr };
}
