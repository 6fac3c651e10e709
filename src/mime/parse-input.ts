// One input read once: told for what it is and parsed, so that the terminal view, --list-links and
// the browser view are all made from the same result.
import { ExitCode, MailviewError } from '../document/errors.js';
import { decodeHtml, decodeText, detectKind, inputLineEnds, mboxMessages, wholeInput, type Input } from '../input/input.js';
import { parseMail } from './mail.js';
import type { Mail } from './types.js';

/** An input as parsed: bare HTML, headerless text, or the messages of a message or an mbox. */
export type Parsed =
  | { readonly name: string; readonly kind: 'html'; readonly html: string }
  | { readonly name: string; readonly kind: 'text'; readonly text: string }
  | { readonly name: string; readonly kind: 'mail'; readonly mails: readonly Mail[]; readonly more?: AsyncIterator<Mail | MailviewError> };

/** How to read an input. */
export interface ReadSettings {
  /** --html: the input is HTML whatever it looks like. */
  readonly html: boolean;
  /** The type aerc names for the part it pipes (already UTF-8), when it names one we show. */
  readonly aerc?: 'html' | 'text' | undefined;
  /** Keep the bytes of cid: images, for a browser view of this input. */
  readonly keepRelated: boolean;
}

/** Tell what an input is and parse it. */
export async function parseInput(given: Input, settings: ReadSettings): Promise<Parsed> {
  const input = inputLineEnds(given);
  const kind = settings.html ? 'html' : (settings.aerc ?? detectKind(input.bytes));
  if (kind === null) throw new MailviewError(ExitCode.data, input.name, 'binary data, not a message, HTML or text');
  // A single message is parsed as it is read (its attachments are counted, never held); the other
  // kinds are read whole.
  if (kind === 'message') return { name: input.name, kind: 'mail', mails: [await parseMail(input, { keepRelated: settings.keepRelated })] };
  const bytes = await wholeInput(input);
  if (kind === 'html') return { name: input.name, kind, html: settings.aerc ? decodeText(bytes) : decodeHtml(bytes) };
  if (kind === 'text') return { name: input.name, kind, text: decodeText(bytes) };
  // An mbox is parsed a message at a time as it is shown, so memory does not grow with the number
  // of messages; the first is parsed now, so that a broken one fails before anything is written.
  const messages = mboxMessages(bytes);
  const first = messages.next();
  if (first.done) return { name: input.name, kind: 'mail', mails: [] };
  const mails = [await parseMail(first.value, { keepRelated: settings.keepRelated })];
  return { name: input.name, kind: 'mail', mails, more: later(messages, settings.keepRelated) };
}

// A later message that cannot be parsed is said in its place; the messages after it still follow.
async function* later(messages: Iterator<Buffer>, keepRelated: boolean): AsyncGenerator<Mail | MailviewError> {
  for (let next = messages.next(); !next.done; next = messages.next()) {
    try {
      yield await parseMail(next.value, { keepRelated });
    } catch (err) {
      yield err instanceof MailviewError ? err : new MailviewError(ExitCode.data, 'cannot parse message', String(err));
    }
  }
}
