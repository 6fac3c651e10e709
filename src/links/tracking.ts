// What a message tracks: query parameters that identify the reader to the site a link leads to, and
// remote images that tell the sender the message was opened. Both are data tables with the source
// of each entry, so that an entry can be checked and the tables kept current.
import { hostMatches } from './domain.js';

/** A tracking query parameter: an exact name, or a prefix when it ends in `*`; and where it is documented. */
type TrackingParameter = readonly [name: string, source: string];

const trackingParameters: readonly TrackingParameter[] = [
  ['utm_*', 'Google Analytics campaign URLs (utm_source, utm_medium, utm_campaign, utm_term, utm_content, utm_id …)'],
  ['_ga', 'Google Analytics cross-domain linker'],
  ['_gl', 'Google tag cross-domain linker'],
  ['gclid', 'Google Ads auto-tagging click id'],
  ['gclsrc', 'Google Ads auto-tagging click source'],
  ['dclid', 'Google Campaign Manager / Display & Video 360 click id'],
  ['gbraid', 'Google Ads app campaign measurement (iOS)'],
  ['wbraid', 'Google Ads web-to-app measurement (iOS)'],
  ['srsltid', 'Google Merchant Center auto-tagging'],
  ['fbclid', 'Meta (Facebook) click id'],
  ['igshid', 'Instagram share id'],
  ['msclkid', 'Microsoft Advertising auto-tagging click id'],
  ['twclid', 'X (Twitter) ads click id'],
  ['ref_src', 'X (Twitter) embed referral source (ref_src=twsrc^tfw)'],
  ['ttclid', 'TikTok ads click id'],
  ['li_fat_id', 'LinkedIn first-party ad tracking id'],
  ['yclid', 'Yandex Direct click id'],
  ['_openstat', 'Yandex Openstat campaign tag'],
  ['mc_cid', 'Mailchimp campaign id'],
  ['mc_eid', 'Mailchimp subscriber (email) id'],
  ['_hsenc', 'HubSpot email tracking'],
  ['_hsmi', 'HubSpot email message id'],
  ['__hstc', 'HubSpot visitor cookie passed in the URL'],
  ['__hssc', 'HubSpot session cookie passed in the URL'],
  ['__hsfp', 'HubSpot browser fingerprint passed in the URL'],
  ['hsCtaTracking', 'HubSpot call-to-action tracking'],
  ['mkt_tok', 'Adobe Marketo Engage email tracking token'],
  ['oly_anon_id', 'Omeda Olytics anonymous visitor id'],
  ['oly_enc_id', 'Omeda Olytics encrypted customer id'],
  ['vero_id', 'Vero customer id'],
  ['vero_conv', 'Vero conversion tracking'],
  ['wickedid', 'Wicked Reports click id'],
  ['_kx', 'Klaviyo subscriber id'],
  ['ml_subscriber', 'MailerLite subscriber id'],
  ['ml_subscriber_hash', 'MailerLite subscriber hash'],
  ['ck_subscriber_id', 'Kit (ConvertKit) subscriber id'],
  ['mtm_*', 'Matomo campaign tracking (mtm_campaign, mtm_source …)'],
  ['pk_campaign', 'Matomo (Piwik) campaign name'],
  ['pk_kwd', 'Matomo (Piwik) campaign keyword'],
];

const exactNames: ReadonlySet<string> = new Set(trackingParameters.filter(([n]) => !n.endsWith('*')).map(([n]) => n.toLowerCase()));
const prefixes: readonly string[] = trackingParameters.filter(([n]) => n.endsWith('*')).map(([n]) => n.slice(0, -1).toLowerCase());

/** True when a query parameter name is on the tracking list (case-insensitive). */
export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return exactNames.has(lower) || prefixes.some((p) => lower.startsWith(p));
}

