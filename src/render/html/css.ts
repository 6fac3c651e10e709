// How inline styles are read: every stage that asks what a style attribute says asks here.

/** An inline style's declarations: property → value, lower-cased, without `!important`; a later one wins, as in CSS. */
export function styleDeclarations(style: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of style.split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) continue;
    const name = part.slice(0, colon).trim().toLowerCase();
    out.set(name, part.slice(colon + 1).replace(/!\s*important/i, '').trim().toLowerCase());
  }
  return out;
}
