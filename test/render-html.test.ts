import { describe, expect, it } from 'vitest';
import { render } from './helpers/run.js';

const plain = ['--html', '--no-pager', '--width', '60', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];
const show = async (html: string, extra: string[] = []) => (await render(html, [...plain, ...extra])).stdout;

describe('HTML rendering', () => {
  it('draws a table with <th> as aligned columns, the header row underlined', async () => {
    const out = await show('<table><tr><th>Day</th><th>Temp</th></tr><tr><td>Mon</td><td>12 °C</td></tr><tr><td>Tuesday</td><td>9 °C</td></tr></table>');
    expect(out).toBe('Day     │ Temp\nMon     │ 12 °C\nTuesday │ 9 °C\n');
    const rich = await render('<table><tr><th>Day</th><th>Temp</th></tr><tr><td>Mon</td><td>12</td></tr></table>', ['--html', '--no-pager', '--color', 'always']);
    expect(rich.stdout).toContain('\x1b[1;4mDay');
  });

  it.each([
    ['role=presentation', '<table role="presentation"><tr><td>Widget</td><td>$2.99</td></tr><tr><td>Total</td><td>$2.99</td></tr></table>'],
    ['a full-width table', '<table width="100%"><tr><td>Widget</td><td>$2.99</td></tr><tr><td>Total</td><td>$2.99</td></tr></table>'],
    ['a table nested in a layout table', '<table><tr><td><table><tr><td>Widget</td><td>$2.99</td></tr><tr><td>Total</td><td>$2.99</td></tr></table></td></tr></table>'],
    ['rows with an item image', '<table width="100%"><tr><td><img src="https://x.example/w.png" alt="Widget"></td><td>Widget</td><td>$2.99</td></tr><tr><td></td><td>Total</td><td>$2.99</td></tr></table>'],
  ])('keeps each item next to its price (%s)', async (_name, html) => {
    const out = await show(html);
    expect(out).toMatch(/Widget +│ \$2\.99/);
    expect(out).toMatch(/Total +│ \$2\.99/);
  });

  it('puts a one-row table of short cells on one line, and a row that cannot fit flows as words', async () => {
    const scale = Array.from({ length: 11 }, (_, i) => `<td><a href="https://x.example/${i}">${i}</a></td>`).join('');
    expect(await show(`<table role="presentation"><tr>${scale}</tr></table>`)).toBe('0  1  2  3  4  5  6  7  8  9  10\n');
    const menu = ['Help', 'Terms', 'Privacy', 'Contact us', 'Unsubscribe from these mails', 'Preferences'].map((t) => `<td>${t}</td>`).join('');
    expect(await show(`<table><tr>${menu}</tr></table>`)).toBe('Help  Terms  Privacy  Contact us  Unsubscribe from these\nmails  Preferences\n');
  });

  it('draws several short cells in several rows as columns, without a header rule', async () => {
    const out = await show('<table><tr><td>a</td><td>1</td></tr><tr><td>bb</td><td>2</td></tr></table>');
    expect(out).toBe('a  │ 1\nbb │ 2\n');
  });

  it.each([
    ['a single column', '<table><tr><td>left</td></tr><tr><td>right</td></tr></table>'],
    ['cells holding blocks', '<table><tr><td><h2>left</h2></td><td><p>right</p></td></tr><tr><td>x</td><td>y</td></tr></table>'],
    ['a <th> holding blocks (Foundation)', '<table class="row"><tr><th class="small-12 large-6 columns"><p>left</p><p>two</p></th><th class="expander"></th></tr><tr><th><ul><li>right</li></ul></th><th>y</th></tr></table>'],
    ['text between the cells of a row', '<table><tr>{{#if a}}<td>left</td>{{/if}}<td>right</td></tr><tr><td>x</td><td>y</td></tr></table>'],
  ])('reads a layout table (%s) as blocks', async (_name, html) => {
    const out = await show(html);
    expect(out).not.toContain('│');
    expect(out).toMatch(/left\n(\n|.*\n)*?(• )?right/);
  });

  it('shows Gmail, Yahoo and Outlook quotes with > on every line', async () => {
    const gmail = await show('<p>reply</p><div class="gmail_quote"><blockquote class="gmail_quote">one<blockquote class="gmail_quote">two</blockquote></blockquote></div>');
    expect(gmail).toBe('reply\n\n> one\n>\n> > two\n');
    expect(await show('<p>reply</p><div class="yahoo_quoted">old text</div>')).toBe('reply\n\n> old text\n');
    const outlook = await show('<div><p>reply</p><div style="border:none;border-top:solid #E1E1E1 1.0pt"><p>From: X</p></div><p>old</p></div>');
    expect(outlook).toBe('reply\n\n> From: X\n>\n> old\n');
  });

  it('quotes Outlook replies without the box: a header paragraph (2010), header text after an <hr> (Hotmail)', async () => {
    const o2010 = '<div><p>reply</p><p><b>From:</b> Ann<br><b>Sent:</b> Monday<br><b>To:</b> Bob<br><b>Subject:</b> Hi</p><p>old</p></div><p>older</p>';
    expect(await show(o2010)).toBe('reply\n\n> From: Ann\n> Sent: Monday\n> To: Bob\n> Subject: Hi\n>\n> old\n>\n> older\n');
    const hotmail = '<div>reply<div><hr id="stopSpelling">Date: Monday<br>Subject: Hi<br>From: Ann<br><br><div>old</div></div></div>';
    expect(await show(hotmail)).toMatch(/^reply\n\n─+\n\n> Date: Monday\n> Subject: Hi\n> From: Ann\n>\n> old\n$/);
    expect(await show('<p>From: me</p><p>To: you</p>')).toBe('From: me\n\nTo: you\n');
  });

  it('makes headings bold with a blank line before, never upper-cased', async () => {
    expect(await show('<p>intro</p><h2>Mixed Case</h2><p>body</p>')).toBe('intro\n\nMixed Case\n\nbody\n');
    const rich = await render('<h2>Mixed Case</h2>', ['--html', '--no-pager', '--color', 'always']);
    expect(rich.stdout).toContain('\x1b[1mMixed Case\x1b[0m');
  });

  it('indents nested lists further, with a hanging indent', async () => {
    const out = await show('<ul><li>one two three four five six seven eight nine ten eleven twelve<ul><li>inner</li></ul></li></ul>');
    expect(out).toBe('• one two three four five six seven eight nine ten eleven\n  twelve\n  ◦ inner\n');
  });

  it('keeps the spacing of <pre>', async () => {
    expect(await show('<pre>a    b\n  c</pre>')).toBe('a    b\n  c\n');
  });

  it('shows images by alt text, cid: images by name, and drops pixels and bare decorations', async () => {
    const html = '<img src="https://x.example/a.png" alt="Chart"><img src="https://t.example/p.gif" width="1" height="1" alt="pixel"><img src="https://x.example/deco.png"><a href="https://x.example/"><img src="b.png"></a>';
    expect(await show(html)).toBe('[image: Chart][image → x.example]\n');
    const linked = await render(html, ['--html', '--no-pager', '--hyperlinks', 'always']);
    expect(linked.stdout).toContain('https://x.example/a.png\x1b\\[image: Chart]');
  });

  it.each([
    '<div style="display:none">secret</div>',
    '<span style="DISPLAY: NONE">secret</span>',
    '<p style="visibility:hidden">secret</p>',
    '<div style="max-height:0px;overflow:hidden">secret</div>',
    '<div style="mso-hide:all;display:none">secret</div>',
    '<div style="mso-hide:all; max-height:0; overflow:hidden">secret</div>',
    '<div hidden>secret</div>',
    '<template>secret</template>',
    '<head><title>secret</title><style>p{}</style><script>secret</script></head>',
  ])('hides %s', async (html) => {
    expect(await show(`${html}<p>shown</p>`)).toBe('shown\n');
  });

  it.each([
    ['a bulletproof button', '<!--[if mso]><v:roundrect><center>Buy Now</center></v:roundrect><![endif]--><a href="https://shop.example/buy" style="mso-hide:all;display:inline-block">Buy Now</a>'],
    ['a rating scale', '<table style="mso-hide: all"><tr><td>Buy Now</td></tr></table>'],
    ['max-height:0 without overflow:hidden', '<div style="max-height:0px">Buy Now</div>'],
    ['display:none overridden by a later declaration', '<div style="display:none;display:block">Buy Now</div>'],
  ])('shows mso-hide:all content that nothing else hides: %s', async (_name, html) => {
    expect(await show(html)).toBe('Buy Now\n');
  });
});
