import type { PolkuConfigInput } from '../config/index.ts';

/**
 * The benchmark configuration: 10 journeys (every order, unit, window and exclusion kind) over the
 * synthetic shop of synthetic-events.ts, and 200 configured campaigns with targets.
 */
const checkout = [
  { name: 'Product', page: '/products/*' },
  { name: 'Cart', event: 'add_to_cart' },
  { name: 'Checkout', event: 'begin_checkout' },
  { name: 'Paid', event: 'purchase' },
];
type JourneyInput = NonNullable<PolkuConfigInput['journeys']>[number];
const journeys: JourneyInput[] = [
  { id: 'checkout', name: 'Checkout', site: 'shop', steps: checkout },
  { id: 'checkout-30m', name: 'Checkout in 30 min', site: 'shop', window: '30m', steps: checkout },
  {
    id: 'checkout-within',
    name: 'Checkout, pay within 5 min',
    site: 'shop',
    window: '1h',
    steps: [...checkout.slice(0, 3), { name: 'Paid', event: 'purchase', within: '5m' }],
  },
  { id: 'checkout-strict', name: 'Checkout, nothing between', site: 'shop', order: 'strict', steps: checkout },
  { id: 'checkout-any', name: 'Checkout, any order', site: 'shop', order: 'any', window: '30m', steps: checkout },
  { id: 'visitor-checkout', name: 'Visitor checkout', site: 'shop', unit: 'visitor', steps: checkout },
  {
    id: 'no-feedback',
    name: 'Checkout without feedback',
    site: 'shop',
    steps: checkout,
    exclude: [{ event: 'feedback' }],
  },
  { id: 'cart', name: 'Cart to paid', site: 'shop', steps: checkout.slice(1) },
  {
    id: 'home-product',
    name: 'Home to product',
    site: 'shop',
    steps: [{ name: 'Home', page: '/' }, checkout[0] as JourneyInput['steps'][number]],
  },
  {
    id: 'blog-product',
    name: 'Blog to product',
    site: 'shop',
    steps: [{ name: 'Blog', page: '/blog/*' }, checkout[0] as JourneyInput['steps'][number]],
  },
];
const campaigns = Object.fromEntries(
  Array.from({ length: 200 }, (_, i) => [
    `campaign-${i}`,
    {
      journey: 'checkout',
      from: '2026-01-01',
      to: '2026-03-31',
      budget: 1000,
      targets: { visitors: 3000, conversions: 50, conversionRate: 0.02, revenue: 5000 },
    },
  ]),
);
export const BENCH_CONFIG: PolkuConfigInput = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys,
  campaigns,
};
