import { channelOf } from '../collector/enrich/channel.ts';
import { countryOfTimeZone } from '../collector/enrich/country.ts';
import type { DeviceParser } from '../collector/enrich/device.ts';
import { parsePageUrl, referrerHost, type UrlParts } from '../collector/enrich/url.ts';
import { LIMITS } from '../collector/protocol.ts';
import type { StoredEvent } from '../store/index.ts';
import { deviceFromNames } from './device-names.ts';
import type { ImportSource } from './sources/source.ts';

/** Which configured site a row's own id (or page origin) names, or why none. */
export type SiteOf = (key: string | null) => { site: string } | { problem: string };

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** UTM values are trimmed and lower-cased, as the collector does with those of a page URL. */
const utm = (value: unknown): string | null => str(value)?.trim().toLowerCase() || null;

function pageOf(url: string): Readonly<UrlParts> | null {
  try {
    const page = parsePageUrl(url);
    return /^https?:$/.test(new URL(url).protocol) ? page : null;
  } catch {
    return null;
  }
}

/**
 * One staged row (stage.ts) as a stored event, derived the way the collector derives a collected
 * one (collector/enrich/enrich.ts): path, host and UTM from the page URL, the channel by the same
 * rules, device, browser and OS from the user agent with the same parser, the country from the time
 * zone. What the file says itself (Polku's export, another tool's campaign or device fields) fills
 * what the URL or user agent leave open. Returns the reason when the row cannot be used.
 */
export function deriveEvent(
  row: Record<string, unknown>,
  source: ImportSource,
  siteOf: SiteOf,
  devices: DeviceParser,
): StoredEvent | string {
  const site = siteOf(str(row.site_key));
  if ('problem' in site) return site.problem;
  const url = str(row.url);
  const page = url === null ? null : pageOf(url);
  if (url !== null && page === null) {
    return `url ${JSON.stringify(url.length > 60 ? `${url.slice(0, 57)}...` : url)} is not an http(s) address`;
  }
  const referrer = str(row.referrer);
  // The collector's limits hold for imported events too: the data came from the web all the same.
  const name = String(row.name);
  if (name.length > LIMITS.eventNameChars) return `event name is longer than ${LIMITS.eventNameChars} characters`;
  if ((url?.length ?? 0) > LIMITS.urlChars) return `url is longer than ${LIMITS.urlChars} characters`;
  if ((referrer?.length ?? 0) > LIMITS.urlChars) return `referrer is longer than ${LIMITS.urlChars} characters`;
  const fromHost = str(row.referrer_host) ?? referrerHost(referrer ?? undefined);
  const hostname = str(row.hostname) ?? page?.hostname ?? null;
  // Polku's own export holds the values as the collector stored them; another tool's as it wrote them.
  const given = source.name === 'polku' ? str : utm;
  const utmSource = page?.utmSource ?? given(row.utm_source);
  const utmMedium = page?.utmMedium ?? given(row.utm_medium);
  const userAgent = str(row.user_agent);
  const parsed = userAgent === null ? null : devices.parse(userAgent);
  const named = deviceFromNames(str(row.device), str(row.browser), str(row.os));
  let props: StoredEvent['props'] = null;
  try {
    props = source.props(str(row.props));
  } catch {
    props = null;
  }
  return {
    id: String(row.id),
    ts: Number(row.ts_ms),
    receivedAt: row.received_ms === null ? Number(row.ts_ms) : Number(row.received_ms),
    site: site.site,
    name,
    url,
    path: str(row.path) ?? page?.path ?? null,
    hostname,
    referrer,
    referrerHost: fromHost,
    utmSource,
    utmMedium,
    utmCampaign: page?.utmCampaign ?? given(row.utm_campaign),
    utmTerm: page?.utmTerm ?? given(row.utm_term),
    utmContent: page?.utmContent ?? given(row.utm_content),
    channel:
      str(row.channel) ??
      channelOf({
        utmMedium,
        utmSource,
        clickId: page?.clickId ?? str(row.click_id),
        referrerHost: fromHost,
        pageHost: hostname ?? '',
      }),
    visitorId: String(row.visitor),
    sessionId: String(row.session),
    pageId: str(row.page_id),
    device: parsed?.device ?? named.device,
    browser: parsed?.browser ?? named.browser,
    os: parsed?.os ?? named.os,
    country: str(row.country) ?? countryOfTimeZone(str(row.time_zone) ?? undefined),
    props,
    value: typeof row.value === 'number' && Number.isFinite(row.value) ? row.value : null,
  };
}
