// Bundles src/main.ts and its dependencies into one CommonJS file, so start-up reads one script
// instead of walking node_modules (minified but for names, which keeps --debug traces readable),
// and src/boot.ts into the small loader that bin/mailview.js runs: it compiles the bundle through
// a V8 code cache (README "Performance").
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { build } from 'esbuild';

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

// Hot spots of mailparser and mailsplit, patched as they are bundled: each change is an exact
// piece of a library's source and its replacement. A file any of whose changes no longer applies
// is bundled as it is, with a warning: slower, never wrong.
const patches = [
  {
    file: /mailsplit[\\/]lib[\\/]message-splitter\.js$/,
    changes: [
      {
        // mailsplit looks for the end of every line one byte at a time in JavaScript, which a run
        // started from a key press executes before V8 has optimised it: an 11 MB message spent
        // ~40 ms there. Buffer#indexOf finds the same newline natively.
        from: `if (chunk[i] !== 0x0a) {
                    i++;
                    continue;
                }`,
        to: `if (chunk[i] !== 0x0a) {
                    i = chunk.indexOf(0x0a, i);
                    if (i < 0) i = chunk.length;
                    continue;
                }`,
      },
      {
        // Each line of a body goes through processLine, a callback and a Buffer view of its own,
        // only to move the end of the body group one line on: ~150 000 times for two 4 MB
        // attachments. A line continuing a body group that cannot be a boundary (it starts with
        // neither '-' nor a line break), with no pending or truncated line before it, only
        // moves that end, as onLine would.
        from: `let start = Math.max(pos, 0);
                pos = ++i;
`,
        to: `let start = Math.max(pos, 0);
                pos = ++i;
                if (group.type === 'body' && this.state === BODY && !this.lineLength && !this.pendingLineTruncated && chunk[start] !== 0x2d && chunk[start] !== 0x0d && chunk[start] !== 0x0a) {
                    groupend = i;
                    continue;
                }
`,
      },
    ],
  },
  {
    // html-to-text picks the formatter of every element through selderee's decision tree, whose
    // every node merged its branches' results with flatMap and rest arguments, a node with one
    // branch too: the digest spent ~90 ms there.
    file: /@selderee[\\/]plugin-htmlparser2[\\/]lib[\\/]hp2-builder\.(cjs|mjs)$/,
    changes: [
      {
        from: `    const matchers = nodes.map(handleNode);
    return (el, ...tail) => matchers.flatMap(m => m(el, ...tail));`,
        to: `    const matchers = nodes.map(handleNode);
    if (matchers.length === 1) return matchers[0];
    return (el, ...tail) => {
        const out = [];
        for (const m of matchers) {
            const found = m(el, ...tail);
            for (let i = 0; i < found.length; i++) out.push(found[i]);
        }
        return out;
    };`,
      },
    ],
  },
  {
    // Each case-insensitive attribute selector lower-cases the attribute again: an element with a
    // style attribute had it lower-cased once for each of our eleven style selectors.
    file: /selderee[\\/]lib[\\/]selderee\.(cjs|mjs)$/,
    changes: [
      {
        from: `function getAttrValuePredicate(sel) {
    if (sel.modifier === 'i') {`,
        to: `let lastActual, lastLower;
const lowered = (actual) => (actual === lastActual ? lastLower : (lastLower = (lastActual = actual).toLowerCase()));
function getAttrValuePredicate(sel) {
    if (sel.modifier === 'i') {`,
      },
      { from: 'return actual => actual.toLowerCase().includes(expected);', to: 'return actual => lowered(actual).includes(expected);' },
    ],
  },
  {
    // mailparser passes the message through a ChunkedPassthrough that copies every chunk into a
    // new buffer even when nothing is pending (Buffer.concat of one buffer): ~11 ms on 11 MB.
    file: /mailsplit[\\/]lib[\\/]chunked-passthrough\.js$/,
    changes: [{ from: 'this.buffer = Buffer.concat([this.buffer, chunk]);', to: 'this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;' }],
  },
  {
    // mailparser decodes every attachment; parseMail lists most of them by size only and passes
    // an attachmentDecoder option (src/mail.ts) that picks a counting stand-in (src/base64-size.ts).
    file: /mailparser[\\/]dist[\\/](esm|cjs)[\\/]mail-parser\.js$/,
    changes: [
      {
        from: 'let decoder = node.getDecoder();',
        to: 'let decoder = (newNode.isAttachment && this.options.attachmentDecoder?.(newNode)) || node.getDecoder();',
      },
    ],
  },
];

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

const common = { bundle: true, minifyWhitespace: true, minifySyntax: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };

// Written as the function boot.ts calls, so it compiles the file as read, without a wrapped copy.
await build({
  ...common,
  entryPoints: ['src/main.ts'],
  outfile: 'dist/mailview.cjs',
  plugins: [oneLibmime, lazyLinkify, patchLibraries],
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
