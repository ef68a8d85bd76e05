import type { Random } from './random.ts';
import { DEMO_USER_AGENTS } from './replays.ts';

/**
 * Who visits the demo shop and from where: the sources, campaigns and devices of the seeded
 * history. The numbers are chosen so the report tells a story: the autumn sale beats its targets,
 * the floor-lamp launch falls behind, and winter stories lose their mobile buyers at payment.
 */

export type Device = 'desktop' | 'mobile' | 'tablet';

export interface Source {
  /** What kind of source, for the behaviour below; the report derives its own channel. */
  kind: 'direct' | 'search' | 'social' | 'referral' | 'ai' | 'email' | 'paid';
  referrer?: string;
  /** utm_* query parameters of the landing page. */
  utm?: { source: string; medium: string; campaign: string; content?: string };
  campaign?: CampaignName;
}

export type CampaignName = 'autumn-sale' | 'floor-lamp-launch' | 'winter-stories' | 'members-letter';

export const PRODUCTS = {
  '/demo/products/lamp/': { id: 'aalto', price: 120 },
  '/demo/products/pendant/': { id: 'kuu', price: 180 },
  '/demo/products/floor/': { id: 'revontuli', price: 260 },
} as const;
export type ProductPath = keyof typeof PRODUCTS;
export const PRODUCT_PATHS = Object.keys(PRODUCTS) as ProductPath[];

