// Writes the benchmark's messages, byte for byte the same on every run: a seeded generator,
// no network, nothing checked in (bench/inputs/ is git-ignored).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// mulberry32: a tiny seeded generator, so every run benchmarks the same bytes.
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const vocabulary = (
  'the of and to in is for on that with as this by from at be are or an it your our new more about ' +
  'release update community event report project team data week news open source library support ' +
  'performance terminal message reader link article read today people world city weather market ' +
  'science health travel music film books design history future plan answer question résumé café ' +
  'naïve Zürich straße 東京 データ 😀'
).split(' ');

function prose(random, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(vocabulary[Math.floor(random() * vocabulary.length)]);
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// RFC 2045 6.7: quoted-printable with soft line breaks at 76 columns.
export function quotedPrintable(text) {
  const bytes = Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'utf8');
  const lines = [];
  let line = '';
  const put = (chunk) => {
    if (line.length + chunk.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += chunk;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 13 && bytes[i + 1] === 10) {
      lines.push(line.endsWith(' ') ? `${line.slice(0, -1)}=20` : line);
      line = '';
      i++;
    } else if ((b >= 33 && b <= 126 && b !== 61) || b === 32) put(String.fromCharCode(b));
    else put(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}

function base64Lines(bytes) {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function headers(subject, extra) {
  return [
    'From: "Bench Sender" <sender@example.com>',
    'To: reader@example.org',
    'Date: Tue, 04 Mar 2025 09:30:00 +0000',
    `Subject: ${subject}`,
    'Message-ID: <bench@example.com>',
    'MIME-Version: 1.0',
    ...extra,
  ].join('\r\n');
}

function smallMail(random) {
  const links = Array.from({ length: 10 }, (_, i) => `https://example.com/articles/${i}/story-${Math.floor(random() * 1e6)}`);
  const paras = links.map((href) => ({ text: prose(random, 28), href }));
  const plain = paras.map((p) => `${p.text}\n${p.href}\n`).join('\n');
  const html = `<html><body>${paras.map((p) => `<p>${escapeHtml(p.text)} <a href="${p.href}">Read more</a></p>`).join('\n')}</body></html>`;
  return multipartAlternative('A short note with ten links', plain, html);
}

const altBoundary = 'bench-alt-boundary';

function multipartAlternative(subject, plain, html) {
  return [headers(subject, [`Content-Type: multipart/alternative; boundary="${altBoundary}"`]), '', ...alternativeBody(plain, html), ''].join('\r\n');
}

// The lines of a multipart/alternative body: the text and the HTML, quoted-printable.
function alternativeBody(plain, html) {
  return [
    `--${altBoundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(plain),
    `--${altBoundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(html),
    `--${altBoundary}--`,
  ];
}

// A layout-table newsletter: nested tables, inline CSS on every cell, ~150 links.
function newsletterParts(random) {
  const style = 'font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:22px;color:#333333;padding:8px 16px;';
  const stories = [];
  for (let i = 0; i < 50; i++) {
    const title = prose(random, 6);
    const body = prose(random, 85);
    stories.push({ title, body, hrefs: [0, 1, 2].map((k) => `https://news.example.com/r/${i}/${k}?utm_source=newsletter&utm_medium=email&utm_campaign=weekly-${i}`) });
  }
  const cell = (s) =>
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;"><tr>` +
    `<td style="${style}"><h2 style="margin:0;font-size:20px;color:#111111;"><a href="${s.hrefs[0]}" style="color:#0066cc;text-decoration:none;">${escapeHtml(s.title)}</a></h2></td></tr>` +
    `<tr><td style="${style}"><p style="margin:0 0 12px 0;">${escapeHtml(s.body)}</p>` +
    `<p style="margin:0;"><a href="${s.hrefs[1]}" style="color:#0066cc;">Read the story</a> · <a href="${s.hrefs[2]}" style="color:#999999;">Share</a></p></td></tr></table>`;
  const html =
    `<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}.x{display:none}</style></head>` +
    `<body style="margin:0;padding:0;background:#f4f4f4;"><center><table role="presentation" width="600" align="center" style="background:#ffffff;">` +
    stories.map((s) => `<tr><td style="${style}">${cell(s)}</td></tr>`).join('\n') +
    `</table></center></body></html>`;
  const plain = stories.map((s) => `${s.title}\n\n${s.body}\n${s.hrefs[1]}\n`).join('\n');
  return { plain, html };
}

function newsletter(random) {
  const { plain, html } = newsletterParts(random);
  return multipartAlternative('This week: fifty stories', plain, html);
}

function randomBytes(random, size) {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4) bytes.writeUInt32LE(Math.floor(random() * 4294967296), i);
  return bytes;
}

function withAttachments(random) {
  const { plain, html } = newsletterParts(random);
  const outer = 'bench-mixed-boundary';
  const attachment = (name, type) => [
    `--${outer}`,
    `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(randomBytes(random, 4 * 1024 * 1024)),
  ];
  return [
    headers('Fifty stories and two attachments', [`Content-Type: multipart/mixed; boundary="${outer}"`]),
    '',
    `--${outer}`,
    `Content-Type: multipart/alternative; boundary="${altBoundary}"`,
    '',
    ...alternativeBody(plain, html),
    ...attachment('report.pdf', 'application/pdf'),
    ...attachment('photos.zip', 'application/zip'),
    `--${outer}--`,
    '',
  ].join('\r\n');
}

// An HTML-only digest: 20 000 links in 4 000 entries, about 5 MB.
function digest(random) {
  const entries = [];
  for (let i = 0; i < 4000; i++) {
    const links = [0, 1, 2, 3, 4].map((k) => `<a href="https://lists.example.org/archive/${i}/${k}">${escapeHtml(prose(random, 3))}</a>`);
    entries.push(
      `<div style="padding:6px 0;border-bottom:1px solid #eeeeee;"><h3 style="margin:0;">${links[0]}</h3>` +
        `<p style="margin:4px 0;">${escapeHtml(prose(random, 105))}</p><p>${links.slice(1).join(' | ')}</p></div>`,
    );
  }
  const html = `<!DOCTYPE html><html><body><h1>Daily digest</h1>\n${entries.join('\n')}\n</body></html>`;
  return [
    headers('Daily digest: 4000 messages', ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable']),
    '',
    quotedPrintable(html),
    '',
  ].join('\r\n');
}

function plainMail(subject, body) {
  return [headers(subject, ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit']), '', body, ''].join('\r\n');
}

// A long log: a million short lines (419 MiB when every line was a block held at once).
function manyLines(random) {
  const lines = [];
  for (let i = 0; i < 1_000_000; i++) lines.push(`${String(i).padStart(7, '0')} ${vocabulary[Math.floor(random() * 40)]} ok`);
  return plainMail('A million lines', lines.join('\r\n'));
}

// 18 MB of text with a million URLs, each a link and a footnote.
function manyUrls(random) {
  const lines = [];
  for (let i = 0; i < 1_000_000; i++) lines.push(`https://x.io/${Math.floor(random() * 1e7).toString(36)}`);
  return plainMail('A million links', lines.join('\r\n'));
}

// An HTML data table of 100 000 rows.
function bigTable(random) {
  const rows = [];
  for (let i = 0; i < 100_000; i++) rows.push(`<tr><td>${i}</td><td>${escapeHtml(prose(random, 3))}</td><td>${(random() * 1000).toFixed(2)}</td></tr>`);
  const html = `<!DOCTYPE html><html><body><table><tr><th>n</th><th>item</th><th>price</th></tr>\n${rows.join('\n')}\n</table></body></html>`;
  return [headers('A 100 000-row table', ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit']), '', html, ''].join('\r\n');
}

/**
 * The benchmark's inputs with their targets: `of` names the yardstick of the time target, F0 (an
 * empty Node started as the launcher starts mailview) or the ripmime + w3m + sed pipeline mailview
 * replaces; `ratio` is the most mailview may take of it, `mib` the peak RSS.
 */
export const cases = [
  { file: 'small.eml', label: '5 KB mail', make: smallMail, seed: 1, of: 'F0', ratio: 1.8, mib: 60 },
  { file: 'newsletter.eml', label: '130 KB newsletter', make: newsletter, seed: 2, of: 'F0', ratio: 2.5, mib: 70 },
  { file: 'attachments.eml', label: '11 MB mail with attachments', make: withAttachments, seed: 2, of: 'pipeline', ratio: 1.0, mib: 100 },
  { file: 'digest.eml', label: '5 MB HTML digest', make: digest, seed: 3, of: 'pipeline', ratio: 1.0, mib: 150 },
  // Any message up to 20 MB in < 5 s and < 250 MiB. Timed in fewer runs, without the pipeline.
  { file: 'lines.eml', label: '1 M short lines', make: manyLines, seed: 4, of: 'F0', ratio: 100, mib: 250, runs: 3, pipeline: false },
  // Past 10,000 links a message's URLs are shown as text, and the exit code says so.
  { file: 'urls.eml', label: '1 M URLs', make: manyUrls, seed: 5, of: 'F0', ratio: 100, mib: 250, runs: 3, pipeline: false, exit: 65 },
  { file: 'table.eml', label: '100 000-row HTML table', make: bigTable, seed: 6, of: 'F0', ratio: 100, mib: 250, runs: 3, pipeline: false },
];

/** Write every input into dir; returns the cases with their paths and sizes. */
export function writeInputs(dir) {
  mkdirSync(dir, { recursive: true });
  return cases.map((c) => {
    const path = join(dir, c.file);
    const bytes = Buffer.from(c.make(generator(c.seed)), 'utf8');
    writeFileSync(path, bytes);
    return { ...c, path, size: bytes.length };
  });
}
