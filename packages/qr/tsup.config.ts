import { defineConfig } from 'tsup';

export default defineConfig({
  // '.' is portable (browsers); './node' holds the image readers (node:fs, node:zlib, zxing-wasm).
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
});
