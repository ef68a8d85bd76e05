import { defineConfig } from '../../config/index.ts';

/**
 * The demo shop's configuration, as its owner would write it: what `polku demo` (and `npm start`)
 * reports on. The demo adds its own address to the site's origins when it listens on another port.
 */
export default defineConfig({
  // valo.example is the shop's public address, where its (simulated) history was recorded.
  sites: [
    {
      id: 'demo',
      origins: ['https://valo.example', 'http://127.0.0.1:8787', 'http://localhost:8787'],
      replay: true,
      // The shop's backend confirms payments through /api/server-events with this secret. In the demo
      // it is a demo-only secret: random for each run unless the variable is set (cli/commands/demo.ts).
      secretEnv: 'POLKU_DEMO_SECRET',
    },
  ],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'demo',
      // A purchase that takes longer than an hour from the product page is another visit's doing.
      window: '1h',
      steps: [
        { name: 'Product', page: '/demo/products/*/' },
        { name: 'Add to cart', event: 'add_to_cart' },
        { name: 'Checkout', page: '/demo/checkout/' },
        // The backend's truth: it confirms every payment, also when the browser never came back
        // from the payment page to say "purchase".
        { name: 'Payment confirmed', event: 'payment_confirmed' },
      ],
    },
    {
      id: 'express',
      name: 'Express checkout (no detours, no help)',
      site: 'demo',
      // Strict: nothing else between the steps, so this counts the straight path only.
      order: 'strict',
      steps: [
        { name: 'Add to cart', event: 'add_to_cart' },
        { name: 'Checkout', page: '/demo/checkout/' },
        { name: 'Purchase', event: 'purchase' },
      ],
      // A shopper who needed the shipping and returns page was not served by the express path.
      exclude: [{ page: '/demo/help/**' }],
    },
    {
      id: 'loyalty',
      name: 'From first visit to repeat customer',
      site: 'demo',
      // Across visits: spans days for visitors who let the shop remember them (consent), and across
      // devices for members who signed in (their user id). Visits before signing in stay apart.
      unit: 'visitor',
      window: '60d',
      steps: [
        { name: 'Visit', page: '/demo/' },
        { name: 'First purchase', event: 'payment_confirmed' },
        { name: 'Repeat purchase', event: 'payment_confirmed' },
      ],
    },
    {
      id: 'browse',
      name: 'Browse the collection',
      site: 'demo',
      // Any order: how many of the three lamps a visit looked at, whichever came first.
      order: 'any',
      window: '30m',
      steps: [
        { name: 'Aalto lamp', page: '/demo/products/lamp/' },
        { name: 'Kuu pendant', page: '/demo/products/pendant/' },
        { name: 'Revontuli floor lamp', page: '/demo/products/floor/' },
      ],
    },
  ],
  // The NPS prompt (data-feedback on the shop's tag) at checkout: when the pointer leaves towards
  // the tabs, or after 20 s without input, on half of the checkout page loads.
  feedback: [
    {
      journey: 'checkout',
      step: 'Checkout',
      idle: '20s',
      onLeave: true,
      rate: 0.5,
      question: 'How likely are you to recommend Valo to a friend?',
    },
  ],
  campaigns: {
    'autumn-sale': {
      owner: 'Aino Virtanen',
      goal: 'Sell 45 lamps in October, half of them to newsletter readers',
      notes: 'notes/autumn-sale.md',
      journey: 'checkout',
      from: '2026-10-01',
      to: '2026-10-31',
      budget: 1500,
      targets: { visitors: 240, conversions: 45, revenue: 7500 },
    },
    'floor-lamp-launch': {
      owner: 'Mikko Laine',
      goal: 'Launch the floor lamp: 90 sold in November at 10 % conversion',
      journey: 'checkout',
      from: '2026-11-01',
      to: '2026-11-29',
      budget: 6000,
      targets: { visitors: 900, conversionRate: 0.1, conversions: 90, revenue: 20000 },
    },
    'winter-stories': {
      journey: 'checkout',
      from: '2026-11-09',
      to: '2026-11-29',
      budget: 2500,
      targets: { visitors: 400, conversions: 40 },
    },
    'members-letter': {
      journey: 'loyalty',
      targets: { conversions: 15 },
    },
  },
  report: { title: 'Valo demo shop', timezone: 'Europe/Helsinki', currency: 'EUR' },
});
