// @deltaid/cli — the `deltaid` command; bin/deltaid.js calls main().
export { type DemoOptions, type DemoRow, runDemo } from './demo/run-demo.js';
export type { Io } from './lib/io.js';
export { main } from './main.js';
