// One input read once: told for what it is and parsed, so that the terminal view, --list-links and
// the browser view are all made from the same result.
import { ExitCode, MailviewError } from '../document/errors.js';
import { boundaryOf, decodeHtml, decodeText, detectKind, inputLineEnds, mbox, skipPreamble, wholeInput, type Input, type InputKind, type StatedKind } from '../input/input.js';
import { parseMail, parseMailAtOnce } from './mail.js';
import type { Mail } from './types.js';

/** An input as parsed: bare HTML, headerless text, or the messages of a message or an mbox. */
export type Parsed =
  | { readonly name: string; readonly kind: 'html'; readonly html: string }
  | { readonly name: string; readonly kind: 'text'; readonly text: string }
  | {
      readonly name: string;
      readonly kind: 'mail';
      readonly mails: readonly Mail[];
      /** The rest of an mbox, parsed a few messages at a time as it is asked for. */
      readonly more?: AsyncIterator<ReadonlyArray<Mail | MailviewError>>;
      /** How many messages there are in all, `mails` and `more` together. */
      readonly count: number;
    };

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
export async function parseInput(given: Input, settings: ReadSettings): Promise<Parsed> {
  const input = inputLineEnds(given);
  const kind: InputKind | null = settings.html ? 'html' : (settings.stated?.kind ?? detectKind(input.bytes));
  const { name } = input;
  if (kind === null) throw new MailviewError(ExitCode.data, name, 'binary data, not a message, HTML or text');
  // A single message is parsed as it is read (its attachments are counted, never held); the other
  // kinds are read whole.
  if (kind === 'message') return { name, kind: 'mail', mails: [await parseMail(input, { keepRelated: settings.keepRelated })], count: 1 };
  const bytes = await wholeInput(input);
  if (kind === 'html') return { name, kind, html: settings.utf8 ? decodeText(bytes) : decodeHtml(bytes) };
  if (kind === 'text') return { name, kind, text: decodeText(bytes) };
  if (kind === 'calendar') return { name, kind: 'mail', mails: [bareCalendar(bytes)], count: 1 };
  if (kind === 'multipart') return { name, kind: 'mail', mails: [await multipartBody(bytes, name, settings)], count: 1 };
  // An mbox is parsed a message at a time as it is shown, so memory does not grow with the number
  // of messages; the first is parsed now, so that a broken one fails before anything is written.
  const { count, messages } = mbox(bytes);
  const first = messages.next();
  if (first.done) return { name, kind: 'mail', mails: [], count: 0 };
  const mails = [await parseMail(first.value, { keepRelated: settings.keepRelated })];
  return { name, kind: 'mail', mails, count, more: later(messages, settings.keepRelated) };
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
  // Read as detectKind reads it (a BOM or blank lines before the boundary line skipped), and given
  // to the parser without them, so that its first delimiter line is one.
  const head = bytes.subarray(0, 4096).toString('latin1');
  const start = skipPreamble(head);
  const boundary = boundaryOf(start, true);
  if (boundary === undefined) throw new MailviewError(ExitCode.data, name, 'a multipart body must start with its boundary line (--BOUNDARY)');
  const subtype = settings.stated?.subtype ?? 'mixed';
  const section = Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/${subtype}; boundary="${boundary}"\r\n\r\n`, 'latin1');
  const mail = await parseMail(Buffer.concat([section, bytes.subarray(head.length - start.length)]), { keepRelated: settings.keepRelated });
  return { ...mail, ...noHeaders };
}

// At most this many messages, of at most this many bytes in all (so that a batch of large ones
// is not held at once), are parsed between two turns of the event loop.
const batchMessages = 32;
const batchBytes = 1024 * 1024;

// The rest of an mbox in batches; a later message that cannot be parsed is said in its place, and
// the messages after it still follow.
async function* later(messages: Iterator<Buffer>, keepRelated: boolean): AsyncGenerator<Array<Mail | MailviewError>> {
  let batch: Array<Mail | MailviewError> = [];
  let bytes = 0;
  for (let next = messages.next(); !next.done; next = messages.next()) {
    // Parsing and showing a message need not wait on the event loop, so without a turn now and
    // then a whole mbox would run in one turn of it, and V8's own tasks (incremental marking,
    // scheduled scavenges), which Node runs only between turns, would wait until the end: the
    // heap grew ~20 MB more. A turn every few short messages is enough for them; one after each
    // message was a turn of the loop (and its idle poll) 40,000 times over in an mbox of 40,000.
    // The messages between two turns are handed on together: each hand-over is a few promises.
    if (batch.length >= batchMessages || bytes >= batchBytes) {
      yield batch;
      batch = [];
      bytes = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
    bytes += next.value.length;
    try {
      // Most messages of an mbox are read at once; only the others wait on the parser's streams.
      const now = parseMailAtOnce(next.value, { keepRelated });
      batch.push(now || (await parseMail(next.value, { keepRelated, ...(now === false ? { wholeParser: true } : {}) })));
    } catch (err) {
      batch.push(err instanceof MailviewError ? err : new MailviewError(ExitCode.data, 'cannot parse message', 'the MIME parser gave up on it'));
    }
  }
  if (batch.length) yield batch;
}
