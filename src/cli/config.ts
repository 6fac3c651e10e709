// The only importer of smol-toml: the config file (TOML) → the flags it stands for. The keys are
// derived from the flags table of options.ts, so a new option gets its key without code here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as Toml from 'smol-toml';
import { ExitCode, MailviewError } from '../document/errors.js';
import { flags, nearestFlag, notInConfig, parseOptions } from './options.js';

// Loaded only when there is a file to parse: a run without one never sets the parser up.
let toml: typeof Toml | undefined;
const loadToml = (): typeof Toml => require('smol-toml') as typeof Toml;

/** How one key of the file maps to flags: a value flag, and a switch turning it on or off. */
export interface ConfigKey {
  /** The flag that takes the key's string (or whole number) value. */
  readonly value?: string;
  /** The boolean flag that `key = true` gives. */
  readonly on?: string;
  /** The boolean flag that `key = false` gives (`no-pager` for `pager = false`). */
  readonly off?: string;
}

/** Every key of the config file: a flag's name, with `no-X` switches as `X = false`. */
export function configKeys(): ReadonlyMap<string, ConfigKey> {
  const keys = new Map<string, ConfigKey>();
  for (const [name, spec] of Object.entries(flags)) {
    if (notInConfig.has(name)) continue;
    const negated = spec.type === 'boolean' && name.startsWith('no-');
    const key = negated ? name.slice(3) : name;
    const role = spec.type === 'string' ? 'value' : negated ? 'off' : 'on';
    keys.set(key, { ...keys.get(key), [role]: name });
  }
  return keys;
}

/** Where the config file is: `$XDG_CONFIG_HOME/mailview/config.toml`, else under `~/.config`. */
export function configPath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CONFIG_HOME;
  // XDG Base Directory: a relative path is invalid and ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : env.HOME ? join(env.HOME, '.config') : undefined;
  return base === undefined ? undefined : join(base, 'mailview', 'config.toml');
}

/**
 * The config file's settings as flags for parseOptions. A missing default file is no settings; a
 * named one (`--config`) must exist. Anything wrong is one MailviewError(78) naming file and line.
 */
export function readConfig(path: string, required: boolean): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return [];
    throw new MailviewError(ExitCode.config, path, code === 'ENOENT' ? 'no such file' : `cannot read: ${code ?? (err as Error).message}`);
  }
  return configArgs(text, path);
}

/** The flags a config file's text stands for; `path` names the file in errors. */
export function configArgs(text: string, path: string): string[] {
  const keys = configKeys();
  const fail = (key: string, why: string): never => {
    throw new MailviewError(ExitCode.config, `${path}${lineOf(text, key)}`, `${key}: ${why}`);
  };
  const entries = Object.entries(parseToml(text, path)).map(([key, value]) => {
    const spec = keys.get(key) ?? fail(key, `unknown key${keyHint(key, value, keys)} (see mailview(1), CONFIG FILE)`);
    return { key, flag: flagFor(spec, value) ?? fail(key, `expects ${valueKinds(spec)}, not ${describe(value)}`) };
  });
  const args = entries.flatMap((e) => e.flag);
  // The values are checked as options.ts checks flags: all at once, then one by one to name the bad one.
  if (badValue(args) === undefined) return args;
  for (const { key, flag } of entries) {
    const why = badValue(flag);
    if (why !== undefined) fail(key, why);
  }
  return args;
}

// A key written as the command line's switch gets the file's form of it: `no-pager = true` is
// `pager = false`; a switch that has no key says so; a misspelt key gets the nearest one.
function keyHint(key: string, value: unknown, keys: ReadonlyMap<string, ConfigKey>): string {
  const base = key.startsWith('no-') ? key.slice(3) : undefined;
  if (base !== undefined && keys.get(base)?.off) return `; write ${base} = ${value === false ? 'true' : 'false'}`;
  if (key === 'colour') return '; write color';
  if (notInConfig.has(key)) return `: --${key} is for the command line only`;
  const near = nearestFlag(key, [...keys.keys()]);
  return near === undefined ? '' : `; did you mean ${near}?`;
}

// options.ts words it for the command line: "--width expects …" becomes "expects …".
function badValue(args: readonly string[]): string | undefined {
  try {
    parseOptions(args);
    return undefined;
  } catch (err) {
    // Anything else is a bug of ours, in JavaScript words: the reader is told only that the value is bad.
    return err instanceof MailviewError ? err.why.replace(/^--[\w-]+ /, '') : 'is not a value it takes';
  }
}

function parseToml(text: string, path: string): Record<string, unknown> {
  toml ??= loadToml();
  try {
    return toml.parse(text);
  } catch (err) {
    const line = err instanceof toml.TomlError ? `:${err.line}` : '';
    // smol-toml's message is "Invalid TOML document: WHY" and then the quoted lines.
    const why = ((err as Error).message.split('\n')[0] ?? '').replace(/^Invalid TOML document: /, '');
    throw new MailviewError(ExitCode.config, `${path}${line}`, `not valid TOML: ${why}`);
  }
}

// `--name=value` in one argument, so that a value starting with `-` is not read as a flag.
function flagFor(spec: ConfigKey, value: unknown): string[] | undefined {
  if (typeof value === 'boolean') {
    if (value && spec.on) return [`--${spec.on}`];
    if (!value && spec.off) return [`--${spec.off}`];
    // The switch's default: `pager = true` asks for what happens anyway.
    return spec.on || spec.off ? [] : undefined;
  }
  if (spec.value && (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)))) return [`--${spec.value}=${value}`];
  return undefined;
}

function valueKinds(spec: ConfigKey): string {
  const kinds = [spec.value ? 'a string or a whole number' : '', spec.on || spec.off ? 'true or false' : ''];
  return kinds.filter(Boolean).join(' or ');
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object' && value !== null) return 'a table';
  return typeof value === 'string' ? `'${value}'` : String(value);
}

// smol-toml gives no positions for keys, so the line is found in the text: the first line that
// starts with the key (bare or quoted) before `=` or `.`, or a `[key]` table header.
function lineOf(text: string, key: string): string {
  const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const at = new RegExp(`^\\s*(?:\\[\\s*)?(?:${name}|"${name}"|'${name}')\\s*[=.\\]]`);
  const index = text.split(/\r?\n/).findIndex((line) => at.test(line));
  return index < 0 ? '' : `:${index + 1}`;
}
