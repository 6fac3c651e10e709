// The only file that touches `process`: argv, env and stdio in, an exit code out.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import pkg from '../package.json' with { type: 'json' };
import { hasHtml, offerView, openInBrowser, viewBlock, writeOffered, type ViewOffer, type ViewPlace } from './browser-view.js';
import { decideCapabilities, type Capabilities } from './capabilities.js';
import { configPath, readConfig } from './config.js';
import { blankBlock, type Block } from './document.js';
import { emitLines, neutralise } from './emit.js';
import { ExitCode, MailviewError } from './errors.js';
import { collectLinks, footnoted } from './footnotes.js';
import { decodeHtml, decodeText, detectKind, lineEnds, readInputs, splitMbox, type Input } from './input.js';
import { parseMail, type Mail } from './mail.js';
import { dropMarks } from './marks.js';
import { parseOptions, usage, type Options } from './options.js';
import { lessNavigates, lessVersion, runPager, type PagerSpec } from './pager.js';
import { createContext, type RenderContext } from './render/context.js';
import { markDeceptiveLinks } from './render/deceptive.js';
import { deceptiveMarked, messageBlocks } from './render/message.js';
import { renderHtmlSafely } from './render/safe-html.js';
import { textBlocks } from './render/text.js';
import { sampleFiles, samplesDirOf } from './samples.js';
import { wrapBlock } from './wrap.js';

/** The process as the pipeline sees it. */
export interface Io {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: Readable & { isTTY?: boolean };
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable;
  readonly pid: number;
  /** process.platform: picks the default link opener for less's ^O^O. */
  readonly platform?: string;
  /** Where the bundled samples are (examples/ of the installed package), for --sample. */
  readonly samplesDir?: string;
  /** For the browser view's private directory and file:// links; cli.ts fills them in. */
  readonly uid?: number;
  readonly hostname?: string;
}

/** Run mailview; resolves to the exit code. Never throws. */
export async function main(io: Io): Promise<number> {
  let debug = io.argv.includes('--debug');
  try {
    const given = parseOptions(io.argv);
    debug = given.debug;
    if (given.help) return await write(io.stdout, [usage], io.stderr);
    if (given.version) return await write(io.stdout, [`mailview ${pkg.version}\n`], io.stderr);
    const fileArgs = configFlags(given, io.env);
    return await view(fileArgs.length ? parseOptions(io.argv, fileArgs) : given, io);
  } catch (err) {
    return report(err, io.stderr, debug);
  }
}

async function view(options: Options, io: Io): Promise<number> {
  const pager = pagerCommand(options, io);
  // Asked once, before rendering: footnote markers become `#id` links only for a less that follows them.
  const less = pager === undefined ? undefined : lessVersion(pager, io.env);
  const caps = decideCapabilities(options, {
    env: io.env,
    stdoutIsTTY: io.stdout.isTTY === true,
    ...(io.stdout.columns ? { columns: io.stdout.columns } : {}),
    lessNavigates: lessNavigates(less),
  });
  const ctx = createContext(`mv${io.pid.toString(36)}${randomBytes(3).toString('hex')}`, options.unwrap, options.keepTracking);
  const inputs = await readInputs(options.sample ? sampleFiles(options.files, io.samplesDir) : options.files, io.stdin);
  const place: ViewPlace = { env: io.env, uid: io.uid ?? -1, platform: io.platform ?? 'linux' };
  if (options.browser) return openInBrowser(inputs[0]!, options, place).then(() => ExitCode.ok);
  // The header block links to a view file only where a click can open it: paged, hyperlinks on.
  const offer = pager !== undefined && caps.hyperlinks && options.viewLink ? offerView(place, io.hostname ?? '') : undefined;
  const rendered: Array<{ name: string; blocks: Iterable<Block> }> = [];
  // Parsed up front, so bad input fails before anything is written; laid out as it is written.
  for (const input of inputs) rendered.push({ name: input.name, blocks: await renderInput(input, { ...options, tz: io.env.TZ }, ctx, aercKind(io.env), offer) });
  const problems: string[] = [];
  const spec = pager === undefined ? undefined : pagerSpec(pager, less, io);
  const code = await show(allBlocks(rendered, ctx, problems), options, caps, io, spec, offer && (() => writeOffered(offer, options, place)));
  return code === ExitCode.ok ? reportProblems(problems, io.stderr) : code;
}

