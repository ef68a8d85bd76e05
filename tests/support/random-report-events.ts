/**
 * Random shop traffic with everything a full report reads, for checking a second report engine
 * (ClickHouse) against DuckDB: visitors with one to three sessions over ten days (across midnight in
 * Helsinki), campaigns spelled several ways, sources, devices, countries, landing pages, carts,
 * purchases with values, feedback with scores and comments (some without a score, some with text
 * only), events at equal timestamps, and a config with journeys of every order and unit, windows,
 * `within`, exclusions, campaigns with periods, budgets and targets. Everything comes from `random`.
 */
import { type PolkuConfig, type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import type { StoredEvent } from '../../store/index.ts';
import { storedEvent } from './events.ts';
import { pickOne } from './random.ts';

/** The first day of the random traffic (UTC midnight); it runs for ten days. */
export const RANDOM_REPORT_START = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;

const CAMPAIGNS = ['Spring-Sale', ' spring-sale', 'SPRING-SALE ', 'autumn', 'newsletter-7', null, null, null];
const SOURCES = [
  ['newsletter', 'email'],
  ['google', 'cpc'],
  ['facebook', 'social'],
] as const;
const CHANNELS = ['Direct', 'Email', 'Paid Search', 'Social', 'Organic Search'];
const COMMENTS = ['Great lamp', 'too slow checkout', '  ', 'Hinta oli hyvä', '<b>bold</b> & "quoted"'];

/** `visitors` random visitors' events, in shuffled arrival order (the array order is arrival order). */
export function randomReportEvents(random: () => number, visitors: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let v = 0; v < visitors; v++) {
    const sessions = 1 + Math.floor(random() * 3);
    const device = pickOne(random, ['desktop', 'mobile', 'tablet', null]);
    const country = pickOne(random, ['FI', 'SE', 'DE', null]);
    for (let s = 0; s < sessions; s++) {
      const campaign = pickOne(random, CAMPAIGNS);
      const [source, medium] = campaign === null ? [null, null] : pickOne(random, SOURCES);
      // Whole minutes from a random start: many events of a session share a timestamp.
      const start = RANDOM_REPORT_START + Math.floor(random() * 10 * DAY) - Math.floor(random() * 2) * 60_000;
      const base = {
        visitorId: `v${v}`,
        sessionId: `v${v}-s${s}`,
        device,
        country,
        channel: campaign === null ? pickOne(random, CHANNELS) : 'Email',
      };
      const length = 1 + Math.floor(random() * 8);
      for (let k = 0; k < length; k++) {
        const ts = start + Math.floor(random() * (k + 1) * 2) * 60_000;
        const kind =
          k === 0 ? 'landing' : pickOne(random, ['page', 'page', 'cart', 'checkout', 'purchase', 'feedback', 'other']);
        const first = k === 0 ? { utmCampaign: campaign, utmSource: source, utmMedium: medium } : {};
        events.push(storedEvent({ ...base, ...first, ts, ...eventOf(random, kind) }));
      }
    }
  }
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j] as StoredEvent, events[i] as StoredEvent];
  }
  return events;
}

function eventOf(random: () => number, kind: string): Partial<StoredEvent> {
  switch (kind) {
    case 'landing':
      return { name: 'pageview', path: pickOne(random, ['/', '/products/lamp', '/products/chair', '/blog/1']) };
    case 'page':
      return { name: 'pageview', path: pickOne(random, ['/products/lamp', '/products/chair', '/cart', '/about']) };
    case 'cart':
      return { name: 'add_to_cart', path: '/cart', props: { currency: 'EUR' } };
    case 'checkout':
      return { name: 'begin_checkout', path: '/checkout' };
    case 'purchase':
      return { name: 'purchase', path: '/thanks', value: pickOne(random, [19.9, 120, 45.5, null]) };
    case 'feedback': {
      const score = pickOne(random, [0, 3, 6, 7, 8, 9, 10, 11, null]);
      const comment = random() < 0.5 ? pickOne(random, COMMENTS) : undefined;
      const props: Record<string, string | number> = {};
      if (score !== null) props.score = score;
      if (comment !== undefined) props.comment = comment;
      return { name: 'feedback', path: '/thanks', props };
    }
    default:
      return { name: 'newsletter_signup', path: '/about' };
  }
}

/** A config for the random traffic: journeys of every order and unit, and three campaigns. */
export function randomReportConfig(overrides: { revenue?: boolean } = {}): PolkuConfig {
  return parseConfig(randomReportConfigInput(overrides));
}

/** randomReportConfig as written in a config file (for `polku --config FILE.json`). */
export function randomReportConfigInput(overrides: { revenue?: boolean } = {}): PolkuConfigInput {
  const checkout = [
    { name: 'Product', page: '/products/*' },
    { name: 'Cart', event: 'add_to_cart' },
    { name: 'Checkout', event: 'begin_checkout' },
    { name: 'Paid', event: 'purchase' },
  ];
  return {
    sites: [{ id: 'shop', origins: ['https://shop.example'] }],
    journeys: [
      { id: 'checkout', name: 'Checkout', site: 'shop', steps: checkout },
      { id: 'quick', name: 'Quick checkout', site: 'shop', window: '10m', steps: checkout },
      { id: 'strict', name: 'Strict', site: 'shop', order: 'strict', steps: checkout.slice(0, 3) },
      { id: 'any', name: 'Any order', site: 'shop', order: 'any', unit: 'visitor', steps: checkout.slice(1) },
      {
        id: 'no-feedback',
        name: 'Without feedback',
        site: 'shop',
        unit: 'visitor',
        steps: [
          { name: 'Product', page: '/products/*' },
          { name: 'Paid', event: 'purchase', within: '30m' },
        ],
        exclude: [{ event: 'feedback' }],
      },
    ],
    campaigns: {
      'Spring-Sale': {
        journey: 'checkout',
        from: '2026-03-01',
        to: '2026-03-07',
        budget: 100,
        targets: { visitors: 50, conversions: 5, conversionRate: 0.1, revenue: 1000 },
      },
      autumn: { journey: 'any', from: '2026-03-05', to: '2026-03-20' },
      'newsletter-7': {},
    },
    ...(overrides.revenue ? { revenue: { event: 'purchase' } } : {}),
    report: { title: 'Shop', timezone: 'Europe/Helsinki', currency: 'EUR' },
  };
}
