// A hostile HTML mail for the browser view, and two independent readings of the page written for
// it: a parse (htmlparser2) and a scan of the raw text for everything a browser would load.
import { parseDocument } from 'htmlparser2';
import { isTag, isText, type ChildNode, type Element } from 'domhandler';

/** A 1×1 PNG and a tiny GIF, base64, as the message carries them. */
export const logo = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
export const dot = 'R0lGODlhAQABAAAAACw=';

const html = `<html><head>
<meta http-equiv="refresh" content="0;url=https://evil.example/r">
<base href="https://cdn.example/">
<link rel="stylesheet" href="https://cdn.example/s.css"><link rel="dns-prefetch" href="//t.example">
<script>alert(1)</script>
<style>@import url("https://cdn.example/i.css"); .a{background:url('https://t.example/p.gif')}
.b{background-image:u\\72l(https://t.example/q.gif)} .c{background:url(cid:logo@shop)}
.d{background-image:image-set("https://t.example/x.png" 1x)} .e > p{color:red}</style>
<title>T</title></head>
<body background="https://t.example/bg.png" onload="alert(1)" bgcolor="#fff">
<a name="top"></a>
<img src="cid:logo@shop" alt="Logo" onerror="alert(1)" srcset="https://t.example/2x.png 2x">
<img src="https://t.example/banner.png" alt="Remote banner">
<img src="https://t.example/pixel.gif" width="1" height="1">
<img src="cid:dot%40shop">
<p style="background:url(https://t.example/bg2.png); color: #333">Sale ends Friday</p>
<a href="https://nam01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fshop.example%2Fdeal%3Fid%3D7&amp;data=x" ping="https://t.example/ping">Deal</a>
<a href="relative">rel</a> <a href="javascript:alert(1)">run me</a> <a href="file:///etc/passwd">passwd</a>
<a href="#top">top</a> <a href="mailto:sales@shop.example">mail</a>
<iframe src="https://evil.example/f"></iframe>
<form action="https://evil.example/post"><input type="image" src="https://t.example/i.png"><button formaction="https://x.example">Go</button></form>
<svg><image href="https://t.example/s.png"/></svg>
<video poster="https://t.example/v.png"><source src="https://t.example/v.mp4"></video>
<picture><source srcset="https://t.example/p.webp"><img src="cid:logo@shop" alt="pic"></picture>
<object data="https://t.example/o.swf"></object><embed src="https://t.example/e.swf">
<table background="https://t.example/tb.png"><tr><td background="cid:logo@shop">cell</td></tr></table>
<!--[if mso]><img src="https://t.example/mso.png"><![endif]-->
</body></html>`;

/** A multipart/related newsletter with every kind of remote reference, and two cid: images. */
export const hostileMail = [
  'From: Shop <news@shop.example>',
  'To: reader@example.org',
  'Subject: Big sale',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related; boundary="rel"',
  '',
  '--rel',
  'Content-Type: text/html; charset=utf-8',
  '',
  html,
  '--rel',
  'Content-Type: image/png',
  'Content-Transfer-Encoding: base64',
  'Content-ID: <logo@shop>',
  '',
  logo,
  '--rel',
  'Content-Type: image/gif; name="dot.gif"',
  'Content-Transfer-Encoding: base64',
  'Content-ID: <dot@shop>',
  'Content-Disposition: inline; filename="dot.gif"',
  '',
  dot,
  '--rel--',
  '',
].join('\r\n');

/** What the page holds, read through a parser. */
export interface PageReading {
  readonly head: Element[];
  readonly names: string[];
  readonly metas: Array<string | undefined>;
  readonly images: string[];
  readonly backgrounds: string[];
  readonly links: string[];
  readonly eventHandlers: string[];
  readonly text: string;
}

/** Parse a written page. */
export function parsePage(page: string): PageReading {
  const all: Element[] = [];
  let text = '';
  const walk = (nodes: ChildNode[]) => {
    for (const n of nodes) {
      if (isText(n)) text += n.data;
      if (isTag(n)) {
        all.push(n);
        walk(n.children);
      }
    }
  };
  walk(parseDocument(page).children);
  const head = all.find((e) => e.name === 'head');
  return {
    head: (head?.children ?? []).filter(isTag),
    names: all.map((e) => e.name),
    metas: all.filter((e) => e.name === 'meta').map((e) => e.attribs['http-equiv']),
    images: all.filter((e) => e.name === 'img').map((e) => e.attribs.src ?? ''),
    backgrounds: all.flatMap((e) => (e.attribs.background ? [e.attribs.background] : [])),
    links: all.flatMap((e) => (e.name === 'a' && e.attribs.href !== undefined ? [e.attribs.href] : [])),
    eventHandlers: all.flatMap((e) => Object.keys(e.attribs).filter((a) => /^on/i.test(a))),
    text,
  };
}

const loading = /\s(?:src|srcset|background|poster|action|formaction|data|ping|lowsrc|dynsrc|codebase|xlink:href|manifest)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;
const cssUrl = /url\(\s*("[^"]*"|'[^']*'|[^)]*)\)|@import\s*("[^"]*"|'[^']*')|image-set\(\s*("[^"]*"|'[^']*')/gi;

// A start tag, its quoted attribute values allowed to hold `>`; text is escaped, so `<` starts a tag.
const tag = /<[A-Za-z][^\s>/]*(?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*\s*\/?>/g;
const styleElement = /<style[^>]*>([\s\S]*?)<\/style>/gi;

/**
 * Every URL in the page's markup that a browser would fetch: loading attributes, CSS url(),
 * @import and image-set() strings in style attributes and <style>. Read with regular expressions,
 * not a parser, so it does not share one with the code that wrote the page.
 */
export function loadedUrls(page: string): string[] {
  const unquote = (v: string) => v.replace(/^["']|["']$/g, '').trim();
  const csp = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
  const markup = page.replace(csp, '');
  const found: string[] = [];
  const css = (text: string) => {
    for (const m of text.matchAll(cssUrl)) found.push(unquote(m[1] ?? m[2] ?? m[3] ?? ''));
  };
  for (const [t] of markup.matchAll(tag)) {
    for (const m of t.matchAll(loading)) found.push(unquote(m[1]!));
    css(t);
  }
  for (const m of markup.matchAll(styleElement)) css(m[1]!);
  return found.map((u) => u.replace(/&amp;/g, '&'));
}