// Every input's blocks, a blank line between inputs; what each could not show is named after it.
function* allBlocks(rendered: ReadonlyArray<{ name: string; blocks: Iterable<Block> }>, ctx: RenderContext, problems: string[]): Generator<Block> {
  for (const [i, { name, blocks }] of rendered.entries()) {
    if (i > 0) yield blankBlock;
    const before = ctx.problems.length;
    yield* blocks;
    for (const p of ctx.problems.slice(before)) problems.push(`${name}: ${p}`);
  }
}

// The pager mailview will start, when it will start one; git's order: MAILVIEW_PAGER over the
// config file, the config file over PAGER.
function pagerCommand(options: Options, io: Io): string | undefined {
  // `pager = false` in the file yields to MAILVIEW_PAGER (environment over file); --no-pager to nothing.
  const noPager = options.noPager && !(options.fromFile.has('no-pager') && nonEmpty(io.env.MAILVIEW_PAGER) !== undefined);
  if (options.listLinks || !io.stdout.isTTY || noPager) return undefined;
  const file = options.fromFile.has('pager') ? options.pager : undefined;
  const given = options.fromFile.has('pager') ? undefined : options.pager;
  return given ?? nonEmpty(io.env.MAILVIEW_PAGER) ?? file ?? nonEmpty(io.env.PAGER) ?? 'less';
}

function pagerSpec(command: string, lessVersion: number | undefined, io: Io): PagerSpec {
  return { command, env: io.env, ...(lessVersion === undefined ? {} : { lessVersion }), ...(io.platform ? { platform: io.platform } : {}) };
}

async function show(blocks: Iterable<Block>, options: Options, caps: Capabilities, io: Io, pager?: PagerSpec, alongside?: () => Promise<void>): Promise<number> {
  if (options.listLinks) return write(io.stdout, [listLinks(Array.from(blocks))], io.stderr);
  // A link too long for a terminal's OSC 8 keeps its URL visible as a footnote even when the others are links.
  const nav = caps.lessNavigation;
  const text = emitted(caps.footnotes ? footnoted(blocks, nav) : caps.hyperlinks ? footnoted(blocks, nav, (r) => r.long === true) : blocks, caps);
  if (pager) {
    // Work for later (the browser view's file) runs while the pager shows the text.
    const settled = await Promise.allSettled([runPager(text, pager), alongside?.()]);
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    return ExitCode.ok;
  }
  return write(io.stdout, text, io.stderr);
}

// Wrapped and emitted a block at a time, handed on in 64 KiB pieces: neither the lines nor the
// text of a long mail ever all exist at once (issue 11: 1 M lines took 419 MiB as one string).
function* emitted(blocks: Iterable<Block>, caps: Capabilities): Generator<string> {
  let text = '';
  for (const block of blocks) {
    text += emitLines(wrapBlock(block, caps.width), caps);
    if (text.length >= 65536) {
      yield text;
      text = '';
    }
  }
  if (text) yield text;
}

// A part shown in a simpler form than intended: the output is complete, but exit 65 says the data was bad.
function reportProblems(problems: readonly string[], stderr: Writable): number {
  for (const p of problems) stderr.write(`mailview: ${neutralise(p)}\n`);
  return problems.length ? ExitCode.data : ExitCode.ok;
}

// The config file's settings as flags: --config FILE, else the default file when there is one.
function configFlags(options: Options, env: Io['env']): string[] {
  if (options.noConfig) return [];
  const path = options.config ?? configPath(env);
  return path === undefined ? [] : readConfig(path, options.config !== undefined);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value : undefined;
}

// aerc pipes one part to a filter, already converted to UTF-8, and names its type in AERC_MIME_TYPE
// (aerc-config(5), FILTERS): HTML that starts with text, or text that starts like a header, is still itself.
function aercKind(env: Io['env']): 'html' | 'text' | undefined {
  const type = env.AERC_MIME_TYPE?.trim().toLowerCase();
  return type === 'text/html' ? 'html' : type === 'text/plain' ? 'text' : undefined;
}

type RenderOptions = Options & { readonly tz: string | undefined };

