// Bundles src/main.ts and its dependencies into one CommonJS file, so start-up reads one script
// instead of walking node_modules, and src/boot.ts into the small loader that bin/mailview.js runs
// (it compiles the bundle through a V8 code cache; see README "Performance").
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

// mailparser's ESM build imports libmime's ESM build while mailsplit requires its CommonJS one:
// resolve every import to the CommonJS one, so the bundle holds (and start-up runs) one copy.
const oneLibmime = {
  name: 'one-libmime',
  setup(b) {
    b.onResolve({ filter: /^libmime$/ }, () => ({ path: require.resolve('libmime') }));
  },
};

const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/mailview.cjs', plugins: [oneLibmime] });
await build({ ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.cjs' });

// The first line names this build, so a code cache made from another build is never used.
const bundle = readFileSync('dist/mailview.cjs', 'utf8');
const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
writeFileSync('dist/mailview.cjs', `// mailview build ${hash}\n${bundle}`);
