import type { Browser } from 'playwright-core';
import { type ServerTrackerError, serverTracker } from 'polku/server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { WireBatch } from '../../collector/protocol.ts';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { CHROME_UA, describeBrowser, launchChromium } from '../support/chromium.ts';
import { collectorOnLoopback, type LoopbackCollector } from '../support/collector-on-loopback.ts';
import { type FixtureSite, serveFixturePages } from '../support/fixture-site.ts';
import { tempDir } from '../support/temp.ts';

/**
 * One visit in real Chromium with the built tracker: consent given in the middle of it, then the
 * backend confirms the payment through `polku/server`. One visitor, one session, a whole journey.
 */
const SECRET = 'k3Yq9v0Zb1Rj7mXo2Lc5Tn8Wd4Fs6Ha0Pe3Gu1Iy9Qw=';

describeBrowser('a journey across consent and the backend', () => {
  let browser: Browser;
  let site: FixtureSite;
  let collector: LoopbackCollector;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFixturePages(() => collector.url);
  });
  afterAll(async () => {
    await collector?.close();
    await site?.close();
    await browser?.close();
  });

  it('keeps one visitor and one session when consent comes mid-visit, and the server event joins it', async () => {
    const config = {
      sites: [{ id: 'e2e', origins: [site.origin], secretEnv: 'POLKU_E2E_SECRET' }],
      journeys: [
        {
          id: 'buy',
          name: 'Buy',
          site: 'e2e',
          steps: [
            { name: 'Landing', page: '/spa.html' },
            { name: 'Cart', page: '/spa/cart' },
            { name: 'Added', event: 'add_to_cart' },
            { name: 'Paid', event: 'payment_confirmed' },
          ],
        },
      ],
    };
    collector = await collectorOnLoopback(tempDir(), config, { env: { POLKU_E2E_SECRET: SECRET } });
    const context = await browser.newContext({ userAgent: CHROME_UA });
    const page = await context.newPage();
    const sent: WireBatch[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/events')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
    const stored = (count: number) =>
      expect.poll(async () => (await collector.events('name')).length, { timeout: 15_000 }).toBe(count);

    await page.goto(`${site.origin}/spa.html`);
    await stored(3);
    await page.click('#nav');
    await stored(4);
    expect(sent.every((batch) => batch.client_id === undefined)).toBe(true);
    // The visitor accepts the consent banner in the middle of the visit.
    await page.click('#consent-on');
    await page.click('#custom');
    await stored(5);
    expect(sent.at(-1)?.client_id).toMatch(/^[0-9a-f-]{36}$/);
    const pageId = sent.at(-1)?.events[0]?.page_id;
    expect(pageId).toMatch(/^[0-9a-f-]{36}$/);

    // The backend confirms the payment for the page load the order form was posted from.
    const errors: ServerTrackerError[] = [];
    const backend = serverTracker({
      collector: collector.url,
      site: 'e2e',
      secret: SECRET,
      onError: (e) => errors.push(e),
    });
    backend.track('payment_confirmed', { page_id: pageId as string, value: 120, props: { currency: 'EUR' } });
    await backend.close();
    expect(errors).toEqual([]);
    // And the visit goes on with a new page load, consented.
    await page.goto(`${site.origin}/a.html`);
    await stored(7);
    await context.close();

    const rows = await collector.events('name, path, visitor_id, session_id');
    expect(rows.map((row) => [row.name, row.path])).toEqual([
      ['pageview', '/spa.html'],
      ['queued_first', '/spa.html'],
      ['queued_second', '/spa.html'],
      ['pageview', '/spa/cart'],
      ['add_to_cart', '/spa/cart'],
      ['payment_confirmed', null],
      ['pageview', '/a.html'],
    ]);
    // Before: the consented id started a second visitor and session at add_to_cart.
    expect(new Set(rows.map((row) => row.visitor_id)).size).toBe(1);
    expect(new Set(rows.map((row) => row.session_id)).size).toBe(1);

    const journey = parseConfig(config).journeys[0] as JourneyConfig;
    const store = collector.collector.ingest.store;
    if (!store) throw new Error('database not open');
    expect(await journeyStepCounts(store, journey)).toEqual([1, 1, 1, 1]);
    expect(await journeyStepCounts(store, { ...journey, unit: 'visitor' })).toEqual([1, 1, 1, 1]);
  });
});
