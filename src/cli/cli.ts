// The only code that touches `process`: argv, env, the config file and stdio become options and
// capabilities; the pipeline runs once over the inputs (read, parse, render, show); errors become
// one line and a sysexits code.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Readable, Writable } from 'node:stream';
import pkg from '../../package.json' with { type: 'json' };
import { blankBlock, type Block } from '../document/document.js';
import { ExitCode, MailviewError } from '../document/errors.js';
import { neutralise } from '../document/terminal.js';
import { readInputs, kindOfType, type StatedKind } from '../input/input.js';
import { createContext, type RenderContext } from '../links/context.js';
import { parseInput, type Parsed } from '../mime/parse-input.js';
import { hasHtml, offerView, openInBrowser, viewBlock, writeOffered, type ViewOffer, type ViewPlace } from '../output/browser-view.js';
import { lessNavigates, lessVersion, type PagerSpec } from '../output/pager.js';
import { show, write } from '../output/show.js';
import { parsedBlocks } from '../render/parsed.js';
import { decideCapabilities } from './capabilities.js';
import { configPath, readConfig } from './config.js';
import { parseOptions, usage, type Options } from './options.js';
import { sampleFiles, samplesDirOf } from './samples.js';

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
  /** Where the bundled samples are (examples/ of the installed package), for --sample: asked only then. */
  readonly samplesDir?: () => string | undefined;
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
  const place: ViewPlace = { env: io.env, uid: io.uid ?? -1, platform: io.platform ?? 'linux' };
  // The header block links to a view file only where a click can open it: paged, hyperlinks on.
  const offer = pager !== undefined && caps.hyperlinks && options.viewLink ? offerView(place, io.hostname ?? '') : undefined;
  const aerc = aercKind(io.env);
  const stated = options.type ?? aerc;
  const settings = { html: options.html, stated, utf8: stated !== undefined && stated === aerc, keepRelated: options.browser || offer !== undefined };
  const inputs = await readInputs(options.sample ? sampleFiles(options.files, io.samplesDir?.()) : options.files, io.stdin);
  // Each input is read and parsed once; every output below is made from that.
  const parsed: Parsed[] = [];
  // Taken out of the list as each is parsed: a message's bytes are not held while it is shown.
  for (let input = inputs.shift(); input; input = inputs.shift()) parsed.push(await parseInput(input, settings));
  if (options.browser) return openInBrowser(parsed[0]!, options, place).then(() => ExitCode.ok);
  const rendered: Array<{ name: string; blocks: Iterable<Block> }> = [];
  // Rendered up front, so bad input fails before anything is written; laid out as it is written.
  for (const p of parsed) rendered.push({ name: p.name, blocks: parsedBlocks(p, { ...options, tz: io.env.TZ }, ctx, offered(offer, p, ctx)) });
  const problems: string[] = [];
  const code = await show(allBlocks(rendered, ctx, problems), caps, {
    stdout: io.stdout,
    stderr: io.stderr,
    pager: pager === undefined ? undefined : pagerSpec(pager, less, io, caps.styles && (caps.linkStyle === 'underline' || caps.linkStyle === 'both')),
    alongside: offer && (() => writeOffered(offer, options, place)),
    listLinks: options.listLinks,
  });
  return code === ExitCode.ok ? reportProblems(problems, io.stderr) : code;
}

// The first input with HTML gets the browser view's link; its page is written while paging.
function offered(offer: ViewOffer | undefined, parsed: Parsed, ctx: RenderContext): Block[] {
  if (!offer || offer.parsed || !hasHtml(parsed)) return [];
  offer.parsed = parsed;
  return [viewBlock(offer, ctx)];
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

function pagerSpec(command: string, lessVersion: number | undefined, io: Io, underlinesLinks: boolean): PagerSpec {
  return { command, env: io.env, underlinesLinks, ...(lessVersion === undefined ? {} : { lessVersion }), ...(io.platform ? { platform: io.platform } : {}) };
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
function aercKind(env: Io['env']): StatedKind | undefined {
  const type = env.AERC_MIME_TYPE?.trim().toLowerCase() ?? '';
  return ['text/html', 'text/plain', 'text/calendar', 'application/ics'].includes(type) ? kindOfType(type) : undefined;
}

// A stack trace quotes error messages, which may quote the mail: neutralised line by line.
function safeStack(stack: string): string {
  return `${stack.split('\n').map(neutralise).join('\n')}\n`;
}

function report(err: unknown, stderr: Writable, debug: boolean): number {
  if (err instanceof MailviewError) {
    // An error whose `what` says it all has no `why`.
    stderr.write(`mailview: ${neutralise(err.what)}${err.why === '' ? '' : `: ${neutralise(err.why)}`}\n`);
    if (debug && err.stack) stderr.write(safeStack(err.stack));
    return err.code;
  }
  // JavaScript's own words (a TypeError's message, a stack) only with --debug: they help a bug
  // report, not a reader.
  if (!debug) {
    stderr.write('mailview: internal error (run with --debug for details)\n');
    return ExitCode.software;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`mailview: internal error: ${neutralise(message.split('\n')[0] ?? '')}\n`);
  if (err instanceof Error && err.stack) stderr.write(safeStack(err.stack));
  return ExitCode.software;
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
    // Resolving the script's links takes a realpath walk: a run without --sample does none of it.
    samplesDir: () => samplesDirOf(process.argv[1]),
  });
}
