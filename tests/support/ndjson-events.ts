import { writeFileSync } from 'node:fs';

/** One event in the export shape `polku import` reads (what anyone can post to a collector, and more). */
export interface ImportedEvent {
  session: number;
  minute: number;
  name?: string;
  path?: string;
  utm_campaign?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_content?: string;
  utm_term?: string;
}

/** Writes events as NDJSON for `polku import`: fixed ids and times (2026-03-10, UTC), one visitor per session. */
export function writeImportFile(file: string, events: ImportedEvent[]): void {
  const lines = events.map(({ session, minute, name = 'pageview', path = '/', ...utm }, index) =>
    JSON.stringify({
      id: `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
      ts: new Date(Date.UTC(2026, 2, 10, 9, minute)).toISOString(),
      site: 'shop',
      name,
      url: `https://shop.example${path}`,
      path,
      session_id: `s${session}`,
      visitor_id: `v${session}`,
      ...utm,
    }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** A one-journey, one-campaign config for attack tests: checkout = a product page, then a purchase. */
export function writeShopConfig(file: string): void {
  writeFileSync(
    file,
    JSON.stringify({
      sites: [{ id: 'shop', origins: ['https://shop.example'] }],
      journeys: [
        {
          id: 'checkout',
          name: 'Checkout',
          site: 'shop',
          steps: [
            { name: 'Product', page: '/products/*' },
            { name: 'Paid', event: 'purchase' },
          ],
        },
      ],
      campaigns: { spring: { journey: 'checkout' } },
      // Every campaign gets a page, however few its sessions: these tests read each campaign's files.
      report: { title: 'Shop', timezone: 'UTC', currency: 'EUR', campaigns: { minSessions: 1 } },
    }),
  );
}
