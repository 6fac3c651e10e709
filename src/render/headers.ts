import type { Block, Margin, Span, Style, TableCell } from '../document/document.js';
import type { Address, Attachment, Mail } from '../mime/types.js';
import { resolveLink } from '../links/links.js';
import { summariseTracking, type RemoteImage } from '../links/tracking.js';
import { BoundedMemo } from '../document/memo.js';
import { makeLink, type RenderContext } from '../links/context.js';
import { authSpans, displayNameWarning, foreignReplyTo, multipleFromWarning, replyToWarning } from '../trust/sender.js';

const nameStyle: Style = { bold: true };
const addressHeaders = new Set(['from', 'to', 'cc', 'bcc', 'reply-to', 'sender']);

/**
 * The header block: one wrapped block per requested field present in the message, the sender checks
 * (a Reply-To to another domain is shown even when not asked for) and results of `trusted` authserv-ids.
 */
export function renderHeaders(mail: Mail, names: readonly string[], ctx: RenderContext, trusted: readonly string[] = []): Block[] {
  if (names.length === 0) return [];
  const blocks: Block[] = [];
  // Read once: a field a mail may lack is a slow property to look up again for each name.
  const { repeated } = mail;
  for (const name of withSenderChecks(mail, everyField(mail, names), trusted.length > 0)) {
    if (name === authField) {
      const auth = authSpans(mail, trusted);
      if (auth.length) blocks.push(field('Auth', auth));
      continue;
    }
    if (!addressHeaders.has(name)) {
      // A field given twice (two Subjects, two Dates) is shown twice, each on its own line.
      for (const spans of textSpans(mail, name)) blocks.push(field(displayName(name), spans));
      continue;
    }
    const lists = repeated !== undefined && (name === 'to' || name === 'cc') ? repeated[name] : undefined;
    if (lists) {
      for (const list of lists) if (list.length) blocks.push(field(displayName(name), addressSpans(list, ctx)));
      continue;
    }
    const spans = addressSpans(addressesOf(mail, name), ctx, name === 'from');
    if (spans.length === 0) continue;
    const warning = name === 'reply-to' ? replyToWarning(mail) : name === 'from' ? multipleFromWarning(mail) : undefined;
    blocks.push(field(displayName(name), warning ? [...spans, warning] : spans));
  }
  const list = listSpans(mail, ctx);
  if (list.length) blocks.push(field('List', list));
  return blocks;
}

// `all` stands for every field of the message, in its order (a field named twice is shown once).
function everyField(mail: Mail, names: readonly string[]): readonly string[] {
  if (!names.includes('all')) return names;
  return [...new Set(names.flatMap((name) => (name === 'all' ? [...mail.headers.keys()] : [name])))];
}

function field(label: string, spans: Span[]): Block {
  return { kind: 'text', spans, margins: fieldMargins.get(label, labelMargins) };
}

// Every message of an mbox labels its fields alike: each label's margin is made once and shared.
const fieldMargins = new BoundedMemo<string, readonly Margin[]>(64);

function labelMargins(label: string): readonly Margin[] {
  return [{ kind: 'item', marker: `${label}: `, style: nameStyle }];
}

// Where the Auth line goes: a symbol, so that no header name a user gives can stand for it.
const authField: unique symbol = Symbol('auth');
type Field = string | typeof authField;

// After From: a Reply-To to another domain (worth a line even when not asked for), then the Auth line.
function withSenderChecks(mail: Mail, names: readonly string[], auth: boolean): readonly Field[] {
  const extra: Field[] = [];
  if (!names.includes('reply-to') && foreignReplyTo(mail).length > 0) extra.push('reply-to');
  if (auth) extra.push(authField);
  if (extra.length === 0) return names;
  const at = names.indexOf('from');
  return at < 0 ? [...names, ...extra] : [...names.slice(0, at + 1), ...extra, ...names.slice(at + 1)];
}

// RFC 2369 / RFC 5064: List-Unsubscribe, List-Archive and Archived-At as links a reader can click.
// A web address is preferred to a mailto: one (RFC 8058 one-click is a web address too).
function listSpans(mail: Mail, ctx: RenderContext): Span[] {
  // Most mails come through no list: none of the lists below is made for them.
  if (!listFields.some((name) => mail.headers.has(name))) return [];
  const targets: Array<[string, string[]]> = [
    ['Unsubscribe', urlsIn(mail, 'list-unsubscribe')],
    ['Archive', [...urlsIn(mail, 'list-archive'), ...urlsIn(mail, 'archived-at')]],
  ];
  const spans: Span[] = [];
  for (const [label, urls] of targets) {
    // A web address first, then any other the link policy follows (never a javascript: one).
    const ordered = [...urls.filter((u) => /^https?:/i.test(u)), ...urls.filter((u) => !/^https?:/i.test(u))];
    const url = ordered.find((u) => resolveLink(u)?.followed);
    if (url === undefined) continue;
    const link = makeLink(url, ctx);
    if (spans.length) spans.push({ text: ' · ' });
    // Past the message's link limit the address itself is shown, as a link's text is.
    spans.push(link ? { text: label, link } : { text: `${label} <${url}>` });
  }
  return spans;
}

