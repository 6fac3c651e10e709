// Bundles src/main.ts and its dependencies into one CommonJS file, so start-up reads one script
// instead of walking node_modules (minified but for names, which keeps --debug traces readable),
// and src/boot.ts into the small loader that bin/mailview.js runs: it compiles the bundle through
// a V8 code cache (docs/performance.md).
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// Libraries and tables a typical mail never runs are kept out of the bundle, in files of their
// own under dist/lib/ that a run reads only when it needs one: the bundle's source is held whole in
// every run's heap and in the start-up snapshot, which V8 checksums and copies at every start, so
// each KB left in it costs every run (over half of the bundle was such text). `script` entries are
// bundled on their own and run when first required; `json` ones are read with JSON.parse, faster
// than compiling the same data as JavaScript; `lazy` ones, which their importer loads at once but
// calls rarely, are stand-ins whose functions load the real module on first call.
const separate = [
  { spec: /^tldts$/, name: 'tldts.cjs', kind: 'script' },
  { spec: /^ical\.js$/, name: 'ical.cjs', kind: 'script' },
  { spec: /^windows-iana[\\/]/, name: 'windows-iana.cjs', kind: 'script' },
  // mailparser imports it for HTML forms of headers and links that mailview never asks for, and it
  // builds its entity maps and regexes at load time (library-patches.mjs stops the one eager use,
  // the HTML form of each address).
  { spec: /^he$/, importer: /[\\/]mailparser[\\/]/, name: 'he.cjs', kind: 'lazy', exports: ['encode', 'decode', 'escape', 'unescape'] },
  { spec: /^\.\/mimetypes\.js$/, importer: /libmime[\\/]dist[\\/]cjs[\\/]libmime\.js$/, name: 'libmime-mimetypes.cjs', kind: 'script' },
  { spec: /^unhomoglyph\/data\.json$/, name: 'unhomoglyph-data.json', kind: 'json' },
  { spec: /^\.\/tables\/[\w-]+\.json$/, importer: /iconv-lite[\\/]encodings[\\/]/, name: (path) => `iconv-lite-${path.replace(/^.*[\\/]/, '')}`, kind: 'json' },
  // libmime decodes ISO-2022-JP and the like with it, and requires it (and its tables) at load time.
  { spec: /^encoding-japanese$/, name: 'encoding-japanese.cjs', kind: 'lazy', exports: ['convert'] },
  // html-to-text and domutils import it at load time for formatters mailview never picks; the
  // browser view serialises its page with it. Its copy of entities builds its tables at load time.
  { spec: /^dom-serializer$/, name: 'dom-serializer.cjs', kind: 'lazy', exports: ['render', 'default'], esm: true },
];
const separated = new Map();
const resolving = Symbol('resolving');

const separateLibraries = {
  name: 'separate-libraries',
  setup(b) {
    for (const entry of separate) {
      b.onResolve({ filter: entry.spec }, async (args) => {
        if (args.pluginData === resolving || (entry.importer && !entry.importer.test(args.importer))) return undefined;
        const path = (await b.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, pluginData: resolving })).path;
        const name = typeof entry.name === 'function' ? entry.name(path) : entry.name;
        separated.set(name, { path, kind: entry.kind });
        return { path: name, namespace: 'separate', pluginData: entry };
      });
    }
    b.onLoad({ filter: /.*/, namespace: 'separate' }, (args) => {
      const { kind, exports, esm } = args.pluginData;
      const load = `require('mailview:separate').${kind === 'json' ? 'json' : 'script'}(${JSON.stringify(args.path)})`;
      if (kind !== 'lazy') return { contents: `module.exports = ${load};`, loader: 'js' };
      const call = (e) => `(...a) => real()[${JSON.stringify(e)}](...a)`;
      // An ES module's stand-in is one too, so that its importers' default and named imports mean what they did.
      const out = esm
        ? exports.map((e) => (e === 'default' ? `export default ${call(e)};` : `export const ${e} = ${call(e)};`))
        : [`module.exports = { ${exports.map((e) => `${JSON.stringify(e)}: ${call(e)}`).join(', ')} };`];
      return { contents: `let loaded; const real = () => (loaded ??= ${load});\n${out.join('\n')}`, loader: 'js' };
    });
    b.onResolve({ filter: /^mailview:separate$/ }, () => ({ path: 'loader', namespace: 'separate-loader' }));
    // __dirname is the bundle's directory (boot.cjs and snapshot.cjs pass it). A start-up snapshot
    // keeps the one it was made from, which may be another install of the same build since removed:
    // then the files beside the launcher this run started from are read.
    b.onLoad({ filter: /.*/, namespace: 'separate-loader' }, () => ({
      loader: 'js',
      contents: `const { readFileSync, realpathSync } = require('node:fs');
        const { dirname, join } = require('node:path');
        const { Script } = require('node:vm');
        function read(name) {
          const file = join(__dirname, 'lib', name);
          try {
            return [file, readFileSync(file, 'utf8')];
          } catch (error) {
            const other = join(dirname(realpathSync(process.argv[1])), '..', 'dist', 'lib', name);
            if (other === file) throw error;
            return [other, readFileSync(other, 'utf8')];
          }
        }
        exports.json = (name) => JSON.parse(read(name)[1]);
        exports.script = (name) => {
          const [file, source] = read(name);
          const module = { exports: {} };
          new Script(source, { filename: file }).runInThisContext().call(module.exports, module.exports, require, module, file, dirname(file));
          return module.exports;
        };`,
    }));
  },
};

const common = { bundle: true, minifyWhitespace: true, minifySyntax: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// Written as the function boot.ts calls, so it compiles the file as read, without a wrapped copy.
const wrapped = { banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '})' } };
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/mailview.cjs',
  plugins: [oneLibmime, lazyLinkify, separateLibraries, patchLibraries],
  ...wrapped,
});
await build({ ...common, entryPoints: ['src/boot.ts'], outfile: 'dist/boot.cjs' });

rmSync('dist/lib', { recursive: true, force: true });
mkdirSync('dist/lib');
for (const [name, { path, kind }] of separated) {
  if (kind === 'json') writeFileSync(`dist/lib/${name}`, JSON.stringify(JSON.parse(readFileSync(path, 'utf8'))));
  else await build({ ...common, entryPoints: [path], outfile: `dist/lib/${name}`, ...wrapped });
}

// V8 keeps a script's source as one string, two bytes a character if any is above U+00FF.
const wide = /[^\0-\xff]/.exec(readFileSync('dist/mailview.cjs', 'utf8'));
if (wide) console.warn(`build: dist/mailview.cjs contains U+${wide[0].codePointAt(0).toString(16)}; its source now takes twice the memory`);

// The first line names this build, so a code cache made from another build is never used.
// The files in dist/lib/ count too, since a snapshot made from one install may read those of
// another, and so does boot.cjs, which makes the snapshot and names the V8 flags it is made with.
const bundle = readFileSync('dist/mailview.cjs', 'utf8');
const sha = createHash('sha256').update(bundle).update(readFileSync('dist/boot.cjs'));
for (const name of readdirSync('dist/lib').sort()) sha.update(`\0${name}\0`).update(readFileSync(`dist/lib/${name}`));
const hash = sha.digest('hex').slice(0, 16);
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
