import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { CHROME_UA, describeBrowser, launchChromium } from '../support/chromium.ts';
import { type RunningPolku, startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** Sends Ctrl-C's signal and resolves with the exit code. */
async function interrupt(demo: RunningPolku): Promise<number | null> {
  const closed = once(demo.process, 'close');
  demo.process.kill('SIGINT');
  const [code] = (await closed) as [number | null];
  return code;
}

async function rows(page: Page, table: string): Promise<string[][]> {
  return page
    .locator(`[data-testid="${table}"] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent?.trim() ?? '')),
    );
}

/** What the seeded history of seed 1 reports: the same every run, so pinned exactly. */
const JOURNEYS = [
  // Completed when the shop's backend confirmed the payment: more than the browser's "purchase" (Express).
  ['Checkout', '3,305', '449', '13.6%', 'Product → Add to cart: 65.7% left'],
  ['Express checkout (no detours, no help)', '1,133', '368', '32.5%', 'Checkout → Purchase: 50.1% left'],
  ['From first visit to repeat customer', '1,566', '13', '0.8%', 'First purchase → Repeat purchase: 82.4% left'],
  // Remembered devices and signed-in members (one visitor across their computer and phone).
  ['Buying again, across days and devices', '396', '50', '12.6%', 'First purchase → Repeat purchase: 87.4% left'],
  ['Browse the collection', '3,305', '313', '9.5%', 'Aalto lamp → Kuu pendant: 69.5% left'],
];
const CAMPAIGNS = [
  ['autumn-sale', '264', '264', '64', 'on track'],
  ['floor-lamp-launch', '753', '753', '35', 'behind'],
  ['members-letter', '165', '145', '33', 'on track'],
  ['winter-stories', '453', '453', '17', 'behind'],
];
/** Step, reached, of all, from the previous step, left there, median time, NPS (answers). */
const CHECKOUT_STEPS = [
  ['1. Product', '3,305', '100%', '—', '2,172', '—', '—'],
  ['2. Add to cart', '1,133', '34.3%', '34.3% (likely 32.7% – 35.9%)', '308', '7 sec', '—'],
  ['3. Checkout', '825', '25%', '72.8% (likely 70.2% – 75.3%)', '376', '31 sec', '-75.6 (119)'],
  ['4. Payment confirmed', '449', '13.6%', '54.4% (likely 51% – 57.8%)', '0', '1.8 min', '17.2 (116)'],
];
/**
 * Visit → Sign-up → First purchase → Repeat purchase, one visitor across days: the 13 who complete it
 * are the remembered (consented) shoppers who signed up without signing in and paid twice on later
 * days (tests/unit/demo-history.test.ts). Members who signed in continue as their user id from their
 * next visit on, so most of them are among those who left at Sign-up.
 */
const LOYALTY_STEPS = [
  ['1. Visit', '1,566', '100%', '—', '1,254', '—', '-23.5 (102)'],
  ['2. Sign-up', '312', '19.9%', '19.9% (likely 18% – 22%)', '238', '83 sec', '-91.7 (12)'],
  ['3. First purchase', '74', '4.7%', '23.7% (likely 19.3% – 28.7%)', '61', '4.4 min', '12.5 (24)'],
  ['4. Repeat purchase', '13', '0.8%', '17.6% (likely 10.6% – 27.8%)', '0', '9.7 days', '0 (1)'],
];
const CHECKOUT_COMMENTS = 'At “Checkout”: the newest 20 of 49 comments';
/** The newest comments at Checkout, as "score: comment": contact details replaced by the collector. */
const NEWEST_COMMENTS = [
  '6: Payment failed twice. Please call me on [phone].',
  '9: Lovely lamps, easy checkout.',
  '5: The card number field zooms and jumps on my phone, gave up.',
  '2: Too many fields just to buy a lamp.',
  '1: Could not pay on my phone, write to [email] when it works',
  '0: Shipping cost only shows at the very end.',
  '4: No MobilePay? Contact me: [phone]',
  '4: Shipping cost only shows at the very end.',
  '0: Too many fields just to buy a lamp.',
  '3: Shipping cost only shows at the very end.',
  '4: Too many fields just to buy a lamp.',
  '0: Shipping cost only shows at the very end.',
  '5: Payment failed twice. Please call me on [phone].',
  '6: The card number field zooms and jumps on my phone, gave up.',
  '2: No MobilePay? Contact me: [phone]',
  '1: No MobilePay? Contact me: [phone]',
  '10: Great service, thanks!',
  '5: Shipping cost only shows at the very end.',
  '3: Could not pay on my phone, write to [email] when it works',
  '4: The card number field zooms and jumps on my phone, gave up.',
];
/** Signed-in members with page views on two kinds of device and two confirmed payments, as one visitor. */
const CROSS_DEVICE_REPEAT_BUYERS = 11;
const STORED = 'report built from 11311 events and 275 replay chunks';

describeBrowser('polku demo: the first minute', () => {
  let browser: Browser;
  let demo: RunningPolku | undefined;
  const failed: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    if (demo?.process.exitCode === null) await demo.crash();
    await browser?.close();
  });

  const open = async (url: string) => {
    const page = await browser.newPage();
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(url);
    return page;
  };

  it('seeds 60 days through the collector, reports every journey and campaign, plays a replay, stops on Ctrl-C', async () => {
    const cwd = tempDir('polku-demo-');
    demo = await startPolku(['demo', '--fresh', '--port', '0', '--rebuild', '1'], { cwd, timeoutMs: 80_000 });
    const output = demo.output();
    expect(output).toContain('Generating 60 days of shop history (seed 1)');
    expect(output).toContain(
      '3735 visits, 11311 events, 183 replays: sending them through /api/events, /api/server-events and /api/replay',
    );
    expect(output).toContain('day 60/60: 11311 events sent');
    // The demo's secret is made for this run and never shown; no secret problem is logged either.
    expect(output).not.toMatch(/POLKU_DEMO_SECRET|secret/i);
    expect(output).toContain(STORED);
    // Its own folder under the working directory; the production default is never touched.
    expect(existsSync(join(cwd, 'data/demo/polku.duckdb'))).toBe(true);
    expect(existsSync(join(cwd, 'data/polku.duckdb'))).toBe(false);
    await expect.poll(() => demo?.output() ?? '').toContain('Ctrl-C stops the demo.');
    expect(demo.output()).toContain(`Reports   ${demo.url}/reports/`);

    const overview = await open(`${demo.url}/reports/`);
    expect(await overview.locator('[data-testid="data-range"]').textContent()).toBe(
      '11,311 events from 1 Oct 2026, 03:07 EEST to 30 Nov 2026, 01:38 EET.',
    );
    expect(await rows(overview, 'journeys')).toEqual(JOURNEYS);
    expect(await rows(overview, 'campaigns')).toEqual(CAMPAIGNS);
    await overview.close();

    // The checkout journey ends at the backend's confirmation, which counts also the buyers whose
    // browser never said "purchase"; the NPS prompt's comments are there, contact details scrubbed.
    const checkout = await open(`${demo.url}/reports/journeys/checkout/`);
    expect(await rows(checkout, 'step-table')).toEqual(CHECKOUT_STEPS);
    const comments = await rows(checkout, 'comments-at-3');
    expect(await checkout.locator('[data-testid="comments-at-3"] caption').textContent()).toBe(CHECKOUT_COMMENTS);
    expect(comments.map(([, score, comment]) => `${score}: ${comment}`)).toEqual(NEWEST_COMMENTS);
    expect(await checkout.content()).not.toMatch(/@example\.|123 4567|765 4321/);
    await checkout.close();

    const loyalty = await open(`${demo.url}/reports/journeys/loyalty/`);
    expect(await rows(loyalty, 'step-table')).toEqual(LOYALTY_STEPS);
    await loyalty.close();

    // A checkout drop-off sampled with its replay: the recording of the shop plays in the report.
    const journey = await open(`${demo.url}/reports/journeys/checkout/`);
    const link = journey.locator('[data-testid="left-at-3"] [data-testid="session-link"]').first();
    const session = await open(new URL((await link.getAttribute('href')) ?? '', journey.url()).href);
    await journey.close();
    const state = session.locator('[data-testid="replay-state"]');
    await expect
      .poll(async () => Number(await state.getAttribute('data-time')), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await session.close();

    // A replay chunk alone (as a page's last one, sent at page hide) is new data: the report rebuilds.
    const chunk = await fetch(`${demo.url}/api/replay?site=demo&page_id=test-page&seq=0`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: demo.url, 'user-agent': CHROME_UA },
      body: JSON.stringify([{ type: 4, data: { href: `${demo.url}/demo/`, width: 800, height: 600 }, timestamp: 1 }]),
    });
    expect(chunk.status).toBe(202);
    await expect
      .poll(() => demo?.output() ?? '', { timeout: 40_000 })
      .toContain('report built from 11311 events and 276 replay chunks');

    // The shop itself, with the favicon and the tracker: nothing answers 404.
    const shop = await open(`${demo.url}/demo/`);
    // Signing up with "Remember me" (checked): consent and a sign_up event in the middle of the visit,
    // which keeps its visitor (the first page view was sent without consent).
    await shop.click('nav >> text=Sign up');
    await shop.waitForURL(/signup/);
    await shop.fill('input[name="email"]', 'visitor@example.com');
    const signUpSent = shop.waitForResponse(
      (r) => r.url().endsWith('/api/events') && r.status() === 202 && /"sign_up"/.test(r.request().postData() ?? ''),
    );
    await shop.click('#signup-form button[type="submit"]');
    await signUpSent;
    await shop.click('text=Back to the lamps');
    await shop.waitForURL(/\/demo\/$/);
    await shop.click('text=Kuu pendant');
    await shop.waitForURL(/pendant/);
    // Buying it: the checkout form posts the page id to the shop's backend, which confirms the payment.
    await shop.click('#add');
    // As a person filling in the form would, pay after the tracker sent the checkout page view (2 s):
    // a confirmation naming a page the collector has not seen yet would not join its visit.
    const pageViewSent = shop.waitForResponse(
      (r) =>
        r.url().endsWith('/api/events') && r.status() === 202 && /demo\/checkout\//.test(r.request().postData() ?? ''),
    );
    await shop.goto(`${demo.url}/demo/checkout/`);
    await pageViewSent;
    await shop.click('#pay');
    await shop.locator('#paid').waitFor();
    await shop.close();
    expect(failed).toEqual([]);
    // The backend sets the price itself: anything but one of its products is refused, and nothing is reported.
    const forged = await fetch(`${demo.url}/demo/api/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'free-lamp', page_id: 'forged-page', value: 1_000_000 }),
    });
    expect(forged.status).toBe(400);
    // Page views of the shop, the sign-up page, the shop again, the pendant and the checkout; sign_up,
    // add to cart, purchase and the backend's payment_confirmed.
    await expect.poll(() => demo?.output() ?? '', { timeout: 40_000 }).toMatch(/report built from 11320 events/);

    expect(await interrupt(demo)).toBe(0);
    expect(demo.output()).toContain('SIGINT: shutting down');

    // The next start reuses the history instead of generating it again.
    demo = await startPolku(['demo', '--port', '0'], { cwd, timeoutMs: 60_000 });
    expect(demo.output()).not.toContain('Generating');
    expect(demo.output()).toMatch(/report built from 11320 events/);
    expect(await interrupt(demo)).toBe(0);

    // Members who signed in ordered again from their other device: one visitor (their user id),
    // page views from two kinds of device and two payments the backend confirmed.
    const store = await Store.open(join(cwd, 'data/demo/polku.duckdb'));
    try {
      const [row] = await store.query(`select count(*)::integer as members from (
        select visitor_id from events where site = 'demo' group by visitor_id
        having count(distinct device) filter (where name = 'pageview') >= 2
          and count(*) filter (where name = 'payment_confirmed') >= 2)`);
      expect(row?.members).toBe(CROSS_DEVICE_REPEAT_BUYERS);
      // The live purchase: the backend's confirmation carries the price and joined the checkout page's visit.
      const live = await store.query(`select e.value, p.path, e.session_id = p.session_id as same_visit
        from events e join events p on p.page_id = e.page_id and p.name = 'pageview'
        where e.name = 'payment_confirmed' order by e.received_at desc limit 1`);
      expect(live).toEqual([{ value: 180, path: '/demo/checkout/', same_visit: true }]);
      // The live shopper's way through the loyalty journey's first three steps: one visitor, one visit.
      const journey = await store.query(`select name, path from events
        where visitor_id = (select visitor_id from events where name = 'sign_up' order by received_at desc limit 1)
          and name in ('pageview', 'sign_up', 'payment_confirmed')
        order by ts, seq`);
      expect(journey).toEqual([
        { name: 'pageview', path: '/demo/' },
        { name: 'pageview', path: '/demo/signup/' },
        { name: 'sign_up', path: '/demo/signup/' },
        { name: 'pageview', path: '/demo/' },
        { name: 'pageview', path: '/demo/products/pendant/' },
        { name: 'pageview', path: '/demo/checkout/' },
        { name: 'payment_confirmed', path: null },
      ]);
      const [visits] = await store.query(`select count(distinct session_id)::integer as visits from events
        where visitor_id = (select visitor_id from events where name = 'sign_up' order by received_at desc limit 1)`);
      expect(visits).toEqual({ visits: 1 });
    } finally {
      await store.close();
    }
  }, 150_000);
});
