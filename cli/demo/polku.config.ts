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
      // Across visits and days: one visitor is the device the shopper let the shop remember (consent,
      // "Remember me" on the sign-up form), so the visit, the sign-up and both orders join up.
      // Members who also sign in (polku('identify')) are their user id from their next visit on, on
      // every device; the collector does not join that id to the visits before it, so here they
      // leave after signing up, and their orders count in "Buying again" below.
      unit: 'visitor',
      window: '60d',
      steps: [
        { name: 'Visit', page: '/demo/' },
        { name: 'Sign-up', event: 'sign_up' },
        // A member's first order counts if it comes within a month of signing up.
        { name: 'First purchase', event: 'payment_confirmed', within: '30d' },
        { name: 'Repeat purchase', event: 'payment_confirmed' },
      ],
    },
    {
      id: 'repeat',
      name: 'Buying again, across days and devices',
      site: 'demo',
      // A visitor is the remembered device or, for members who signed in, the member on all their
      // devices: an order from the phone after one from the computer is a repeat purchase.
      unit: 'visitor',
      window: '60d',
      steps: [
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
    // The letter goes to members (remembered or signed in) to bring them back for another order.
    'members-letter': {
      journey: 'repeat',
      targets: { conversions: 15 },
    },
  },
  report: { title: 'Valo demo shop', timezone: 'Europe/Helsinki', currency: 'EUR' },
});
