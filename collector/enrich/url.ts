import { BoundedCache } from './bounded-cache.ts';

/** What the collector reads off a page URL and its referrer. */
export interface UrlParts {
  path: string;
  hostname: string;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  /** Click ids (gclid, fbclid, msclkid, ...) mark paid traffic even without utm_medium. */
  clickId: string | null;
}

const CLICK_IDS = ['gclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid'] as const;

/** UTM values are trimmed and lower-cased so "Spring-Sale " and "spring-sale" are one campaign. */
function utm(params: URLSearchParams, key: string): string | null {
  const value = params.get(key)?.trim().toLowerCase();
  return value ? value : null;
}

/**
 * Parsing a URL costs about a microsecond; a site's visitors open the same pages and come from the
 * same referrers over and over, so results are remembered (shared, never modified).
 */
const CACHE_SIZE = 5_000;
const pages = new BoundedCache<string, Readonly<UrlParts>>(CACHE_SIZE);
const referrers = new BoundedCache<string, string | null>(CACHE_SIZE);

export function parsePageUrl(url: string): Readonly<UrlParts> {
  return pages.get(url) ?? pages.set(url, parseUncached(url));
}

/** Whether `url` was parsed here before (so `new URL(url)` succeeds): spares the quick check a parse. */
export function isKnownPageUrl(url: string): boolean {
  return pages.get(url) !== undefined;
}

export function referrerHost(referrer: string | undefined): string | null {
  if (!referrer) return null;
  const cached = referrers.get(referrer);
  return cached !== undefined ? cached : referrers.set(referrer, hostOf(referrer));
}

function parseUncached(url: string): UrlParts {
  const parsed = new URL(url);
  const params = parsed.searchParams;
  return {
    path: decodePath(parsed.pathname),
    hostname: parsed.hostname,
    utmSource: utm(params, 'utm_source'),
    utmMedium: utm(params, 'utm_medium'),
    utmCampaign: utm(params, 'utm_campaign'),
    utmTerm: utm(params, 'utm_term'),
    utmContent: utm(params, 'utm_content'),
    clickId: CLICK_IDS.find((key) => params.has(key)) ?? null,
  };
}

function hostOf(referrer: string): string | null {
  try {
    return new URL(referrer).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURI(pathname);
  } catch {
    return pathname;
  }
}
