// Open-tracking images: which remote images tell the sender the message was opened, and the summary line.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/links/context.js';
import { render } from '../helpers/run.js';
import { renderTrackingNotice } from '../../src/render/headers.js';
import { isTrackingParameter, summariseTracking, trackingImageHost, type RemoteImage } from '../../src/links/tracking.js';

const img = (src: string, extra: Partial<RemoteImage> = {}): RemoteImage => ({ src, hidden: false, ...extra });

describe('trackingImageHost', () => {
  it.each([
    ['a 1×1 pixel', img('https://t.example/o.gif', { width: '1', height: '1' })],
    ['1px by 1px', img('https://t.example/o.gif', { width: '1px', height: ' 1PX ' })],
    ['0 wide', img('https://t.example/o.gif', { width: '0', height: '40' })],
    ['only a width of 1', img('https://t.example/o.gif', { width: '1' })],
    ['hidden, without a size', img('https://t.example/banner.png', { hidden: true })],
    ['hidden, 1×1', img('https://t.example/o.gif', { width: '1px', height: '1px', hidden: true })],
    ['a known tracking host, full size', img('https://us1.list-manage.com/track/open.php?u=1', { width: '600' })],
    ['SendGrid', img('http://u123.ct.sendgrid.net/wf/open?upn=x')],
  ])('%s is an open-tracking image', (_name, image) => expect(trackingImageHost(image)).toBeDefined());

  it.each([
    ['a logo', img('https://shop.example/logo.png', { width: '120', height: '40' })],
    ['a hidden copy of a logo (dark mode, mobile)', img('https://shop.example/logo-dark.png', { height: '30px', hidden: true })],
    ['no size given', img('https://shop.example/hero.jpg')],
    ['a percentage', img('https://shop.example/hero.jpg', { width: '100%', height: '1' })],
    ['a look-alike host', img('https://list-manage.com.shop.example/x.png', { width: '300' })],
    ['an unparsable URL', img('https://exa mple.com/x.png', { width: '1', height: '1' })],
  ])('%s is not', (_name, image) => expect(trackingImageHost(image)).toBeUndefined());
});

describe('summariseTracking', () => {
  it('counts the images and names each host once, in order', () => {
    const images = [
      img('https://t.example/o.gif', { width: '1', height: '1' }),
      img('https://shop.example/logo.png', { width: '120', height: '40' }),
      img('https://pixel.example/p', { hidden: true }),
      img('https://t.example/o2.gif', { width: '1', height: '1' }),
    ];
    expect(summariseTracking(images)).toBe('3 open-tracking images (not loaded) from t.example, pixel.example');
  });
  it('says "image" for one and shortens a long host list', () => {
    expect(summariseTracking([img('https://a.example/', { hidden: true })])).toBe('1 open-tracking image (not loaded) from a.example');
    const many = ['a', 'b', 'c', 'd', 'e'].map((h) => img(`https://${h}.example/p`, { hidden: true }));
    expect(summariseTracking(many)).toBe('5 open-tracking images (not loaded) from a.example, b.example, c.example and 2 more');
  });
  it('is nothing without tracking images', () => {
    expect(summariseTracking([])).toBeUndefined();
    expect(summariseTracking([img('https://shop.example/logo.png', { width: '120' })])).toBeUndefined();
  });
});

describe('the tracking notice', () => {
  it('is one dim line, made from ctx.remoteImages as the HTML renderer fills it', () => {
    const ctx = createContext('t');
    ctx.remoteImages.push(img('https://t.example/o.gif', { width: '1', height: '1' }), img('https://pixel.example/p.png', { hidden: true }));
    expect(renderTrackingNotice(ctx.remoteImages)).toEqual([
      {
        kind: 'text',
        spans: [{ text: '2 open-tracking images (not loaded) from t.example, pixel.example', style: { dim: true } }],
        margins: [{ kind: 'item', marker: 'Tracking: ', style: { dim: true } }],
      },
    ]);
    expect(renderTrackingNotice([])).toEqual([]);
  });
});

describe('isTrackingParameter', () => {
  it.each(['utm_source', 'utm_anything', 'UTM_MEDIUM', 'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'mkt_tok', 'oly_anon_id', 'oly_enc_id', 'vero_id', 'wickedid', 'yclid', 'igshid', '_ga', 'ref_src'])(
    '%s is',
    (name) => expect(isTrackingParameter(name)).toBe(true),
  );
  it.each(['id', 'utm', 'ref', 'q', 'page', 'ga', 'source', 'token'])('%s is not', (name) => expect(isTrackingParameter(name)).toBe(false));
});

describe('tracking parameters in the output', () => {
  const mail = [
    'From: a@example.com',
    'Subject: s',
    'Content-Type: text/html',
    '',
    '<a href="https://shop.example/p?id=1&amp;utm_source=x&amp;fbclid=y">sale</a>',
    '<a href="mailto:help@shop.example?subject=Hi&amp;attach=/etc/passwd">mail us</a>',
    '<a href="https://shop.example/q?utm_campaign=z">https://shop.example/q?utm_campaign=z</a>',
  ].join('\n');

  it('--list-links shows the cleaned URLs and RFC 6068 mailto: fields only', async () => {
    const r = await render(mail, ['--list-links']);
    expect(r.stdout).toBe('1\tmailto:a@example.com\ta@example.com\n2\thttps://shop.example/p?id=1\tsale\n3\tmailto:help@shop.example?subject=Hi\tmail us\n4\thttps://shop.example/q\thttps://shop.example/q?utm_campaign=z\n');
  });

  it('footnotes show the cleaned URL; the text the sender wrote stays as written', async () => {
    const r = await render(mail, ['--no-pager', '--hyperlinks', 'never', '--color', 'never', '--footnotes', 'always']);
    expect(r.stdout).toContain('[2] https://shop.example/p?id=1\n');
    expect(r.stdout).toContain('https://shop.example/q?utm_campaign=z[4]');
  });

  it('--keep-tracking keeps them', async () => {
    const r = await render(mail, ['--list-links', '--keep-tracking']);
    expect(r.stdout).toContain('\thttps://shop.example/p?id=1&utm_source=x&fbclid=y\tsale\n');
    expect(r.stdout).toContain('\tmailto:help@shop.example?subject=Hi\t');
  });
});
