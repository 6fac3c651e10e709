// iCalendar text cut into its VCALENDARs and their events by the BEGIN and END lines alone, so that
// ical.js can parse each event on its own (see calendar.ts); no library reads a text piece by piece.

/** The components shown as events. */
export const shownComponents = ['vevent', 'vtodo', 'vjournal'];

/** One VCALENDAR of a text, split. */
export interface Split {
  /** The VCALENDAR without its shown components. */
  readonly frame: string;
  /** Each shown component's lines, BEGIN to END. */
  readonly shown: string[];
}

// The VCALENDARs of a text, their shown components cut out; undefined where BEGIN and END lines do
// not nest or text lies outside them. A folded line starts with a space, so never looks like BEGIN.
export function splitCalendars(text: string): Split[] | undefined {
  const calendars: Split[] = [];
  const stack: string[] = [];
  let frame: string[] = [];
  let shown: string[] = [];
  let from = 0;
  let eventAt = -1;
  let ended = 0;
  const line = /^(BEGIN|END)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*$/gim;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const name = m[2]!.toUpperCase();
    const lineEnd = m.index + m[0].length;
    if (m[1]!.toUpperCase() === 'BEGIN') {
      if (stack.length === 0) {
        if (text.slice(ended, m.index).trim() !== '' || name !== 'VCALENDAR') return undefined;
        from = m.index;
      }
      stack.push(name);
      if (stack.length === 2 && shownComponents.includes(name.toLowerCase())) eventAt = m.index;
      continue;
    }
    if (stack.pop() !== name) return undefined;
    if (stack.length === 1 && eventAt >= 0) {
      frame.push(text.slice(from, eventAt));
      shown.push(text.slice(eventAt, lineEnd));
      from = lineEnd;
      eventAt = -1;
    } else if (stack.length === 0) {
      frame.push(text.slice(from, lineEnd));
      calendars.push({ frame: frame.join(''), shown });
      frame = [];
      shown = [];
      ended = lineEnd;
    }
  }
  return stack.length === 0 && calendars.length > 0 && text.slice(ended).trim() === '' ? calendars : undefined;
}
