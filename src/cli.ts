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
import { addFootnotes, collectLinks } from './footnotes.js';
import { decodeHtml, decodeText, detectKind, readInputs, splitMbox, type Input } from './input.js';
import { parseMail } from './mail.js';
import { dropMarks } from './marks.js';
import { parseOptions, usage, type Options } from './options.js';
import { lessNavigates, lessVersion, runPager, type PagerSpec } from './pager.js';
import { createContext, type RenderContext } from './render/context.js';
import { markDeceptiveLinks } from './render/deceptive.js';
import { renderMessage } from './render/message.js';
import { renderHtmlSafely } from './render/safe-html.js';
import { renderText } from './render/text.js';
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
    if (given.help) return await write(io.stdout, usage);
    if (given.version) return await write(io.stdout, `mailview ${pkg.version}\n`);
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
  const blocks: Block[] = [];
  const problems: string[] = [];
  for (const input of inputs) {
    if (blocks.length) blocks.push(blankBlock);
    const before = ctx.problems.length;
    // Not push(...): spreading 150 000 blocks (a long log) overflows the stack.
    for (const block of await renderInput(input, { ...options, tz: io.env.TZ }, ctx, aercKind(io.env), offer)) blocks.push(block);
    problems.push(...ctx.problems.slice(before).map((p) => `${input.name}: ${p}`));
  }
  const spec = pager === undefined ? undefined : pagerSpec(pager, less, io);
  const code = await show(blocks, options, caps, io, spec, offer && (() => writeOffered(offer, options, place)));
  return code === ExitCode.ok ? reportProblems(problems, io.stderr) : code;
}

// The pager mailview will start, when it will start one; git's order: MAILVIEW_PAGER over the
// config file, the config file over PAGER.
function pagerCommand(options: Options, io: Io): string | undefined {
  if (options.listLinks || !io.stdout.isTTY || options.noPager) return undefined;
  const file = options.fromFile.has('pager') ? options.pager : undefined;
  const given = options.fromFile.has('pager') ? undefined : options.pager;
  return given ?? nonEmpty(io.env.MAILVIEW_PAGER) ?? file ?? nonEmpty(io.env.PAGER) ?? 'less';
}

function pagerSpec(command: string, lessVersion: number | undefined, io: Io): PagerSpec {
  return { command, env: io.env, ...(lessVersion === undefined ? {} : { lessVersion }), ...(io.platform ? { platform: io.platform } : {}) };
}

async function show(blocks: Block[], options: Options, caps: Capabilities, io: Io, pager?: PagerSpec, alongside?: () => Promise<void>): Promise<number> {
  if (options.listLinks) return write(io.stdout, listLinks(blocks));
  // A link too long for a terminal's OSC 8 keeps its URL visible as a footnote even when the others are links.
  const nav = caps.lessNavigation;
  const doc = { blocks: caps.footnotes ? addFootnotes(blocks, nav) : caps.hyperlinks ? addFootnotes(blocks, nav, (r) => r.long === true) : blocks };
  // Wrapped and emitted a block at a time: the lines of a long mail never all exist at once.
  let text = '';
  for (const block of doc.blocks) text += emitLines(wrapBlock(block, caps.width), caps);
  if (pager) {
    // Work for later (the browser view's file) runs while the pager shows the text.
    const settled = await Promise.allSettled([runPager(text, pager), alongside?.()]);
    for (const s of settled) if (s.status === 'rejected') throw s.reason;
    return ExitCode.ok;
  }
  return write(io.stdout, text);
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

async function renderInput(input: Input, options: Options & { readonly tz: string | undefined }, ctx: RenderContext, aerc?: 'html' | 'text', offer?: ViewOffer): Promise<Block[]> {
  const kind = options.html ? 'html' : (aerc ?? detectKind(input.bytes));
  if (kind === null) throw new MailviewError(ExitCode.data, input.name, 'binary data, not a message, HTML or text');
  // The first HTML of the run gets the browser view's link.
  const offered = (html: () => boolean): Block[] => {
    if (!offer || offer.input || !html()) return [];
    offer.input = input;
    return [viewBlock(offer, ctx)];
  };
  if (kind === 'html') {
    const link = offered(() => true);
    const body = markDeceptiveLinks(renderHtmlSafely(aerc ? decodeText(input.bytes) : decodeHtml(input.bytes), ctx));
    return link.length ? [...link, blankBlock, ...body] : body;
  }
  if (kind === 'text') return markDeceptiveLinks(renderText(decodeText(input.bytes), ctx));
  const raw = kind === 'mbox' ? splitMbox(input.bytes) : [input.bytes];
  const blocks: Block[] = [];
  for (const bytes of raw) {
    if (blocks.length) blocks.push(blankBlock, { kind: 'rule', spans: [], margins: [] }, blankBlock);
    const mail = await parseMail(bytes);
    for (const block of renderMessage(mail, options, ctx, offered(() => blocks.length === 0 && hasHtml(mail)))) blocks.push(block);
  }
  return blocks;
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

function write(stream: Writable, text: string): Promise<number> {
  return new Promise((resolve) => {
    const done = (err?: Error | null) => {
      const code = (err as NodeJS.ErrnoException | null | undefined)?.code;
      resolve(!err || code === 'EPIPE' ? ExitCode.ok : ExitCode.io);
    };
    stream.once('error', done);
    stream.write(text, (err) => done(err));
  });
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
