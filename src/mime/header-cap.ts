// A message's header section held to a bounded size: what a stream of header lines that never
// ends (or one 200 MB line) may cost is the first MiB of it, and the reader is told what was cut.

/** A message's bytes: whole, or its first part and the rest as it is read. */
export interface MailBytes {
  readonly bytes: Buffer;
  readonly more?: AsyncIterable<Buffer> | undefined;
}

/** The largest header section read; the header lines after it are skipped, and the reader told. */
export const maxHeaderSection = 1024 * 1024;

// Where the first empty line ends in bytes, from `from` on; -1 when there is none.
const lfLf = Buffer.from('\n\n');
const lfCrLf = Buffer.from('\n\r\n');
function blankLineEnd(bytes: Buffer, from = 0): number {
  const lf = bytes.indexOf(lfLf, from);
  const crlf = bytes.indexOf(lfCrLf, from);
  const at = lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
  return at < 0 ? -1 : at + (at === crlf ? 3 : 2);
}

/**
 * Leading blank lines skipped, and a header section over the cap cut to its first MiB: the rest of
 * it is read past (a stream of header lines that never ends is read to its end, never held), and
 * the body follows as usual. `problem` says what was cut.
 */
export async function capHeaderSection(source: MailBytes): Promise<MailBytes & { problem?: string }> {
  const bytes = skipBlankLines(source.bytes);
  const end = blankLineEnd(bytes);
  if (withinCap(bytes, end, source.more !== undefined)) return { bytes, more: source.more };
  // Cut at the cap itself, so that a single long line keeps its first MiB; never inside a UTF-8 character.
  let keep = maxHeaderSection;
  while (keep > 0 && ((bytes[keep]! & 0xc0) === 0x80 || bytes[keep - 1] === 0x0d)) keep--;
  const header = bytes.subarray(0, keep);
  let skipped: number;
  let body: Buffer;
  let more = source.more;
  if (end >= 0 || !more) {
    skipped = (end >= 0 ? end : bytes.length) - keep;
    body = end >= 0 ? bytes.subarray(end) : Buffer.alloc(0);
  } else {
    const iterator = more[Symbol.asyncIterator]();
    let tail = bytes.subarray(Math.max(keep, bytes.length - 2));
    skipped = bytes.length - keep;
    body = Buffer.alloc(0);
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const joined = Buffer.concat([tail, next.value]);
      const at = blankLineEnd(joined);
      if (at >= 0) {
        skipped += at - tail.length;
        body = joined.subarray(at);
        break;
      }
      skipped += next.value.length;
      tail = joined.subarray(-2);
    }
    more = { [Symbol.asyncIterator]: () => iterator };
  }
  const problem = `the header section is larger than 1 MiB; its last ${sizeWords(skipped)} are not shown`;
  return { bytes: Buffer.concat([header, Buffer.from(header.at(-1) === 0x0a ? '\n' : '\n\n'), body]), more, problem };
}

/** A whole message's bytes, leading blank lines skipped, when capHeaderSection has nothing to cut in them; else undefined. */
export function uncapped(source: Buffer): Buffer | undefined {
  const bytes = skipBlankLines(source);
  return withinCap(bytes, blankLineEnd(bytes), false) ? bytes : undefined;
}

// The header section ends within the cap, or the message ends there (with no more to read).
function withinCap(bytes: Buffer, end: number, more: boolean): boolean {
  return (end >= 0 && end <= maxHeaderSection) || (end < 0 && !more && bytes.length <= maxHeaderSection);
}

function sizeWords(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${n} bytes`;
}

// Lines of spaces before the first header would end the header section before it starts.
function skipBlankLines(bytes: Buffer): Buffer {
  let at = 0;
  for (let i = 0; i < bytes.length && i < 65536; i++) {
    const c = bytes[i];
    if (c === 0x0a) at = i + 1;
    else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
  }
  return at ? bytes.subarray(at) : bytes;
}
