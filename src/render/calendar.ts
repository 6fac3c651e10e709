// Calendar parts (text/calendar, application/ics) as a block after the body: what the invitation is,
// when in the reader's time zone, where, who, and the description as text.
import { parseCalendar, type Calendar, type CalendarEvent, type Participant } from '../calendar/calendar.js';
import { blankBlock, type Block, type Margin, type Span, type Style } from '../document/document.js';
import type { Attachment } from '../mime/types.js';
import { readerTimeZone } from '../calendar/time-zones.js';
import { describeExceptions, describeRecurrence, describeTime, describeWhen } from './calendar-time.js';
import { makeLink, type RenderContext } from '../links/context.js';
import { renderHtmlSafely } from './safe-html.js';
import { renderText } from './text.js';

/** A calendar part's text and the part it came in. */
export interface CalendarPart {
  readonly text: string;
  readonly attachment: Attachment;
}

const nameStyle: Style = { bold: true };
const dimStyle: Style = { dim: true };
const markerWidth = 11;
/** Larger calendar text is not parsed (a whole exported calendar, or a hostile one). */
export const maxCalendarChars = 4 * 1024 * 1024;

/**
 * Each calendar part as its own section, times in the zone `tz` (the TZ variable) names; a part
 * identical to one before it (Google sends two) once. A section's events are rendered as they are
 * read, so a calendar of ten thousand events never has all its blocks at once.
 */
export function renderCalendars(parts: readonly CalendarPart[], tz: string | undefined, ctx: RenderContext): Array<Iterable<Block>> {
  if (parts.length === 0) return [];
  const seen = new Set<string>();
  const sections: Array<Iterable<Block>> = [];
  // Resolved only here: the first Intl.DateTimeFormat of a run sets up ICU's zones (tens of ms).
  const reader = readerTimeZone(tz);
  for (const part of parts) {
    const key = part.text.replace(/\r\n?/g, '\n').trim();
    if (seen.has(key)) continue;
    seen.add(key);
    sections.push(renderCalendarPart(part, reader, ctx));
  }
  return sections;
}

function renderCalendarPart(part: CalendarPart, zone: string, ctx: RenderContext): Iterable<Block> {
  const what = part.attachment.filename ? `the calendar part ${part.attachment.filename}` : 'the calendar part';
  let reason: string;
  if (part.text.length > maxCalendarChars) reason = `is too large to read (over ${maxCalendarChars / 1024 / 1024} MiB)`;
  else if (part.text.trim() === '') reason = 'is empty';
  else {
    try {
      const calendar = parseCalendar(part.text);
      // What was clamped to keep the work bounded is said above the events and in the exit code.
      for (const notice of calendar.notices) ctx.problems.push(`${what}: ${notice}`);
      return withNotices(calendar, what, zone, ctx);
    } catch (err) {
      reason = `could not be read: ${err instanceof Error && 'why' in err ? String(err.why) : 'unreadable'}`;
    }
  }
  ctx.problems.push(`${what} ${reason}`);
  return [warnBlock(`[mailview: ${what} ${reason}]`)];
}

function* withNotices(calendar: Calendar, what: string, zone: string, ctx: RenderContext): Generator<Block> {
  for (const notice of calendar.notices) yield warnBlock(`[mailview: ${what}: ${notice}]`);
  yield* calendarBlocks(calendar, zone, ctx);
}

function warnBlock(text: string): Block {
  return { kind: 'text', spans: [{ text, style: { warn: true } }], margins: [] };
}

/** A parsed calendar: one framed block per event. */
export function renderCalendar(calendar: Calendar, zone: string, ctx: RenderContext): Block[] {
  return Array.from(calendarBlocks(calendar, zone, ctx));
}

/** renderCalendar an event at a time. */
export function* calendarBlocks(calendar: Calendar, zone: string, ctx: RenderContext): Generator<Block> {
  if (calendar.events.length === 0) return yield* framed(title(calendar.method, undefined), [{ kind: 'text', spans: [{ text: '(no event in this calendar)', style: dimStyle }], margins: [] }]);
  for (const [i, event] of calendar.events.entries()) {
    if (i > 0) yield blankBlock;
    yield* framed(title(calendar.method, event), eventBlocks(event, calendar.method, zone, ctx));
  }
}

type Title = (e: CalendarEvent | undefined) => string;

