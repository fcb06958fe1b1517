// Bundles src/ into dist/ so start-up reads a few files instead of hundreds of modules.
// Heavy modules that only some commands need (enquirer, qrcode, conf, the HTTP client)
// are reached through dynamic import() and land in chunks of their own.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  chunkNames: 'chunks/[name]-[hash]',
  // Some CommonJS dependencies call require() on node built-ins; give the ESM bundle a require.
  banner: {
    js: "import { createRequire as __ctCreateRequire } from 'node:module'; const require = __ctCreateRequire(import.meta.url);",
  },
});