/** An http(s) URL without its tracking parameters; the rest of the query is kept byte for byte. */
export function stripTracking(href: string): string {
  const q = href.indexOf('?');
  if (q < 0) return href;
  const hash = href.indexOf('#', q);
  const end = hash < 0 ? href.length : hash;
  const pairs = href.slice(q + 1, end).split('&');
  const kept = pairs.filter((pair) => !isTrackingParameter(parameterName(pair)));
  if (kept.length === pairs.length) return href;
  const query = kept.filter((p) => p !== '').join('&');
  return href.slice(0, q) + (query ? `?${query}` : '') + href.slice(end);
}

function parameterName(pair: string): string {
  const eq = pair.indexOf('=');
  const name = eq < 0 ? pair : pair.slice(0, eq);
  if (!/[%+]/.test(name)) return name;
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/** A remote image of the HTML part, as the HTML renderer saw it; nothing is ever loaded. */
export interface RemoteImage {
  readonly src: string;
  readonly width?: string;
  readonly height?: string;
  /** Inside hidden content, or styled so that no reader sees it (display:none …). */
  readonly hidden: boolean;
}

// Hosts that serve open-tracking images, each from its operator's own description of open tracking.
const trackingHosts: readonly (readonly [host: string, source: string])[] = [
  ['list-manage.com', 'Mailchimp open tracking (/track/open.php)'],
  ['mandrillapp.com', 'Mailchimp Transactional (Mandrill) open tracking'],
  ['sendgrid.net', 'Twilio SendGrid open tracking (/wf/open)'],
  ['google-analytics.com', 'Google Analytics Measurement Protocol, documented for e-mail opens (/collect)'],
  ['exct.net', 'Salesforce Marketing Cloud (ExactTarget) open tracking (open.aspx)'],
  ['mailtrack.io', 'Mailtrack read receipts'],
  ['mailfoogae.appspot.com', 'Streak e-mail tracking'],
  ['t.yesware.com', 'Yesware e-mail tracking'],
];

/** The host of an image URL when it is an open-tracking image (a pixel, hidden, or from a tracking host). */
export function trackingImageHost(image: RemoteImage): string | undefined {
  let host: string;
  try {
    host = new URL(image.src).hostname;
  } catch {
    return undefined;
  }
  if (host === '') return undefined;
  // A hidden image with a real size is another copy of a picture (a dark-mode or mobile logo), not a pixel.
  const hiddenPixel = image.hidden && !hasRealSize(image);
  return hiddenPixel || isPixel(image) || trackingHosts.some(([h]) => hostMatches(host, h)) ? host : undefined;
}

function hasRealSize(image: RemoteImage): boolean {
  return [image.width, image.height].some((s) => s !== undefined && (pixels(s) ?? 0) > 1);
}

// 1×1 (or 0 in either direction): too small to show anything; a missing size says nothing.
function isPixel(image: RemoteImage): boolean {
  const sizes = [image.width, image.height].flatMap((s) => (s === undefined ? [] : [pixels(s)]));
  if (sizes.some((n) => n === 0)) return true;
  return sizes.length > 0 && sizes.every((n) => n !== undefined && n <= 1);
}

function pixels(size: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:px)?\s*$/i.exec(size);
  return m ? Number(m[1]) : undefined;
}

const shownHosts = 3;

/** `2 open-tracking images (not loaded) from t.example, pixel.example`, or undefined when there are none. */
export function summariseTracking(images: readonly RemoteImage[]): string | undefined {
  const hosts: string[] = [];
  let count = 0;
  for (const image of images) {
    const host = trackingImageHost(image);
    if (host === undefined) continue;
    count++;
    if (!hosts.includes(host)) hosts.push(host);
  }
  if (count === 0) return undefined;
  const more = hosts.length > shownHosts ? ` and ${hosts.length - shownHosts} more` : '';
  const noun = count === 1 ? 'image' : 'images';
  return `${count} open-tracking ${noun} (not loaded) from ${hosts.slice(0, shownHosts).join(', ')}${more}`;
}
