import { channelOfMedium, normaliseMedium } from '../../config/index.ts';

/**
 * Channel rule table, checked top to bottom; the first matching rule wins (docs/channels.md is
 * the same table for people; keep the two in step).
 * Paid is decided by utm_medium or a click id before the referrer is looked at, because a paid
 * search click and an organic one arrive from the same search engine. Which medium means which
 * channel is config/utm-mediums.ts, the table `polku check` and the reports read too.
 */
export type Channel =
  | 'Direct'
  | 'Organic Search'
  | 'Paid Search'
  | 'Paid Social'
  | 'Organic Social'
  | 'Email'
  | 'AI Assistant'
  | 'Display'
  | 'Affiliate'
  | 'Referral'
  | 'Internal';

const SEARCH = /(^|\.)(google|bing|duckduckgo|yahoo|yandex|baidu|ecosia|qwant|startpage|brave|naver|seznam)\./;
const SOCIAL =
  /(^|\.)(facebook|fb|instagram|linkedin|lnkd|twitter|x|t|reddit|pinterest|tiktok|youtube|threads|mastodon|bsky|vk|tumblr|quora)\.(com|co|in|me|app|social|net)$/;
const AI =
  /(^|\.)(chatgpt\.com|chat\.openai\.com|perplexity\.ai|claude\.ai|gemini\.google\.com|copilot\.microsoft\.com|you\.com|phind\.com)$/;
/** Click ids that only social networks' ads add (TikTok, LinkedIn, X). */
const SOCIAL_AD_CLICK_IDS = new Set(['ttclid', 'li_fat_id', 'twclid']);
const EMAIL_HOSTS = /(^|\.)(mail\.google\.com|outlook\.live\.com|mail\.yahoo\.com|webmail\.)/;

export interface ChannelInput {
  utmMedium: string | null;
  utmSource: string | null;
  clickId: string | null;
  referrerHost: string | null;
  pageHost: string;
}

export function channelOf({ utmMedium, utmSource, clickId, referrerHost, pageHost }: ChannelInput): Channel {
  const medium = normaliseMedium(utmMedium ?? '');
  const byMedium = channelOfMedium(medium);
  const source = utmSource ?? '';
  const host = referrerHost ?? '';
  // Facebook adds fbclid to every outbound link, organic posts included: it says "from Facebook",
  // not "paid". The other click ids are only added to ad clicks.
  const social = SOCIAL.test(host) || SOCIAL.test(`${source}.com`) || clickId === 'fbclid';
  const adClick = clickId !== null && clickId !== 'fbclid';
  if (byMedium === 'Paid Search' || (adClick && !SOCIAL_AD_CLICK_IDS.has(clickId))) {
    return social ? 'Paid Social' : 'Paid Search';
  }
  if (byMedium === 'Paid Social' || adClick) return 'Paid Social';
  if (byMedium === 'Email' || EMAIL_HOSTS.test(host)) return 'Email';
  if (byMedium === 'Display' || byMedium === 'Affiliate') return byMedium;
  if (byMedium === 'Organic Social' || social) return 'Organic Social';
  if (AI.test(host) || /^(chatgpt|perplexity|claude|gemini|copilot)/.test(source)) return 'AI Assistant';
  if (SEARCH.test(host) || byMedium === 'Organic Search') return 'Organic Search';
  if (host === '' && medium === '' && source === '') return 'Direct';
  if (host === pageHost.replace(/^www\./, '')) return 'Internal';
  return 'Referral';
}
