// Bundles src/main.ts and its dependencies into one CommonJS file, so start-up reads one script
// instead of walking node_modules (minified but for names, which keeps --debug traces readable),
// and src/boot.ts into the small loader that bin/mailview.js runs: it compiles the bundle through
// a V8 code cache (docs/performance.md).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';
import { patches } from './library-patches.mjs';

const require = createRequire(import.meta.url);

// mailparser's ESM build imports libmime's ESM build while mailsplit requires its CommonJS one:
// resolve every import to the CommonJS one, so the bundle holds (and start-up runs) one copy.
const oneLibmime = {
  name: 'one-libmime',
  setup(b) {
    b.onResolve({ filter: /^libmime$/ }, () => ({ path: require.resolve('libmime') }));
    b.onLoad({ filter: /libmime[\\/]dist[\\/]cjs[\\/]charset\.js$/ }, async (args) => ({
      contents: lazyGbk(await readFile(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};

// libmime builds iconv-lite's whole GBK codec at load time (~10 ms) only to learn the decoder class
// all double-byte codecs share; that class is DBCSCodec.prototype.decoder, so take it from there.
function lazyGbk(source) {
  const eager = "iconv_lite_1.default.getCodec('gbk').decoder";
  if (!source.includes(eager)) {
    console.warn('build: libmime no longer reads the GBK codec at load time; bundling it unchanged');
    return source;
  }
  return source.replace(eager, "require('iconv-lite/encodings/dbcs-codec.js')._dbcs.prototype.decoder");
}

// Applies library-patches.mjs while bundling.
const patchLibraries = {
  name: 'patch-libraries',
  setup(b) {
    for (const { file, changes } of patches) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (changes.every(({ from }) => source.split(from).length === 2)) {
          return { contents: changes.reduce((text, { from, to }) => text.replace(from, () => to), source), loader: 'js' };
        }
        console.warn(`build: ${args.path} changed; bundling it unpatched`);
        return undefined;
      });
    }
  },
};

// mailparser sets up its own linkify-it with the full TLD list at load time (~10 ms of regex
// building), for its text-to-HTML conversion, which parseMail turns off: hand it a stand-in that
// records the set-up calls and replays them only if it is ever asked to find links.
const lazyLinkify = {
  name: 'lazy-linkify',
  setup(b) {
    b.onResolve({ filter: /^linkify-it$/ }, (args) =>
      /[\\/]mailparser[\\/]/.test(args.importer) ? { path: args.importer, namespace: 'lazy-linkify', pluginData: args.resolveDir } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-linkify' }, (args) => ({
      resolveDir: args.pluginData,
      loader: 'js',
      contents: `import linkifyIt from 'linkify-it?real';
        export default function lazyLinkify() {
          const calls = [];
          let real;
          const get = () => (real ??= calls.reduce((l, [m, a]) => l[m](...a), linkifyIt()));
          const later = (m) => (...a) => (real ? real[m](...a) : calls.push([m, a]), stub);
          const setUp = new Set(['tlds', 'add', 'set']);
          const stub = new Proxy({}, { get: (_, m) => (setUp.has(m) ? later(m) : (...a) => get()[m](...a)) });
          return stub;
        }`,
    }));
    b.onResolve({ filter: /^linkify-it\?real$/ }, (args) => b.resolve('linkify-it', { resolveDir: args.resolveDir, kind: 'import-statement' }));
  },
};

// mailparser imports `he` for HTML forms of headers and links that mailview never asks for, and
// `he` builds its entity maps and regexes at load time: hand mailparser a stand-in that loads it
// on first use, so neither a run nor the start-up snapshot holds it (library-patches.mjs stops
// the one eager use, the HTML form of each address).
const lazyHe = {
  name: 'lazy-he',
  setup(b) {
    b.onResolve({ filter: /^he$/ }, (args) =>
      /[\\/]mailparser[\\/]/.test(args.importer) ? { path: 'he', namespace: 'lazy-he', pluginData: args.resolveDir } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-he' }, (args) => ({
      resolveDir: args.pluginData,
      loader: 'js',
      contents: `let real;
        const he = () => (real ??= require('he?real'));
        module.exports = {
          encode: (...a) => he().encode(...a),
          decode: (...a) => he().decode(...a),
          escape: (...a) => he().escape(...a),
          unescape: (...a) => he().unescape(...a),
        };`,
    }));
    b.onResolve({ filter: /^he\?real$/ }, (args) => b.resolve('he', { resolveDir: args.resolveDir, kind: 'require-call' }));
  },
};

const common = { bundle: true, minifyWhitespace: true, minifySyntax: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// Written as the function boot.ts calls, so it compiles the file as read, without a wrapped copy.
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/mailview.cjs',
  plugins: [oneLibmime, lazyLinkify, lazyHe, patchLibraries],
  banner: { js: '(function (exports, require, module, __filename, __dirname) {' },
  footer: { js: '})' },
});
await build({ ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.cjs' });

// V8 keeps a script's source as one string, two bytes a character if any is above U+00FF.
const wide = /[^\0-\xff]/.exec(readFileSync('dist/mailview.cjs', 'utf8'));
if (wide) console.warn(`build: dist/mailview.cjs contains U+${wide[0].codePointAt(0).toString(16)}; its source now takes twice the memory`);

// The first line names this build, so a code cache made from another build is never used.
const bundle = readFileSync('dist/mailview.cjs', 'utf8');
const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
writeFileSync('dist/mailview.cjs', `// mailview build ${hash}\n${bundle}`);

// The script `node --build-snapshot` runs (src/snapshot.ts starts it): it loads the bundle as boot.cjs
// does, and the bundle, seeing a snapshot being built, warms itself up (src/main.ts).
writeFileSync(
  'dist/snapshot.cjs',
  `// Start-up snapshot builder for mailview build ${hash}: run by \`node --build-snapshot\`, which allows only built-in modules.
const { readFileSync } = require('node:fs');
const { Script } = require('node:vm');
const file = require('node:path').join(__dirname, 'mailview.cjs');
const module = { exports: {} };
new Script(readFileSync(file, 'utf8'), { filename: file }).runInThisContext().call(module.exports, module.exports, require, module, file, __dirname);
`,
);
