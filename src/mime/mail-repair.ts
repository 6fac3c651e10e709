// What real mailers get wrong in a message's own MIME structure, put right before the parser reads
// it, so that its content is shown instead of lost. Only the top header section is read here (each
// enclosed message goes through parseMail, and so through here, on its own).
import { boundaryOf } from '../input/input.js';

/**
 * The message with a multipart that is transfer-encoded decoded, a boundary its body never uses
 * replaced, and an empty line put between part header fields and a body that follows them at once.
 */
export function repairStructure(bytes: Buffer, end: number): Buffer {
  const head = bytes.subarray(0, end).toString('latin1');
  const type = fieldValue(head, 'content-type');
  if (type === undefined || !/^\s*multipart\//i.test(type)) return bytes;
  return separateBodies(repairMultipart(bytes, end, head, type));
}

function repairMultipart(bytes: Buffer, end: number, head: string, type: string): Buffer {
  let body = bytes.subarray(end);
  let fields = head;
  const encoding = fieldValue(head, 'content-transfer-encoding')?.trim().toLowerCase();
  // RFC 2045 6.4 forbids encoding a multipart; some mailers do, and the parts are inside the encoding.
  if (encoding === 'base64' || encoding === 'quoted-printable') {
    body = encoding === 'base64' ? Buffer.from(body.toString('latin1'), 'base64') : decodeQuotedPrintable(body);
    fields = withoutField(fields, 'content-transfer-encoding');
  }
  const boundary = /boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(type);
  const declared = boundary?.[1] ?? boundary?.[2];
  if (declared !== undefined && !usesBoundary(body, declared)) {
    // The parts are there under a boundary the header does not name: the body's first delimiter's.
    const start = body.subarray(0, 64 * 1024).toString('latin1');
    const at = start.search(/^--[^\r\n]/m);
    const found = at < 0 ? undefined : boundaryOf(start.slice(at));
    if (found !== undefined) fields = withType(fields, `${type.trim().split(';')[0]}; boundary="${found}"`);
  }
  return fields === head ? bytes : Buffer.concat([Buffer.from(fields, 'latin1'), body]);
}

// A delimiter line, part header fields (one of them Content-*), then a line that is none: its body,
// which some mailers (seen in real mbox files) write with no empty line before it. The parser would
// take the body for more header lines and the part would be empty.
const partStart = /^--[^\r\n]{1,70}\r?\n((?:[\x21-\x39\x3b-\x7e]+[ \t]*:[^\n]*\n(?:[ \t][^\n]*\n)*)+)(?=[^\s])/;
const contentField = /(^|\n)content-[a-z-]+[ \t]*:/i;

function separateBodies(bytes: Buffer): Buffer {
  const pieces: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf('\n--'); at >= 0; at = bytes.indexOf('\n--', at + 3)) {
    const start = at + 1;
    const m = partStart.exec(bytes.subarray(start, start + 8192).toString('latin1'));
    if (!m || !contentField.test(m[1]!) || /^[\x21-\x39\x3b-\x7e]+[ \t]*:/.test(bytes.subarray(start + m[0].length, start + m[0].length + 200).toString('latin1'))) continue;
    const cut = start + m[0].length;
    pieces.push(bytes.subarray(from, cut), Buffer.from(bytes[cut - 2] === 0x0d ? '\r\n' : '\n'));
    from = cut;
  }
  return pieces.length ? Buffer.concat([...pieces, bytes.subarray(from)]) : bytes;
}

function usesBoundary(body: Buffer, boundary: string): boolean {
  const delimiter = `--${boundary}`;
  return body.subarray(0, delimiter.length).toString('latin1') === delimiter || body.includes(`\n${delimiter}`, 0, 'latin1');
}

// Quoted-printable (RFC 2045 6.7): soft line breaks and =XX escapes; two replacements, no library
// needed, and the bytes stay bytes.
function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

// A field's whole text, continuation lines included, or undefined.
// (Made once per name: every message of an mbox asks for its Content-Type.)
const patterns = new Map<string, RegExp>();
const fieldPattern = (name: string): RegExp => {
  let pattern = patterns.get(name);
  if (!pattern) patterns.set(name, (pattern = new RegExp(`^${name}[ \\t]*:((?:[^\\n]*)(?:\\n[ \\t][^\\n]*)*)\\n?`, 'im')));
  return pattern;
};

function fieldValue(head: string, name: string): string | undefined {
  return fieldPattern(name).exec(head)?.[1]?.replace(/\r?\n[ \t]+/g, ' ').replace(/\r$/, '');
}

function withoutField(head: string, name: string): string {
  return head.replace(fieldPattern(name), '');
}

function withType(head: string, value: string): string {
  const crlf = head.includes('\r\n') ? '\r\n' : '\n';
  return head.replace(fieldPattern('content-type'), () => `Content-Type: ${value}${crlf}`);
}