const listFields = ['list-unsubscribe', 'list-archive', 'archived-at'];

function urlsIn(mail: Mail, name: string): string[] {
  const values = mail.headers.get(name) ?? [];
  return values.flatMap((v) => [...v.matchAll(/<([^>\s]+)>/g)].map((m) => m[1]!));
}

function addressesOf(mail: Mail, name: string): readonly Address[] {
  if (name === 'from') return mail.from;
  if (name === 'to') return mail.to;
  if (name === 'cc') return mail.cc;
  return (mail.headers.get(name) ?? []).map((text) => ({ name: text }));
}

function textSpans(mail: Mail, name: string): Span[][] {
  const out: Span[][] = [];
  for (const v of mail.headers.get(name) ?? []) {
    // A value whose only white space is single spaces (most are) is not copied by the replace.
    const text = (spacesToFold.test(v) ? v.replace(/\s+/g, ' ') : v).trim();
    if (text !== '') out.push([{ text }]);
  }
  return out;
}

const spacesToFold = /[^\S ]| {2}/;

// "Name <addr>" with the address a mailto: link; groups as "Group: a, b;".
// A From display name that names another domain than its address is flagged like a deceptive link.
function addressSpans(list: readonly Address[], ctx: RenderContext, checkName = false): Span[] {
  const spans: Span[] = [];
  list.forEach((a, i) => {
    if (i > 0) spans.push({ text: ', ' });
    spans.push(...oneAddress(a, ctx, checkName));
    const warning = checkName ? displayNameWarning(a) : undefined;
    if (warning) spans.push(warning);
  });
  return spans;
}

function oneAddress(a: Address, ctx: RenderContext, checkName: boolean): Span[] {
  if (a.group) return [{ text: `${a.name}: ` }, ...addressSpans(a.group, ctx, checkName), { text: ';' }];
  if (!a.address) return a.name ? [{ text: a.name }] : [];
  // RFC 6068: '?', '#' and '&' in an address would start header fields (`?bcc=`) of the mailto: URL.
  const link = makeLink(`mailto:${/[?#&%]/.test(a.address) ? a.address.replace(/[?#&%]/g, (c) => encodeURIComponent(c)) : a.address}`, ctx);
  const addr: Span = link ? { text: a.address, link } : { text: a.address };
  return a.name ? [{ text: `${phrase(a.name)} <` }, addr, { text: '>' }] : [addr];
}

// A display name holding the characters that separate mailboxes and groups is shown quoted, as it
// was sent: unquoted, `"Alice, Bob" <a@example.com>` would read as two people, and a name could
// forge the look of another mailbox. Periods stay bare (`John Q. Public`), as the obsolete syntax has them.
function phrase(name: string): string {
  return /[,;:<>"\\]/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : name;
}

// The same few names label every message of an mbox: each is spelled once (a mail's own field
// names, under --headers all, could be any number, so the table stays small).
const displayNames = new BoundedMemo<string, string>(64);

function displayName(name: string): string {
  return displayNames.get(name, spelled);
}

function spelled(name: string): string {
  if (name === 'cc') return 'Cc';
  return name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

/** The tracking notice: one dim line saying which open-tracking images the HTML holds (none is loaded). */
export function renderTrackingNotice(images: readonly RemoteImage[]): Block[] {
  const summary = summariseTracking(images);
  const dim: Style = { dim: true };
  return summary === undefined ? [] : [{ kind: 'text', spans: [{ text: summary, style: dim }], margins: [{ kind: 'item', marker: 'Tracking: ', style: dim }] }];
}

/**
 * The attachment list: number, file name, type, human size; in aligned columns when they fit the
 * width, else one wrapped line each.
 */
export function renderAttachments(list: readonly Attachment[]): Block[] {
  if (list.length === 0) return [];
  const number = (i: number) => `${String(i + 1).padStart(String(list.length).length)}.`;
  // A text part holding binary data says so: its type alone would promise text.
  const fields = list.map((a) => [a.filename ?? '(no name)', `${a.contentType}${a.binary ? '  binary data' : ''}`, humanSize(a.size)]);
  const lines: Block[] = fields.map((f, i) => ({ kind: 'text', spans: [{ text: f.join('  ') }], margins: [{ kind: 'item', marker: `${number(i).padStart(3)} ` }] }));
  // The numbers are as wide as the last one, so each stays in the name's column.
  const cell = (text: string): TableCell => ({ blocks: [{ kind: 'text', spans: [{ text }], margins: [] }], span: 1 });
  const rows = fields.map(([name, ...rest], i) => ({ cells: [`${number(i)} ${name}`, ...rest].map(cell), header: false }));
  const table: Block = { kind: 'table', spans: [], margins: [{ kind: 'indent', width: list.length < 10 ? 1 : 0 }], rows, otherwise: lines };
  return [{ kind: 'text', spans: [{ text: 'Attachments:', style: nameStyle }], margins: [] }, table];
}

/** Bytes in binary units, as ls -h does: 512 B, 1.5 KiB, 12 MiB. */
export function humanSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1);
  return `${shown} ${units[unit]}`;
}