// RFC 5546 3.2: what each METHOD asks of the reader.
const titles: Record<string, Title> = {
  REQUEST: (e) => (e?.status === 'CANCELLED' ? 'Cancelled calendar event' : (e?.sequence ?? 0) > 0 ? 'Updated calendar invitation' : 'Calendar invitation'),
  CANCEL: (e) => (e?.recurrenceId ? 'Cancelled occurrence of a calendar event' : 'Cancelled calendar event'),
  REPLY: () => 'Reply to a calendar invitation',
  PUBLISH: (e) => (e?.status === 'CANCELLED' ? 'Cancelled calendar event' : 'Calendar event'),
  ADD: () => 'New occurrences of a calendar event',
  REFRESH: () => 'Request for the latest version of a calendar event',
  COUNTER: () => 'Counter-proposal to a calendar invitation',
  DECLINECOUNTER: () => 'Counter-proposal declined',
};

const componentTitles: Record<string, string> = { VTODO: 'Calendar to-do', VJOURNAL: 'Calendar journal entry' };

function title(method: string | undefined, event: CalendarEvent | undefined): string {
  const byMethod = method === undefined ? undefined : titles[method];
  if (byMethod) return byMethod(event);
  const plain = componentTitles[event?.component ?? ''] ?? 'Calendar event';
  return method === undefined ? plain : `${plain} (${method.slice(0, 30)})`;
}

// Set off like an enclosed message: a label, then a bar on every line.
function framed(label: string, blocks: readonly Block[]): Block[] {
  const head: Block = { kind: 'text', spans: [{ text: '┌ ', style: dimStyle }, { text: label, style: nameStyle }], margins: [] };
  return [head, ...blocks.map((b) => ({ ...b, margins: [{ kind: 'bar' } as const, ...b.margins] }))];
}

function eventBlocks(e: CalendarEvent, method: string | undefined, zone: string, ctx: RenderContext): Block[] {
  const blocks: Block[] = [];
  const add = (name: string, value: Block[]) => blocks.push(...field(name, value));
  // A summary is one line (RFC 5545 3.8.1.12): line breaks in it could only forge field lines.
  if (e.summary !== undefined) add('Event', textValue(e.summary.replace(/\s*[\r\n]+\s*/g, ' '), ctx, nameStyle));
  if (e.recurrenceId) add('For', line([{ text: `the occurrence of ${describeTime(e.recurrenceId, zone)}` }]));
  if (e.start) {
    const isTodo = e.component === 'VTODO';
    const when = describeWhen(e.start, isTodo ? undefined : e.end, zone);
    add(isTodo ? 'Starts' : 'When', [...line([{ text: when.text }]), ...(when.note ? line([{ text: when.note, style: dimStyle }]) : [])]);
  }
  if (e.component === 'VTODO' && e.end) add('Due', line([{ text: describeTime(e.end, zone) }]));
  if (e.recurrence) add('Repeats', line([{ text: repeats(e, zone) }]));
  if (e.location !== undefined) add('Where', textValue(e.location, ctx));
  for (const url of joinLinks(e)) add('Join', line([linkSpan(url, ctx)]));
  if (e.url !== undefined) add('Link', line([linkSpan(e.url, ctx)]));
  if (e.organizer) add('Organizer', line(person(e.organizer, ctx)));
  if (method === 'REPLY') for (const a of e.attendees) add('Answer', line([...person(a, ctx), { text: ` ${answer(a)}` }]));
  else if (e.attendees.length) add('Attendees', e.attendees.flatMap((a) => line([...person(a, ctx), ...details(a)])));
  if (e.comment !== undefined) add('Comment', textValue(e.comment, ctx));
  if (e.status && !['CONFIRMED', 'CANCELLED'].includes(e.status)) add('Status', line([{ text: (statusWords[e.status] ?? e.status.toLowerCase()).slice(0, 40) }]));
  if (e.description !== undefined) blocks.push(blankBlock, ...description(e.description, ctx));
  return blocks;
}

