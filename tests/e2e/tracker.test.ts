import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { WireBatch } from '../../collector/protocol.ts';
import { CHROME_UA, describeBrowser, launchChromium } from '../support/chromium.ts';
import { collectorOnLoopback, type LoopbackCollector } from '../support/collector-on-loopback.ts';
import { type FixtureSite, serveFixturePages } from '../support/fixture-site.ts';
import type {} from '../support/polku-global.ts';
import { tempDir } from '../support/temp.ts';

/**
 * The built tracker (served by the real collector) in real Chromium, on fixture pages from another
 * origin. Each test asserts what went over the wire — and what must not — and what was stored.
 */
describeBrowser('tracker core in the browser', () => {
  let browser: Browser;
  let site: FixtureSite;
  let collector: LoopbackCollector;
  let context: BrowserContext;
  let page: Page;
  let sent: WireBatch[];
  let requests: Request[];
  let pageErrors: Error[];

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFixturePages(() => collector.url);
  });
  afterAll(async () => {
    await site?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    collector = await collectorOnLoopback(tempDir(), { sites: [{ id: 'e2e', origins: [site.origin] }] });
    // Headless Chromium names itself in its user agent, and the collector drops headless browsers as bots.
    context = await browser.newContext({ userAgent: CHROME_UA });
    page = await context.newPage();
    sent = [];
    requests = [];
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
    page.on('request', (request) => {
      requests.push(request);
      if (request.url().endsWith('/api/events')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
  });
  afterEach(async () => {
    await context.close();
    await collector.close();
    // The tracker never throws into the host page.
    expect(pageErrors).toEqual([]);
  });

  const events = () => sent.flatMap((batch) => batch.events);
  const stored = (count: number) =>
    expect.poll(async () => (await collector.events('name')).length, { timeout: 15_000 }).toBe(count);

  it('sends a page view on load as one text/plain batch, without query parameters other than UTM', async () => {
    const accepted = page.waitForResponse((r) => r.url().endsWith('/api/events'));
    await page.goto(`${site.origin}/a.html?utm_campaign=Spring&session=secret#top`);
    const response = await accepted;
    expect(response.status()).toBe(202);
    expect(response.request().headers()['content-type']).toBe('text/plain;charset=UTF-8');
    expect(sent).toHaveLength(1);
    const [batch] = sent;
    expect(Object.keys(batch ?? {}).sort()).toEqual(['events', 'sent_at', 'site', 'tz']);
    expect(batch?.site).toBe('e2e');
    expect(batch?.tz).toBe('UTC');
    await stored(1);
    const [event] = events();
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      ts: expect.any(Number),
      name: 'pageview',
      url: `${site.origin}/a.html?utm_campaign=Spring`,
      page_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await collector.events('name, path, utm_campaign')).toEqual([
      { name: 'pageview', path: '/a.html', utm_campaign: 'spring' },
    ]);
  });

  it('runs calls queued before load in order, then tracks SPA navigation once per URL, and back/forward', async () => {
    await page.goto(`${site.origin}/spa.html`);
    await page.click('#nav'); // pushState + replaceState to the same URL: one page view
    await page.goBack();
    await page.click('#custom');
    await stored(6);
    const spa = `${site.origin}/spa.html`;
    const cart = `${site.origin}/spa/cart?utm_source=Mail`;
    const all = events();
    expect(all.map(({ name, url, referrer, props, value }) => ({ name, url, referrer, props, value }))).toEqual([
      { name: 'pageview', url: spa, referrer: undefined, props: undefined, value: undefined },
      { name: 'queued_first', url: spa, referrer: undefined, props: { order: 1 }, value: undefined },
      { name: 'queued_second', url: spa, referrer: undefined, props: undefined, value: 2 },
      { name: 'pageview', url: cart, referrer: spa, props: undefined, value: undefined },
      { name: 'pageview', url: spa, referrer: cart, props: undefined, value: undefined },
      { name: 'add_to_cart', url: spa, referrer: undefined, props: { currency: 'EUR', qty: 2 }, value: 120 },
    ]);
    // Each page view has its own page id; events share the id of the page view they happened on.
    expect(new Set(all.map((e) => e.page_id)).size).toBe(3);
    expect(all[1]?.page_id).toBe(all[0]?.page_id);
    expect(all[5]?.page_id).toBe(all[4]?.page_id);
    expect(new Set(all.map((e) => e.id)).size).toBe(6);
  });

  it('tracks hash routes only where hash routing is switched on', async () => {
    await page.goto(`${site.origin}/hash.html`);
    await page.click('#step2');
    await stored(2);
    expect(events().map((e) => e.url)).toEqual([`${site.origin}/hash.html`, `${site.origin}/hash.html#/step-2`]);
  });

  it('tracks declarative clicks, outbound links and downloads, and nothing on excluded paths', async () => {
    await page.goto(`${site.origin}/spa.html`);
    await page.click('#plan-label'); // a click inside the tagged element counts for it
    await page.click('#private'); // /private/* is excluded: no page view, no events
    await page.click('#custom');
    await page.evaluate(() => history.pushState({}, '', '/spa.html'));
    // Outbound and download clicks navigate away: the page-hide flush must deliver them.
    await page.evaluate(() => {
      for (const id of ['outbound', 'download']) {
        document.getElementById(id)?.addEventListener('click', (event) => event.preventDefault());
      }
    });
    await page.click('#outbound');
    await page.click('#download');
    await stored(7);
    expect(events().map(({ name, props }) => ({ name, props }))).toEqual([
      { name: 'pageview', props: undefined },
      { name: 'queued_first', props: { order: 1 } },
      { name: 'queued_second', props: undefined },
      { name: 'choose_plan', props: { plan: 'pro', period: 'year' } },
      { name: 'pageview', props: undefined },
      { name: 'outbound', props: { url: 'https://elsewhere.example/page' } },
      { name: 'download', props: { url: `${site.origin}/files/price-list.pdf` } },
    ]);
    expect(events().some((e) => e.url.includes('/private/'))).toBe(false);
  });

  it('flushes what is pending when the page is hidden', async () => {
    await page.goto(`${site.origin}/spa.html`);
    await page.waitForResponse((r) => r.url().endsWith('/api/events'));
    await page.click('#custom'); // queued for up to 2 s ...
    await page.goto('about:blank'); // ... but the page goes away first
    await stored(4);
    expect((await collector.events('name')).map((row) => row.name)).toEqual([
      'pageview',
      'queued_first',
      'queued_second',
      'add_to_cart',
    ]);
  });

  it('retries while the collector is down, then delivers everything once', async () => {
    await page.goto(`${site.origin}/spa.html`); // the collector serves the script, so it is up for this
    await collector.stop(); // ... and down before the first batch leaves (after 2 s)
    await page.click('#custom');
    await expect.poll(() => sent.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await collector.start();
    await stored(4);
    // Retries reuse the event ids, so even a batch that did arrive twice is stored once.
    const rows = await collector.events('id::varchar as id, name');
    expect(rows.map((row) => row.name)).toEqual(['pageview', 'queued_first', 'queued_second', 'add_to_cart']);
    expect(new Set(sent.flatMap((b) => b.events.map((e) => e.id)))).toEqual(new Set(rows.map((row) => row.id)));
  });

  it('never retries a batch the collector refused with 400', async () => {
    await page.goto(`${site.origin}/spa.html`);
    await stored(3);
    const refused = page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 400);
    await page.click('#bad');
    await refused;
    await page.waitForTimeout(5_000); // longer than the first retry delay (1–3 s)
    expect(sent.filter((batch) => batch.events.some((e) => e.name === 'too_long'))).toHaveLength(1);
    expect(await collector.events('name')).toHaveLength(3);
  });

  it('stores nothing on the device without consent; with consent a random id, removed on withdrawal', async () => {
    await page.goto(`${site.origin}/spa.html`);
    await stored(3);
    const storage = () => page.evaluate(() => ({ ...localStorage }));
    expect(await storage()).toEqual({});
    expect(await context.cookies()).toEqual([]);
    expect(sent.every((batch) => batch.client_id === undefined)).toBe(true);

    await page.click('#consent-on');
    await page.click('#custom');
    await stored(4);
    const { polku_id: id } = await storage();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.at(-1)?.client_id).toBe(id);

    await page.click('#consent-off');
    expect(await storage()).toEqual({});
    await page.click('#custom');
    await stored(5);
    expect(sent.at(-1)?.client_id).toBeUndefined();
    expect(await context.cookies()).toEqual([]);
  });

  it('records nothing on localhost unless data-local is set, and keeps polku() callable', async () => {
    await page.goto(`${site.origin}/no-local.html`);
    await page.click('#custom');
    await page.waitForTimeout(2_500);
    expect(sent).toEqual([]);
  });

  it('loads the replay recorder only when sampled in and neither GPC nor DNT is sent', async () => {
    const recorderRequested = () => requests.some((r) => r.url().endsWith('/polku-replay.js'));
    await page.goto(`${site.origin}/replay.html`);
    await expect.poll(recorderRequested).toBe(true);

    for (const signal of ['globalPrivacyControl', 'doNotTrack'] as const) {
      const privateContext = await browser.newContext({ userAgent: CHROME_UA });
      await privateContext.addInitScript((name) => {
        Object.defineProperty(Navigator.prototype, name, { get: () => (name === 'doNotTrack' ? '1' : true) });
      }, signal);
      const privatePage = await privateContext.newPage();
      const loaded: string[] = [];
      privatePage.on('request', (request) => loaded.push(request.url()));
      const accepted = privatePage.waitForResponse((r) => r.url().endsWith('/api/events'));
      await privatePage.goto(`${site.origin}/replay.html`);
      await accepted;
      expect(loaded.filter((url) => url.endsWith('/polku-replay.js'))).toEqual([]);
      expect(loaded.filter((url) => url.endsWith('/api/events'))).toHaveLength(1);
      await privateContext.close();
    }
  });
  it('treats data-exclude patterns literally except for *, and still starts with regular-expression characters', async () => {
    // Before the fix "/c++/*" threw inside start-up (nothing was ever recorded) and "." matched any character.
    await page.goto(`${site.origin}/exclude.html`);
    for (const path of ['/c++/cart', '/c++/', '/docs/v1.2', '/docs/v1x2', '/c/cart', '/c++']) {
      await page.evaluate((to) => history.pushState({}, '', to), path);
    }
    await page.evaluate(() => window.polku?.('event', 'after'));
    await stored(5);
    expect(events().map((e) => `${e.name} ${new URL(e.url).pathname}`)).toEqual([
      'pageview /exclude.html',
      'pageview /docs/v1x2',
      'pageview /c/cart',
      'pageview /c++',
      'after /c++',
    ]);
  });

  it('sends the user id of identify only with consent, forgets it on withdrawal; feedback is an event; pageId is public', async () => {
    await page.goto(`${site.origin}/identity.html`);
    await stored(2);
    // identify before consent did nothing; feedback queued by the stub is an ordinary event.
    expect(sent.every((batch) => batch.user_id === undefined)).toBe(true);
    expect(events().map(({ name, props }) => ({ name, props }))).toEqual([
      { name: 'pageview', props: undefined },
      { name: 'feedback', props: { score: 9, comment: 'Quick checkout', question: 'How was it?' } },
    ]);
    const pageId = await page.evaluate(() => window.polku?.pageId);
    expect(pageId).toBe(events()[0]?.page_id);
    expect(pageId).toMatch(/^[0-9a-f-]{36}$/);

    await page.evaluate(() => window.polku?.('identify', 'still-no-consent'));
    await page.evaluate(() => window.polku?.('event', 'one'));
    await stored(3);
    expect(sent.at(-1)?.user_id).toBeUndefined();

    await page.evaluate(() => {
      window.polku?.('consent', true);
      window.polku?.('identify', 'customer-42');
      window.polku?.('event', 'two');
    });
    await stored(4);
    expect(sent.at(-1)?.user_id).toBe('customer-42');
    expect(sent.at(-1)?.events.map((e) => e.name)).toEqual(['two']);
    // Only the client id is kept on the device; the user id lives in memory.
    expect(Object.keys(await page.evaluate(() => ({ ...localStorage })))).toEqual(['polku_id']);

    await page.evaluate(() => {
      window.polku?.('consent', false);
      window.polku?.('event', 'three');
    });
    await stored(5);
    expect(sent.at(-1)?.user_id).toBeUndefined();
    // Consent again: the forgotten user id does not come back without a new identify.
    await page.evaluate(() => {
      window.polku?.('consent', true);
      window.polku?.('event', 'four');
    });
    await stored(6);
    expect(sent.at(-1)?.user_id).toBeUndefined();

    // The collector takes a string of 1–256 characters: a number goes as text, a long id is cut.
    await page.evaluate(() => {
      window.polku?.('identify', 7);
      window.polku?.('event', 'five');
    });
    await stored(7);
    expect(sent.at(-1)?.user_id).toBe('7');
    await page.evaluate(() => {
      window.polku?.('identify', 'x'.repeat(300));
      window.polku?.('event', 'six');
    });
    await stored(8);
    expect(sent.at(-1)?.user_id).toBe('x'.repeat(256));

    // After an SPA navigation pageId is the new page view's id.
    await page.evaluate(() => history.pushState({}, '', '/identity-2'));
    await stored(9);
    expect(await page.evaluate(() => window.polku?.pageId)).toBe(events().at(-1)?.page_id);
    expect(events().at(-1)?.page_id).not.toBe(pageId);
  });
});
