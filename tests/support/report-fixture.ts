import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { storedEvent } from './events.ts';
import { appendEvents } from './seed-events.ts';

const T0 = Date.UTC(2026, 2, 1, 12);
const minutes = (n: number) => T0 + n * 60_000;

/** A shop with a three-step checkout and one campaign, small enough to check every number by hand. */
export const reportConfigInput = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/products/*' },
        { name: 'Cart', event: 'add_to_cart' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  campaigns: {
    'Spring-Sale': {
      journey: 'checkout',
      from: '2026-03-01',
      to: '2026-03-31',
      budget: 100,
      targets: { visitors: 10, conversions: 5, conversionRate: 0.1, revenue: 1000 },
    },
  },
  report: { title: 'Shop', timezone: 'Europe/Helsinki', currency: 'EUR' },
} satisfies PolkuConfigInput;
export const reportConfig = parseConfig(reportConfigInput);

/**
 * s1 (spring-sale, mobile): product → cart → feedback 9 → purchase 120 € — converts in 3 min.
 * s2 (spring-sale spelled differently): product, then /about 5 min later — drops at step 1.
 * s3, three days later: a single page view of / — a bounce, not in the journey.
 */
export async function appendReportFixture(store: Store): Promise<void> {
  await appendEvents(store, [
    storedEvent({
      sessionId: 's1',
      visitorId: 'v1',
      path: '/products/lamp',
      ts: minutes(0),
      utmCampaign: ' Spring-Sale',
      utmSource: 'newsletter',
      utmMedium: 'email',
      device: 'mobile',
    }),
    storedEvent({ sessionId: 's1', visitorId: 'v1', name: 'add_to_cart', ts: minutes(1) }),
    storedEvent({ sessionId: 's1', visitorId: 'v1', name: 'feedback', props: { score: 9 }, ts: minutes(2) }),
    storedEvent({ sessionId: 's1', visitorId: 'v1', name: 'purchase', value: 120, ts: minutes(3) }),
    storedEvent({
      sessionId: 's2',
      visitorId: 'v2',
      path: '/products/chair',
      ts: minutes(0),
      utmCampaign: 'spring-sale',
    }),
    storedEvent({ sessionId: 's2', visitorId: 'v2', path: '/about', ts: minutes(5) }),
    storedEvent({ sessionId: 's3', visitorId: 'v3', path: '/', ts: minutes(60 * 24 * 3) }),
  ]);
}