async function renderInput(input: Input, options: RenderOptions, ctx: RenderContext, aerc?: 'html' | 'text', offer?: ViewOffer): Promise<Iterable<Block>> {
  const bytes = lineEnds(input.bytes);
  const kind = options.html ? 'html' : (aerc ?? detectKind(bytes));
  if (kind === null) throw new MailviewError(ExitCode.data, input.name, 'binary data, not a message, HTML or text');
  // The first HTML of the run gets the browser view's link, decided now: the file is written while paging.
  const offered = (html: () => boolean): Block[] => {
    if (!offer || offer.input || !html()) return [];
    offer.input = input;
    return [viewBlock(offer, ctx)];
  };
  if (kind === 'html') {
    const link = offered(() => true);
    const body = markDeceptiveLinks(renderHtmlSafely(aerc ? decodeText(bytes) : decodeHtml(bytes), ctx));
    return link.length ? [...link, blankBlock, ...body] : body;
  }
  if (kind === 'text') return deceptiveMarked(textBlocks(decodeText(bytes), ctx));
  const mails: Mail[] = [];
  for (const message of kind === 'mbox' ? splitMbox(bytes) : [bytes]) mails.push(await parseMail(message));
  const first = mails[0];
  return messagesBlocks(mails, options, ctx, first ? offered(() => hasHtml(first)) : []);
}

function* messagesBlocks(mails: readonly Mail[], options: RenderOptions, ctx: RenderContext, extra: readonly Block[]): Generator<Block> {
  for (const [i, mail] of mails.entries()) {
    if (i > 0) yield* [blankBlock, { kind: 'rule', spans: [], margins: [] }, blankBlock];
    yield* messageBlocks(mail, options, ctx, i === 0 ? extra : []);
  }
}

// number<TAB>URL<TAB>text, the numbers of the footnotes; no escapes at all. Links the policy does
// not follow (javascript:, file: …) are left out, their numbers skipped, so that the list is safe
// to hand to `xargs xdg-open`; a link too long for OSC 8 is listed (browsers open it).
function listLinks(blocks: readonly Block[]): string {
  const clean = (s: string) => neutralise(dropMarks(s)).replace(/\s+/g, ' ').trim();
  return collectLinks(blocks)
    .map((r, i) => (r.followed || r.long ? `${i + 1}\t${r.href}\t${clean(r.text)}\n` : ''))
    .join('');
}

// Pieces written as the stream takes them; a failed write (a full disk, a closed terminal) is
// one line on stderr and exit 74, a reader that went away (EPIPE) is success.
async function write(stream: Writable, pieces: Iterable<string>, stderr: Writable): Promise<number> {
  let failure: NodeJS.ErrnoException | undefined;
  const onError = (err: NodeJS.ErrnoException) => (failure ??= err);
  stream.on('error', onError);
  try {
    for (const piece of pieces) {
      const flushed = new Promise<void>((resolve) => stream.write(piece, (err) => (err && onError(err), resolve())));
      if (failure) break;
      // Waiting for each piece to be taken keeps one piece in memory at a time.
      await flushed;
      if (failure) break;
    }
  } finally {
    stream.off('error', onError);
  }
  if (!failure || failure.code === 'EPIPE') return ExitCode.ok;
  stderr.write(`mailview: write error: ${neutralise(failure.message)}\n`);
  return ExitCode.io;
}

// A stack trace quotes error messages, which may quote the mail: neutralised line by line.
function safeStack(stack: string): string {
  return `${stack.split('\n').map(neutralise).join('\n')}\n`;
}

function report(err: unknown, stderr: Writable, debug: boolean): number {
  if (err instanceof MailviewError) {
    stderr.write(`mailview: ${neutralise(err.what)}: ${neutralise(err.why)}\n`);
    if (debug && err.stack) stderr.write(safeStack(err.stack));
    return err.code;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`mailview: internal error: ${neutralise(message.split('\n')[0] ?? '')}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) stderr.write(safeStack(err.stack));
  return ExitCode.software;
}

function withSamples(dir: string | undefined): { samplesDir?: string } {
  return dir === undefined ? {} : { samplesDir: dir };
}

/** Run with the real process and set its exit code. */
export async function runCli(): Promise<void> {
  const stdout = process.stdout;
  // A reader that goes away (`mailview x | head`) is not an error.
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(ExitCode.ok);
  });
  // Last line of defence: an error thrown inside a library callback still ends as one line and 70.
  process.on('uncaughtException', (err) => {
    process.exitCode = report(err, process.stderr, process.argv.includes('--debug'));
    process.exit();
  });
  process.exitCode = await main({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdout,
    stderr: process.stderr,
    pid: process.pid,
    uid: process.getuid?.() ?? -1,
    hostname: hostname(),
    platform: process.platform,
    ...withSamples(samplesDirOf(process.argv[1])),
  });
}
