import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/crypto/native-node.ts', 'src/crypto/native-web.ts', 'src/crypto/portable.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  target: 'es2022',
  sourcemap: true,
  treeshake: true,
});
