// Table and list structure as the HTML standard defines it, and what inline styles say of white
// space and of the space between blocks; each case as a browser shows it.
import { describe, expect, it } from 'vitest';
import { render } from '../../helpers/run.js';

const plain = (width: number) => ['--html', '--no-pager', '--width', String(width), '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'never'];
const show = async (html: string, width = 72) => (await render(html, plain(width))).stdout;

describe('table structure', () => {
  it('shows a caption above its table', async () => {
    expect(await show('<table><caption>Your order</caption><tr><td>Tea</td><td>$3.50</td></tr><tr><td>Total</td><td>$3.50</td></tr></table>')).toBe('Your order\n\nTea   │ $3.50\nTotal │ $3.50\n');
  });

  it('puts cells outside any <tr> into a row of their own, as the parser does', async () => {
    expect(await show('<table><td>1<td>2<td>3</table>')).toBe('1  2  3\n');
    const out = await show('<table><tr><td>Tea</td><td>$3.50</td></tr><th>Cake</th><th>$4.00</th><tr><td>Total</td><td>$7.50</td></tr></table>');
    expect(out).toMatch(/Cake +│ \$4\.00/);
  });

  it('shows content written between rows before the table', async () => {
    const out = await show('<table><tr><td>Tea</td><td>$3.50</td></tr><span>Thank you</span><tr><td>Total</td><td>$3.50</td></tr></table>');
    expect(out).toBe('Thank you\n\nTea   │ $3.50\nTotal │ $3.50\n');
  });
});

describe('image columns', () => {
  it('leaves no gap for a column of pictures without words, spanning rows or not', async () => {
    const html = '<table width="100%"><tr><td width="100" rowspan="2"><img src="https://x.example/a.jpg" width="100"></td><td>Golden Earrings</td><td>$3.50</td></tr><tr><td>Qty 1</td><td></td></tr><tr><td width="100"><img src="https://x.example/b.jpg" width="100"></td><td>Silver Ring</td><td>$12.00</td></tr></table>';
    expect(await show(html)).toBe('Golden Earrings │ $3.50\nQty 1\nSilver Ring     │ $12.00\n');
  });

  it('places the cells of a row below a rowspan in the columns the HTML table model gives them', async () => {
    const html = '<table><tr><td rowspan="2">Order 1</td><td>Tea</td><td>$3.50</td></tr><tr><td>Cake</td><td>$4.00</td></tr><tr><td>Order 2</td><td>Pie</td><td>$5.00</td></tr></table>';
    expect(await show(html)).toBe('Order 1 │ Tea  │ $3.50\n        │ Cake │ $4.00\nOrder 2 │ Pie  │ $5.00\n');
  });
});

describe('list numbering', () => {
  it.each([
    ['start, including 0', '<ol start="0"><li>a<li>b</ol>', '0. a\n1. b\n'],
    ['value resets the count', '<ol><li>a<li value="10">b<li>c</ol>', '1. a\n10. b\n11. c\n'],
    ['reversed counts down from the number of items', '<ol reversed><li>a<li>b<li>c</ol>', '3. a\n2. b\n1. c\n'],
    ['reversed with start', '<ol reversed start="10"><li>a<li>b</ol>', '10. a\n9. b\n'],
    ['type=a', '<ol type="a"><li>a<li>b</ol>', 'a. a\nb. b\n'],
    ['type=A past Z', '<ol type="A" start="27"><li>a</ol>', 'AA. a\n'],
    ['type=i', '<ol type="i" start="3"><li>a<li>b</ol>', 'iii. a\niv. b\n'],
    ['type=I', '<ol type="I" start="1999"><li>a</ol>', 'MCMXCIX. a\n'],
    ['a hidden item counts no number', '<ol><li>a<li style="display:none">gone<li>b</ol>', '1. a\n2. b\n'],
  ])('%s', async (_name, html, want) => expect(await show(html)).toBe(want));

  it('keeps the marker of an empty item', async () => {
    expect(await show('<ul><li>a</li><li></li><li>c</li></ul>')).toBe('• a\n•\n• c\n');
    expect(await show('<ol><li>a</li><li> </li></ol>')).toBe('1. a\n2.\n');
  });

  it('shows the marker of an item that holds only a sublist on a line of its own', async () => {
    expect(await show('<ul><li><ul><li>x</li><li>y</li></ul></li><li>z</li></ul>')).toBe('•\n  ◦ x\n  ◦ y\n• z\n');
  });

  it('gives a sublist written straight into a list no marker of its own', async () => {
    expect(await show('<ul><li>a</li><ul><li>b</li></ul></ul>')).toBe('• a\n  ◦ b\n');
  });
});

describe('white-space in inline styles', () => {
  it('keeps spaces and line breaks under pre-wrap, and still wraps', async () => {
    const html = '<div style="white-space: pre-wrap">Name:   Sam\n  Order:  1234\n\nThanks for shopping with us, we hope to see you again soon.</div>';
    expect(await show(html, 40)).toBe('Name:   Sam\n  Order:  1234\n\nThanks for shopping with us, we hope to\nsee you again soon.\n');
  });

  it('keeps line breaks under pre-line and pre', async () => {
    expect(await show('<p style="white-space:pre-line">a    b\nc</p>')).toBe('a b\nc\n');
    expect(await show('<td style="white-space:pre">x  y\nz</td>')).toBe('x  y\nz\n');
  });

  it('keeps the line breaks of a data cell whose own style says pre-line', async () => {
    expect(await show('<table><tr><td style="white-space:pre-line">Ship to\nSam Reilly</td><td>$3.50</td></tr><tr><td>Total</td><td>$3.50</td></tr></table>')).toBe('Ship to    │ $3.50\nSam Reilly\nTotal      │ $3.50\n');
  });

  it('collapses again where a child says normal', async () => {
    expect(await show('<div style="white-space:pre">a\n<span style="white-space:normal">b\nc</span></div>')).toBe('a\nb c\n');
  });
});

describe('vertical space from padding and margin', () => {
  it('sets blocks apart by a blank line when padding or margin is a few pixels or more', async () => {
    const html = '<div style="padding:24px 0 12px">Your receipt</div><div style="margin-top:0">Hello Sam,</div><div style="padding-top:16px">Thanks for your order.</div><div style="padding:0 30px">Sign-off</div>';
    expect(await show(html)).toBe('Your receipt\n\nHello Sam,\n\nThanks for your order.\nSign-off\n');
  });

  it('reads layout cells apart by their padding, never two blank lines in a row', async () => {
    const html = '<table><tr><td style="padding:20px"><p style="margin:20px 0">One</p></td></tr><tr><td style="padding:2px">Two</td></tr><tr><td style="padding-bottom:1em">Three</td></tr><tr><td>Four</td></tr></table>';
    expect(await show(html)).toBe('One\n\nTwo\nThree\n\nFour\n');
  });

  it('sets nothing apart by the padding of cells side by side in a row', async () => {
    const html = '<table><tr><td style="padding:20px">Hop</td><td style="padding:20px">Time</td><td style="padding:20px">' + 'From a long description of the relay that went through many hosts. '.repeat(2) + '</td></tr></table>';
    expect(await show(html)).toMatch(/^Hop\nTime\nFrom a long/);
  });

  it('leaves inline elements and small paddings alone', async () => {
    expect(await show('<div>a <span style="padding:20px">b</span> c</div><div style="padding:4px">d</div>')).toBe('a b c\nd\n');
  });
});

describe('image placeholders', () => {
  const star = '<img src="https://x.example/star.png" alt="star">';
  it('counts a row of the same icon once', async () => {
    expect(await show(`<p>Rated ${star}${star} ${star}${star}${star} by you</p>`)).toBe('Rated [image: star ×5] by you\n');
    expect(await show(`<table><tr>${`<td>${star}</td>`.repeat(5)}<td>4.9 of 5</td></tr></table>`)).toBe('[image: star ×5]  4.9 of 5\n');
  });

  it('keeps icons that link to different places apart', async () => {
    const rate = (n: number) => `<a href="https://survey.example/rate/${n}"><img src="https://x.example/star.png" alt="star"></a>`;
    expect(await show(`<p>${rate(1)}${rate(2)}</p>`)).toBe('[image: star] [image: star]\n');
  });

  it('never splits a placeholder that fits the line, and breaks a longer one at its spaces', async () => {
    const html = '<p>Thanks for your order of <img alt="Golden Earrings"> and <img alt="a very long description of the product photo here"> today</p>';
    expect(await show(html, 40)).toBe('Thanks for your order of\n[image: Golden Earrings] and [image: a\nvery long description of the product\nphoto here] today\n');
  });
});
