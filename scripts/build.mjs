// Bundles src/main.ts and its dependencies into one file, so start-up reads one script
// instead of walking node_modules.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/mailview.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: { js: "import { createRequire as __mvRequire } from 'node:module'; const require = __mvRequire(import.meta.url);" },
});