const USER_AGENTS: Record<Device, readonly string[]> = {
  desktop: [
    DEMO_USER_AGENTS.desktop,
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  ],
  mobile: [
    DEMO_USER_AGENTS.mobile,
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    'Mozilla/5.0 (Linux; Android 14; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  ],
  tablet: [
    'Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  ],
};

const TIME_ZONES = {
  'Europe/Helsinki': 50,
  'Europe/Stockholm': 14,
  'Europe/Berlin': 12,
  'Europe/London': 10,
  'America/New_York': 8,
  'Europe/Tallinn': 6,
} as const;

export interface Visitor {
  userAgent: string;
  device: Device;
  /** The simulated network address: only the collector's visitor hash sees it. */
  address: string;
  tz: string;
  /** Set for visitors who let the shop remember them: their visits on other days join up. */
  clientId?: string;
  /** How far the device's clock is off; the collector corrects it from the batch's sent_at. */
  skewMs: number;
  signedUp: boolean;
  purchases: number;
  /** The shop's own id of a member who signed in (consented only): sent as `user_id` once identified. */
  userId?: string;
  /** The same member's other device (consented and signed in there too), made for a later order. */
  otherDevice?: Visitor;
}

export function newVisitor(random: Random, device: Device): Visitor {
  const consented = random.chance(0.35);
  return {
    userAgent: random.pick(USER_AGENTS[device]),
    device,
    address: `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`,
    tz: random.weighted(TIME_ZONES),
    ...(consented ? { clientId: random.token(22) } : {}),
    skewMs: random.chance(0.7) ? 0 : random.int(-300, 300) * 1000,
    signedUp: false,
    purchases: 0,
  };
}

export function deviceFor(random: Random, source: Source): Device {
  if (source.campaign === 'winter-stories') return random.weighted({ mobile: 80, desktop: 15, tablet: 5 });
  if (source.kind === 'social') return random.weighted({ mobile: 65, desktop: 30, tablet: 5 });
  return random.weighted({ desktop: 55, mobile: 40, tablet: 5 });
}

/** Unpaid traffic of an ordinary day. */
export function everydaySource(random: Random): Source {
  switch (
    random.weighted({ direct: 24, google: 26, bing: 5, duckduckgo: 5, instagram: 6, facebook: 4, blog: 6, ai: 3 })
  ) {
    case 'direct':
      return { kind: 'direct' };
    case 'google':
      return { kind: 'search', referrer: 'https://www.google.com/' };
    case 'bing':
      return { kind: 'search', referrer: 'https://www.bing.com/' };
    case 'duckduckgo':
      return { kind: 'search', referrer: 'https://duckduckgo.com/' };
    case 'instagram':
      return { kind: 'social', referrer: 'https://www.instagram.com/' };
    case 'facebook':
      return { kind: 'social', referrer: 'https://www.facebook.com/' };
    case 'blog':
      return { kind: 'referral', referrer: 'https://www.designblog.example/best-lamps-2026' };
    default:
      return { kind: 'ai', referrer: 'https://chatgpt.com/' };
  }
}

const CAMPAIGN_SOURCES: Record<CampaignName, Source[]> = {
  'autumn-sale': [
    {
      kind: 'email',
      campaign: 'autumn-sale',
      utm: { source: 'newsletter', medium: 'email', campaign: 'autumn-sale' },
    },
    {
      kind: 'social',
      campaign: 'autumn-sale',
      referrer: 'https://www.facebook.com/',
      utm: { source: 'facebook', medium: 'social', campaign: 'autumn-sale' },
    },
  ],
  'floor-lamp-launch': [
    {
      kind: 'paid',
      campaign: 'floor-lamp-launch',
      referrer: 'https://www.google.com/',
      utm: { source: 'google', medium: 'cpc', campaign: 'floor-lamp-launch', content: 'floor-lamp' },
    },
  ],
  'winter-stories': [
    {
      kind: 'social',
      campaign: 'winter-stories',
      referrer: 'https://www.instagram.com/',
      utm: { source: 'instagram', medium: 'social', campaign: 'winter-stories' },
    },
  ],
  'members-letter': [
    {
      kind: 'email',
      campaign: 'members-letter',
      utm: { source: 'newsletter', medium: 'email', campaign: 'members-letter' },
    },
  ],
};

export function campaignSource(random: Random, campaign: CampaignName): Source {
  return random.pick(CAMPAIGN_SOURCES[campaign]);
}

/** Campaign sessions on day `day` of the history (0 = 2026-10-01). */
export function campaignSessions(day: number): { campaign: CampaignName; sessions: number }[] {
  const planned: { campaign: CampaignName; sessions: number }[] = [];
  // The autumn sale: a newsletter every Friday (and its echo the next day), posts in between.
  if (day <= 30) {
    const weekday = (day + 4) % 7; // 2026-10-01 is a Thursday: 0 = Monday
    planned.push({ campaign: 'autumn-sale', sessions: weekday === 4 ? 26 : weekday === 5 ? 10 : 4 });
  }
  if (day >= 31) planned.push({ campaign: 'floor-lamp-launch', sessions: 24 + (day % 5) });
  if (day >= 39) planned.push({ campaign: 'winter-stories', sessions: 20 + (day % 4) });
  return planned;
}

/** Ordinary sessions on day `day`: a weekly rhythm and slow growth. */
export function everydaySessions(day: number): number {
  const weekday = (day + 3) % 7; // 0 = Monday
  const rhythm = [1.1, 1, 1, 1, 0.95, 0.8, 0.85][weekday] ?? 1;
  return Math.round(26 * rhythm * (1 + day / 90));
}

/** Hour-of-day weights (UTC): the shop's visitors are mostly in Finland, busiest in the evening. */
export const HOUR_WEIGHTS = [
  1, 0.5, 0.3, 0.3, 0.4, 0.8, 1.5, 2.5, 3.5, 4, 4, 4.2, 4.5, 4.2, 4, 4, 4.2, 4.8, 5.5, 6, 5.5, 4.5, 3, 2,
] as const;

/** How likely each step is, for this source and device. */
export interface Propensity {
  product: number;
  addToCart: number;
  checkout: number;
  purchase: number;
}

export function propensity(source: Source, device: Device, intent: 'browse' | 'buy'): Propensity {
  const purchase = device === 'desktop' ? 0.62 : device === 'tablet' ? 0.55 : 0.5;
  if (intent === 'buy')
    return { product: 0.95, addToCart: 0.8, checkout: 0.85, purchase: Math.min(0.9, purchase + 0.2) };
  switch (source.campaign) {
    case 'autumn-sale':
      return { product: 0.85, addToCart: 0.5, checkout: 0.75, purchase: purchase + 0.1 };
    case 'floor-lamp-launch':
      return { product: 0.9, addToCart: 0.2, checkout: 0.6, purchase: 0.5 };
    case 'winter-stories':
      // The payment form is hard to fill in on a phone: mobile buyers leave at the last step.
      return { product: 0.9, addToCart: 0.42, checkout: 0.75, purchase: device === 'desktop' ? 0.65 : 0.08 };
    default:
      return { product: 0.7, addToCart: 0.3, checkout: 0.7, purchase };
  }
}
