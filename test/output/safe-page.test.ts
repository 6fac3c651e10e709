import { describe, expect, it } from 'vitest';
import { cleanCss, makeSafePage, makeTextPage, pagePolicy } from '../../src/output/safe-page.js';

const images = new Map([['a@b', { contentType: 'image/png', content: Buffer.from('png') }]]);
const link = (href: string) => (href.startsWith('https:') ? href : undefined);
const page = (html: string) => makeSafePage(html, { title: 't', images, link });
const body = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/.exec(page(html))![1];

describe('cleanCss', () => {
  const cases: Array<[string, string]> = [
    ['p{background:url(https://t.example/x.png)}', 'p{background:none}'],
    ["p{background:URL( 'http://t.example/x.png' )}", 'p{background:none}'],
    ['p{background:u\\72 l(https://t.example/x)}', 'p{background:none}'],
    ['p{background:\\75rl(//t.example/x)}', 'p{background:none}'],
    ['@import "https://t.example/s.css"; p{color:red}', ' p{color:red}'],
    ['@IMPORT url(x.css) screen;', ''],
    ['p{background:image-set(url("a.png") 1x, "b.png" 2x)}', 'p{background:none}'],
    ['p{background:-webkit-image-set("a.png" 1x)}', 'p{background:none}'],
    ['p{background:url(cid:a@b)}', 'p{background:url("data:image/png;base64,cG5n")}'],
    ['p{background:url(cid:missing)}', 'p{background:none}'],
    ['/* url(https://t.example/) */p{}', 'p{}'],
    ['p{content:"\\201C"}', 'p{content:"\\201C"}'],
    ['p{x:"</style><script>"}', 'p{x:"<\\/style><script>"}'],
  ];
  for (const [css, want] of cases) it(css, () => expect(cleanCss(css, { images })).toBe(want));
});

describe('makeSafePage', () => {
  it('starts <head> with the policy and escapes the title', () => {
    const html = makeSafePage('<p>x</p>', { title: '</title><script>', images, link });
    expect(html).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html><head>\\n<meta http-equiv="Content-Security-Policy" content="${pagePolicy}">\\n<meta charset="utf-8">`));
    expect(html).toContain('<title>&lt;/title&gt;&lt;script&gt;</title>');
  });

  it('keeps text and escapes it; attributes cannot break out', () => {
    expect(body('<p title="a&quot; onclick=&quot;x">1 &lt; 2 &amp; <b>bold</b></p>')).toBe('<p title="a&quot; onclick=&quot;x">1 &lt; 2 &amp; <b>bold</b></p>');
    expect(body('<div onclick="x" style="color:red" data-x="1" class="c">d</div>')).toBe('<div style="color:red" class="c">d</div>');
  });

  it('replaces unknown elements by their content and drops active ones with theirs', () => {
    expect(body('<custom-tag>kept</custom-tag><noscript>gone</noscript><template>gone</template><textarea>gone</textarea>')).toBe('kept');
    expect(body('<math><mi>x</mi></math><svg><style>@import "https://t.example/"</style></svg>ok')).toBe('ok');
  });

  it('keeps data: images, drops their quotes; remote ones become alt text, or [image] inside a link', () => {
    expect(body('<img src="data:image/gif;base64,R0l&quot;GO">')).toBe('<img src="data:image/gif;base64,R0lGO">');
    expect(body('<img src="data:text/html,<script>">')).toBe('');
    expect(body('<img src="https://t.example/p.gif" alt=" Sale  now ">')).toBe('[image: Sale now]');
    expect(body('<a href="https://x.example/"><img src="https://t.example/b.png"></a>')).toBe('<a href="https://x.example/">[image]</a>');
  });
});

describe('makeTextPage', () => {
  it('shows text as it is, escaped', () => {
    expect(makeTextPage('a <script>b</script> & c', 'x')).toContain('<pre style="white-space: pre-wrap">a &lt;script&gt;b&lt;/script&gt; &amp; c</pre>');
  });
});
