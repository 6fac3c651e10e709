// One input read once: told for what it is and parsed, so that the terminal view, --list-links and
// the browser view are all made from the same result.
import { ExitCode, MailviewError } from '../document/errors.js';
import { boundaryOf, decodeHtml, decodeText, detectKind, lineEnds, splitMbox, type Input, type InputKind, type StatedKind } from '../input/input.js';
import { parseMail } from './mail.js';
import type { Mail } from './types.js';

/** An input as parsed: bare HTML, headerless text, or the messages of a message or an mbox. */
export type Parsed =
  | { readonly name: string; readonly kind: 'html'; readonly html: string }
  | { readonly name: string; readonly kind: 'text'; readonly text: string }
  | { readonly name: string; readonly kind: 'mail'; readonly mails: readonly Mail[] };

/** How to read an input. */
export interface ReadSettings {
  /** --html: the input is HTML whatever it looks like. */
  readonly html: boolean;
  /** What --type (or aerc's AERC_MIME_TYPE, then already UTF-8) says the input is. */
  readonly stated?: StatedKind | undefined;
  /** The stated input is aerc's part, already decoded to UTF-8. */
  readonly utf8?: boolean;
  /** Keep the bytes of cid: images, for a browser view of this input. */
  readonly keepRelated: boolean;
}

/** Tell what an input is and parse it. */
export async function parseInput(input: Input, settings: ReadSettings): Promise<Parsed> {
  const bytes = lineEnds(input.bytes);
  const kind: InputKind | null = settings.html ? 'html' : (settings.stated?.kind ?? detectKind(bytes));
  const { name } = input;
  if (kind === null) throw new MailviewError(ExitCode.data, name, 'binary data, not a message, HTML or text');
  if (kind === 'html') return { name, kind, html: settings.utf8 ? decodeText(bytes) : decodeHtml(bytes) };
  if (kind === 'text') return { name, kind, text: decodeText(bytes) };
  if (kind === 'calendar') return { name, kind: 'mail', mails: [bareCalendar(bytes)] };
  if (kind === 'multipart') return { name, kind: 'mail', mails: [await multipartBody(bytes, name, settings)] };
  const mails: Mail[] = [];
  for (const message of kind === 'mbox' ? splitMbox(bytes) : [bytes]) mails.push(await parseMail(message, { keepRelated: settings.keepRelated }));
  return { name, kind: 'mail', mails };
}

const noHeaders = { headers: new Map(), from: [], to: [], cc: [] } as const;

// An iCalendar file on its own (mutt's view-attach, aerc's filter) is shown as the calendar part of
// a message would be; RFC 5545 3.1.4 makes it UTF-8.
function bareCalendar(bytes: Buffer): Mail {
  const attachment = { contentType: 'text/calendar', size: bytes.length, related: false };
  return { ...noHeaders, root: { kind: 'calendar', text: decodeText(bytes).toWellFormed(), attachment }, problems: [] };
}

// A multipart body without its header section: the boundary is its first line's. The header
// section given to the parser is ours, so none of it is shown as the sender's.
async function multipartBody(bytes: Buffer, name: string, settings: ReadSettings): Promise<Mail> {
  const start = bytes.subarray(0, 4096).toString('latin1').replace(/^([ \t]*\r?\n)+/, '');
  const boundary = boundaryOf(start, true);
  if (boundary === undefined) throw new MailviewError(ExitCode.data, name, 'a multipart body must start with its boundary line (--BOUNDARY)');
  const subtype = settings.stated?.subtype ?? 'mixed';
  const head = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n`, 'latin1');
  const mail = await parseMail(Buffer.concat([head, bytes]), { keepRelated: settings.keepRelated });
  return { ...mail, ...noHeaders };
}
