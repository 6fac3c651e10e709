// CSS read as a browser reads it (CSS Syntax Level 3): declarations, comments, escapes, url() in
// every spelling, and what the browser view's rewrite leaves of them.
import { describe, expect, it } from 'vitest';
import { backgroundUrls, cssUrls, rewriteCssUrls, styleDeclarations } from '../../../src/render/html/css.js';

describe('styleDeclarations', () => {
  it.each([
    ['plain', 'display:none', 'none'],
    ['a later one wins', 'display:none; display:block', 'block'],
    ['!important dropped, case folded', 'DISPLAY: None !IMPORTANT', 'none'],
    ['an escaped identifier', 'display:\\6e one', 'none'],
    ['a semicolon inside a string is no end', 'font-family:"a;display:none"; display:block', 'block'],
  ])('%s', (_what, style, display) => expect(styleDeclarations(style).get('display')).toBe(display));
  it('reads nothing from a comment', () => {
    expect(styleDeclarations('color:red; /* display:none */').has('display')).toBe(false);
    expect(styleDeclarations('/* display:none; */ color: red').get('color')).toBe('red');
  });
  it('keeps a semicolon inside a function', () => {
    expect(styleDeclarations('background:url(a;b.png); color:red').get('color')).toBe('red');
  });
});

describe('cssUrls and backgroundUrls', () => {
  it('finds url() in every spelling', () => {
    expect(cssUrls('a{background:url(https://t.example/a.gif)} b{background:URL( "https://t.example/b.gif" )} c{background:u\\72l(https://t.example/c.gif)} @import "https://t.example/d.css";')).toEqual([
      'https://t.example/a.gif',
      'https://t.example/b.gif',
      'https://t.example/c.gif',
      'https://t.example/d.css',
    ]);
  });
  it('takes background images only, not fonts', () => {
    expect(backgroundUrls('@font-face{src:url(https://f.example/f.woff)} td{color:red;background-image:url(https://t.example/bg.png)} p{background:#fff url("https://t.example/p.png")}')).toEqual(['https://t.example/bg.png', 'https://t.example/p.png']);
  });
});

describe('rewriteCssUrls', () => {
  const none = () => undefined;
  it.each([
    ['an unclosed url(', 'background:url(https://evil.example/x.png'],
    ['an unclosed quoted url(', 'background:url("https://evil.example/x.png'],
    ['an escaped url(', 'background:u\\72l(https://evil.example/x.png)'],
    ['a url( after a comment inside it', 'background:url(/**/https://evil.example/x.png)'],
    ['src()', 'background:src("https://evil.example/x.png")'],
    ['image-set()', 'background:image-set("https://evil.example/x.png" 1x)'],
    ['@import', '@import url(https://evil.example/x.css); p{color:red}'],
    ['@import of a string', '@import "https://evil.example/x.css"; p{color:red}'],
    ['a bad url', 'background:url(https://evil.example/x.png"y")'],
  ])('leaves no remote reference after %s', (_what, css) => expect(rewriteCssUrls(css, none)).not.toMatch(/evil\.example/));
  it('keeps what the rewrite allows and escapes </', () => {
    expect(rewriteCssUrls('p{background:url(cid:logo)} </style>', (u) => (u === 'cid:logo' ? 'data:image/png;base64,AA' : undefined))).toBe('p{background:url("data:image/png;base64,AA")} <\\/style>');
  });
});
