/**
 * A campaign page as a one-page retrospective, in real Chromium over a real `polku build` and
 * `polku preview`: the owner's notes (written here to attack the page) render as text and safe
 * links only, the page loads nothing from elsewhere and runs no script, and printed to A4 it fits
 * on one or two pages.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PolkuConfigInput } from '../../config/index.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { storedEvent } from '../support/events.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';

const T0 = Date.UTC(2026, 2, 10, 9);

/** 30 sessions from the campaign: all view a product, 20 add to cart (carrying the price), 12 pay. */
function campaignEvents(): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let i = 0; i < 30; i++) {
    const base = { sessionId: `s${i}`, visitorId: `v${i}`, device: i % 2 ? 'mobile' : 'desktop' };
    const at = (minute: number) => T0 + i * 3_600_000 + minute * 60_000;
    const price = 20 + (i % 6) * 15;
    events.push(
      storedEvent({
        ...base,
        ts: at(0),
        path: '/products/lamp',
        utmCampaign: 'spring',
        utmSource: 'newsletter',
        utmMedium: 'email',
        channel: 'Email',
      }),
    );
    if (i < 20) events.push(storedEvent({ ...base, ts: at(1), name: 'add_to_cart', value: price }));
    if (i < 12) events.push(storedEvent({ ...base, ts: at(2), name: 'purchase', value: price }));
  }
  return events;
}

/** Notes an owner might write, with every trick a page must survive appended. */
const notes = (probe: string) => `# What we learned

The newsletter sold; the banners did not.

1. Mobile visitors left at the cart: the button sat below the fold.
2. Subject lines with a price opened better.

See [the March report](https://shop.example/reports/march) or write to [Aino](mailto:aino@shop.example).

<script>fetch('${probe}/script')</script>
<img src="${probe}/raw-img" onerror="fetch('${probe}/onerror')">
[click me](javascript:fetch('${probe}/js'))
![banner](${probe}/banner.png)
<iframe src="${probe}/frame"></iframe>
`;

describeBrowser('a campaign retrospective page', () => {
  let dir: string;
  let probe: Server;
  const probed: string[] = [];
  let browser: Browser;
  let preview: RunningPolku;
  let root: string;
  let origin: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    probe = createServer((request, response) => {
      probed.push(request.url ?? '');
      response.end();
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    dir = mkdtempSync(join(tmpdir(), 'polku-retrospective-'));
    mkdirSync(join(dir, 'notes'));
    writeFileSync(join(dir, 'notes', 'spring.md'), notes(origin));
    const config: PolkuConfigInput = {
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
        spring: {
          owner: 'Aino Virtanen',
          goal: 'Sell 40 lamps to newsletter readers in March',
          notes: 'notes/spring.md',
          journey: 'checkout',
          from: '2026-03-01',
          to: '2026-03-31',
          budget: 300,
          targets: { visitors: 60, conversions: 20, conversionRate: 0.3, revenue: 1000 },
        },
      },
      report: { title: 'Retrospective', timezone: 'Europe/Helsinki', currency: 'EUR' },
    };
    const file = join(dir, 'polku.config.json');
    writeFileSync(file, JSON.stringify(config));
    const db = join(dir, 'polku.duckdb');
    const store = await Store.open(db);
    try {
      await appendEvents(store, campaignEvents());
    } finally {
      await store.close();
    }
    const out = join(dir, 'site');
    const built = await runPolku(['build', '--config', file, '--db', db, '--out', out]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    preview = await startPolku(['preview', '--out', out, '--port', '0']);
    root = `${preview.url}/`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await new Promise((resolve) => probe?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(new URL(path, root).href, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    return page;
  }

  it("shows goal, owner and the owner's notes as text and safe links, loading nothing and running nothing", async () => {
    const page = await open('campaigns/spring/');
    expect(await page.getByTestId('goal').textContent()).toBe('Sell 40 lamps to newsletter readers in March');
    expect(await page.getByTestId('owner').textContent()).toBe('Aino Virtanen');
    const esc = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
    expect(await page.getByTestId('notes').innerHTML()).toBe(
      [
        '<h3>What we learned</h3>',
        '<p>The newsletter sold; the banners did not.</p>',
        '<ol>',
        '<li>Mobile visitors left at the cart: the button sat below the fold.</li>',
        '<li>Subject lines with a price opened better.</li>',
        '</ol>',
        '<p>See <a href="https://shop.example/reports/march">the March report</a> or write to <a href="mailto:aino@shop.example">Aino</a>.</p>',
        `<p>${esc(`<script>fetch('${origin}/script')</script>`)}`,
        `${esc(`<img src="${origin}/raw-img" onerror="fetch('${origin}/onerror')">`)}`,
        `[click me](javascript:fetch('${origin}/js'))`,
        `<a href="${origin}/banner.png">banner</a>`,
        `${esc(`<iframe src="${origin}/frame"></iframe>`)}</p>`,
        '',
      ].join('\n'),
    );
    // Nothing in the page can run or load: no script, no image, no frame, no handler attribute.
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((element) =>
        [...element.attributes].filter((attribute) => attribute.name.startsWith('on')).map((a) => a.name),
      ),
    );
    expect(handlers).toEqual([]);
    // The value counts the 12 purchases only (2 × (20 + 35 + 50 + 65 + 80 + 95) = 690 €), not the
    // 20 carts that carried the price too; 300 € budget: 25 € per conversion, 690 / 300 back.
    expect(await page.getByTestId('value').locator('tbody tr').allTextContents()).toEqual([
      'Total value€690.00',
      'Per visitor€23.00',
      'Cost per conversion€25.00',
      'Return on spend230%',
    ]);
    expect(await page.locator('[data-testid="value-concentration"] svg[role="img"]').count()).toBe(1);
    await page.close();
    expect(probed).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('prints on at most two A4 pages, without the screen-only detail', async () => {
    const page = await open('campaigns/spring/');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.print-skip').first().isVisible()).toBe(false);
    expect(await page.getByTestId('learned').isVisible()).toBe(true);
    expect(await page.getByTestId('campaign-value').isVisible()).toBe(true);
    const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
    // Each page of the document is one "/Type /Page" object ("/Type /Pages" is the tree).
    const pages = pdf.match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    await page.close();
    expect(probed).toEqual([]);
  });
});