// Outlook puts the Teams link only in the description (as "Join the meeting<URL>"); Zoom and Webex
// invitations often do the same: the first such link is offered as "Join" too.
const meetingUrl = /https:\/\/(?:teams\.microsoft\.com\/l\/meetup-join\/|teams\.live\.com\/meet\/|[\w-]+\.zoom\.us\/j\/|zoom\.us\/j\/|[\w-]+\.webex\.com\/(?:meet|join)\/|meet\.google\.com\/)[^\s<>"]+/;

function joinLinks(e: CalendarEvent): readonly string[] {
  if (e.conference.length) return e.conference;
  const found = e.description === undefined ? undefined : meetingUrl.exec(e.description)?.[0];
  return found === undefined ? [] : [found];
}

function repeats(e: CalendarEvent, zone: string): string {
  const words = [describeRecurrence(e.recurrence!, e.start, zone)];
  if (e.exceptions.length) words.push(describeExceptions(e.exceptions, zone));
  if (e.extraDates) words.push(`and on ${e.extraDates === 1 ? '1 more date' : `${e.extraDates} more dates`}`);
  return words.join('; ');
}

// The first block carries the field name; the ones after it are indented to line up.
function field(name: string, value: readonly Block[]): Block[] {
  const marker: Margin = { kind: 'item', marker: `${name}:`.padEnd(markerWidth), style: nameStyle };
  const indent: Margin = { kind: 'indent', width: markerWidth };
  return value.map((b, i) => ({ ...b, kind: b.kind === 'blank' ? 'text' : b.kind, margins: [i === 0 ? marker : indent, ...b.margins] }));
}

function line(spans: Span[]): Block[] {
  return [{ kind: 'text', spans, margins: [] }];
}

// A calendar text value may hold line breaks (RFC 5545 3.3.11 "\n"): one block a line, URLs linked.
function textValue(text: string, ctx: RenderContext, style?: Style): Block[] {
  const blocks = renderText(text, ctx).filter((b) => b.kind !== 'blank');
  return style ? blocks.map((b) => ({ ...b, spans: b.spans.map((s) => ({ ...s, style: { ...s.style, ...style } })) })) : blocks;
}

// Google writes descriptions as HTML ("<b>", "<br>", "<a href>"); everyone else as text.
function description(raw: string, ctx: RenderContext): Block[] {
  // Blank lines before the text would only widen the gap under the fields.
  const text = raw.replace(/^(?:[ \t]*\r?\n)+/, '');
  return /<(a\s[^>]*href|br\s*\/?|p|b|i|u|ul|ol|li|div|span)\b[^<>]*>/i.test(text) ? Array.from(renderHtmlSafely(text, ctx)) : renderText(text, ctx);
}

function linkSpan(url: string, ctx: RenderContext): Span {
  const link = makeLink(url.trim(), ctx);
  return link ? { text: url.trim(), link } : { text: url.trim() };
}

// RFC 6068: '?', '#' and '&' in an address would start header fields of the mailto: URL.
function person(p: Participant, ctx: RenderContext): Span[] {
  const address = /^mailto:/i.test(p.uri) ? p.uri.slice('mailto:'.length) : undefined;
  if (address === undefined) return [{ text: p.name ?? p.uri }, ...(p.name && p.uri ? [{ text: ` <${p.uri}>` }] : [])];
  const link = makeLink(`mailto:${address.replace(/[?#&%]/g, (c) => encodeURIComponent(c))}`, ctx);
  const addr: Span = link ? { text: address, link } : { text: address };
  return p.name && p.name.toLowerCase() !== address.toLowerCase() ? [{ text: `${p.name} <` }, addr, { text: '>' }] : [addr];
}

const statusWords: Record<string, string> = {
  'NEEDS-ACTION': 'needs action',
  ACCEPTED: 'accepted',
  DECLINED: 'declined',
  TENTATIVE: 'tentative',
  DELEGATED: 'delegated',
  COMPLETED: 'completed',
  'IN-PROCESS': 'in process',
};
const roleWords: Record<string, string> = { CHAIR: 'chair', 'REQ-PARTICIPANT': 'required', 'OPT-PARTICIPANT': 'optional', 'NON-PARTICIPANT': 'for information' };
const typeWords: Record<string, string> = { ROOM: 'room', RESOURCE: 'resource', GROUP: 'group' };
const answerWords: Record<string, string> = { ACCEPTED: 'has accepted', DECLINED: 'has declined', TENTATIVE: 'has accepted tentatively', DELEGATED: 'has delegated' };

function word(table: Record<string, string>, value: string): string {
  return table[value] ?? value.toLowerCase().slice(0, 40);
}

// RFC 5545 3.2.12, 3.2.16: an attendee without PARTSTAT or ROLE needs action and is required.
function details(a: Participant): Span[] {
  const words = [word(statusWords, a.status ?? 'NEEDS-ACTION'), word(roleWords, a.role ?? 'REQ-PARTICIPANT')];
  if (a.type && a.type !== 'INDIVIDUAL') words.unshift(word(typeWords, a.type));
  if (a.delegatedTo) words.push(`delegated to ${a.delegatedTo.replace(/mailto:/gi, '').slice(0, 200)}`);
  return [{ text: ` (${words.join(', ')})`, style: dimStyle }];
}

function answer(a: Participant): string {
  if (a.status === undefined || a.status === 'NEEDS-ACTION') return 'has not answered yet';
  const said = word(answerWords, a.status);
  return a.status === 'DELEGATED' && a.delegatedTo ? `${said} to ${a.delegatedTo.replace(/mailto:/gi, '').slice(0, 200)}` : said;
}
