import { defineConfig } from './config/index.ts';

/**
 * A minimal configuration for the demo shop's pages: copy it for your own sites. (`npm start` runs
 * `polku demo` with the fuller cli/demo/polku.config.ts.)
 */
export default defineConfig({
  sites: [{ id: 'demo', origins: ['http://127.0.0.1:8787', 'http://localhost:8787'], replay: true }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'demo',
      steps: [
        { name: 'Home', page: '/demo/' },
        { name: 'Product', page: '/demo/products/**' },
        { name: 'Add to cart', event: 'add_to_cart' },
        { name: 'Purchase', event: 'purchase' },
      ],
    },
  ],
  report: { title: 'Valo demo shop', timezone: 'Europe/Helsinki', currency: 'EUR' },
});
