// One input read once: told for what it is and parsed, so that the terminal view, --list-links and
// the browser view are all made from the same result.
import { ExitCode, MailviewError } from '../document/errors.js';
import { decodeHtml, decodeText, detectKind, lineEnds, splitMbox, type Input } from '../input/input.js';
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
  /** The type aerc names for the part it pipes (already UTF-8), when it names one we show. */
  readonly aerc?: 'html' | 'text' | undefined;
  /** Keep the bytes of cid: images, for a browser view of this input. */
  readonly keepRelated: boolean;
}

/** Tell what an input is and parse it. */
export async function parseInput(input: Input, settings: ReadSettings): Promise<Parsed> {
  const bytes = lineEnds(input.bytes);
  const kind = settings.html ? 'html' : (settings.aerc ?? detectKind(bytes));
  if (kind === null) throw new MailviewError(ExitCode.data, input.name, 'binary data, not a message, HTML or text');
  if (kind === 'html') return { name: input.name, kind, html: settings.aerc ? decodeText(bytes) : decodeHtml(bytes) };
  if (kind === 'text') return { name: input.name, kind, text: decodeText(bytes) };
  const mails: Mail[] = [];
  for (const message of kind === 'mbox' ? splitMbox(bytes) : [bytes]) mails.push(await parseMail(message, { keepRelated: settings.keepRelated }));
  return { name: input.name, kind: 'mail', mails };
}
