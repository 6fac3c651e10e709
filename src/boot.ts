// Start-up: runs the one bundled file through a V8 code cache, so later runs skip compiling it.
// The cache is tied to the Node binary and the build, so it lives in $XDG_CACHE_HOME/mailview and
// is made on first run; anything wrong with it (missing, stale, corrupt, unwritable) only means
// the bundle is compiled as usual. It holds compiled code, never output: output cannot change.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';
import pkg from '../package.json' with { type: 'json' };
import { requestSnapshot } from './snapshot.js';

export { makeSnapshot } from './snapshot.js';

/** Where the code cache for one build of the bundle lives, or undefined when there is no home for it. */
export function cachePath(env: Readonly<Record<string, string | undefined>>, buildId: string): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : env.HOME ? join(env.HOME, '.cache') : undefined;
  if (!base || env.MAILVIEW_CODE_CACHE === '0') return undefined;
  return join(base, 'mailview', `${cachePrefix}${process.version}-${buildId}.v8`);
}

const cachePrefix = `code-${pkg.version}-`;
// zlib.crc32 arrived in Node 20.15; without it there is no cheap way to check the file, so no cache.
const crc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

/** Run the CommonJS bundle at `file` as the main program, through the code cache when it is usable. */
export function boot(file: string, env: Readonly<Record<string, string | undefined>> = process.env): void {
  // bin/mailview.js asks for a start-up snapshot for this Node; the program itself never sees the ask.
  const snapshot = process.env.MAILVIEW_SNAPSHOT_BUILD;
  delete process.env.MAILVIEW_SNAPSHOT_BUILD;
  if (snapshot) requestSnapshot(snapshot, dirname(file));
  const source = readFileSync(file, 'utf8');
  // scripts/build.mjs starts the bundle with `// mailview build HASH`, a hash of its content.
  const buildId = /^\/\/ mailview build ([0-9a-f]+)/.exec(source)?.[1];
  const path = buildId && crc32 ? cachePath(env, buildId) : undefined;
  const cached = path ? readCache(path) : undefined;
  // The build writes the bundle as one function expression of CommonJS's five arguments.
  const script = new Script(source, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  if (path && (!cached || script.cachedDataRejected)) process.once('exit', () => writeCache(path, script));
  const module = { exports: {} };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
}

// The file is the data followed by its CRC-32 (V8 itself only checks lengths and versions).
function readCache(path: string): Buffer | undefined {
  try {
    const bytes = readFileSync(path);
    if (bytes.length < 5 || !crc32) return undefined;
    const data = bytes.subarray(0, -4);
    return crc32(data) === bytes.readUInt32LE(bytes.length - 4) ? data : undefined;
  } catch {
    return undefined;
  }
}

// At exit the script holds every function this run compiled, so the next run skips those too.
function writeCache(path: string, script: Script): void {
  try {
    const data = script.createCachedData();
    const sum = Buffer.alloc(4);
    sum.writeUInt32LE(crc32!(data));
    const dir = dirname(path);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([data, sum]), { mode: 0o600 });
    renameSync(temp, path);
    removeStale(dir, path);
  } catch {
    // No cache this time; the next run tries again.
  }
}

// Keep the newest few caches: another build (a second install, an older version, another Node)
// may still be in use, but old ones must not pile up.
function removeStale(dir: string, keep: string): void {
  const caches = readdirSync(dir)
    .filter((name) => name.startsWith('code-') && name.endsWith('.v8'))
    .map((name) => join(dir, name))
    .filter((path) => path !== keep)
    .map((path) => ({ path, mtime: statSync(path).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { path } of caches.slice(keptCaches - 1)) unlinkSync(path);
}

const keptCaches = 4;
