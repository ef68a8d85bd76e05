import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { WireBatch } from '../../collector/protocol.ts';
import type { PolkuConfigInput } from '../../config/index.ts';
import { CHROME_UA, describeBrowser, launchChromium } from '../support/chromium.ts';
import { collectorOnLoopback, type LoopbackCollector } from '../support/collector-on-loopback.ts';
import { type FixtureSite, serveFixturePages } from '../support/fixture-site.ts';
import type {} from '../support/polku-global.ts';
import { tempDir } from '../support/temp.ts';

const FI_QUESTION = 'Kuinka todennäköisesti suosittelisit meitä ystävällesi tai kollegallesi?';

/**
 * The lazy feedback prompt (the real built /polku-feedback.js, served by the real collector, with
 * targeting from the collector's config) in real Chromium, on a fixture page in Finnish.
 */
describeBrowser('feedback prompt in the browser', () => {
  let browser: Browser;
  let site: FixtureSite;
  let collector: LoopbackCollector;
  let context: BrowserContext;
  let page: Page;
  let sent: WireBatch[];
  let pageErrors: Error[];

  const config = (prompt: Record<string, unknown>): PolkuConfigInput => ({
    sites: [{ id: 'e2e', origins: [site.origin] }],
    journeys: [
      {
        id: 'checkout',
        name: 'Checkout',
        site: 'e2e',
        steps: [
          { name: 'Cart', page: '/feedback-cart.html' },
          { name: 'Done', page: '/checkout-done' },
        ],
      },
    ],
    feedback: [{ journey: 'checkout', step: 'Cart', rate: 1, quiet: '30d', ...prompt }],
  });

  const open = async (prompt: Record<string, unknown>) => {
    collector = await collectorOnLoopback(tempDir(), config(prompt));
    context = await browser.newContext({ userAgent: CHROME_UA });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error));
    page.on('request', (request) => {
      if (request.url().endsWith('/api/events')) sent.push(JSON.parse(request.postData() ?? '{}'));
    });
  };
  const dialog = () => page.getByRole('dialog', { name: FI_QUESTION });
  /** The element with focus, inside the prompt's shadow root when it is there. */
  const focused = () =>
    page.evaluate(() => {
      const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
      return `${active?.tagName.toLowerCase()} ${active?.getAttribute('value') ?? active?.id ?? ''}`.trim();
    });
  const feedbackEvents = () => sent.flatMap((batch) => batch.events).filter((e) => e.name === 'feedback');

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFixturePages(() => collector.url);
  });
  afterAll(async () => {
    await site?.close();
    await browser?.close();
  });
  afterEach(async () => {
    await context?.close();
    await collector?.close();
    expect(pageErrors).toEqual([]);
  });
  const reset = () => {
    sent = [];
    pageErrors = [];
  };

  it('serves the targeting from the config', async () => {
    reset();
    await open({ idle: '2s', onLeave: false, question: 'Miten meni?' });
    const answer = await fetch(`${collector.url}/api/feedback-prompt?site=e2e`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      prompts: [
        {
          id: 'checkout/Cart',
          path: '/feedback-cart\\.html',
          idleMs: 2000,
          onLeave: false,
          rate: 1,
          quietMs: 30 * 86_400_000,
          question: 'Miten meni?',
        },
      ],
    });
    const unknown = await fetch(`${collector.url}/api/feedback-prompt?site=nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('unknown site "nope"; use ?site= with the data-site of the script tag');
  });

  it('asks at the step after idling, works by keyboard alone, sends one scrubbed feedback event, and with consent never asks again', async () => {
    reset();
    await open({ idle: '1s' });
    await page.goto(`${site.origin}/feedback-cart.html`);
    await page.evaluate(() => window.polku?.('consent', true));
    await dialog().waitFor({ state: 'visible', timeout: 10_000 });
    // Focus moved into the prompt, onto the first point of the scale.
    expect(await focused()).toBe('input 0');
    expect(await page.getByText('0 tarkoittaa ei lainkaan todennäköisesti, 10 erittäin todennäköisesti.').count()).toBe(
      1,
    );

    for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('input 9');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('textarea c');
    await page.keyboard.type('Nopea toimitus. Soita 040 123 4567 tai maija@example.fi');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('button send');
    await page.keyboard.press('Enter');
    await dialog().waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Kiitos palautteestasi!');

    // The tracker sends the comment as typed; the collector stores it without contact details.
    await expect.poll(() => feedbackEvents().length, { timeout: 10_000 }).toBe(1);
    expect(feedbackEvents()[0]?.props).toEqual({
      score: 9,
      question: FI_QUESTION,
      comment: 'Nopea toimitus. Soita 040 123 4567 tai maija@example.fi',
    });
    await expect
      .poll(
        async () => (await collector.events('name, props::varchar as props')).filter((r) => r.name === 'feedback'),
        {
          timeout: 15_000,
        },
      )
      .toEqual([
        {
          name: 'feedback',
          props: JSON.stringify({
            score: 9,
            question: FI_QUESTION,
            comment: 'Nopea toimitus. Soita [phone] tai [email]',
          }),
        },
      ]);

    // Idle again on this page load, and on the next one: no second prompt.
    await page.mouse.move(10, 10);
    await page.waitForTimeout(2_500);
    expect(await dialog().count()).toBe(0);
    const configLoaded = page.waitForResponse((r) => r.url().includes('/api/feedback-prompt'));
    await page.reload();
    await configLoaded;
    await page.waitForTimeout(2_500);
    expect(await dialog().count()).toBe(0);
    const remembered = await page.evaluate(() => JSON.parse(localStorage.getItem('polku_feedback') ?? '{}'));
    expect(Object.keys(remembered)).toEqual(['checkout/Cart']);
    await page.waitForTimeout(2_500); // let any late batch arrive
    expect(feedbackEvents()).toHaveLength(1);
  });

  it('without consent asks once per page load when the pointer leaves, stores nothing, and Escape sends nothing', async () => {
    reset();
    await open({ idle: '1h', onLeave: true });
    const configLoadedFirst = page.waitForResponse((r) => r.url().includes('/api/feedback-prompt'));
    await page.goto(`${site.origin}/feedback-cart.html`);
    await configLoadedFirst;
    await page.mouse.move(200, 200);
    await page.focus('#elsewhere');
    // The pointer leaves through the top of the page, towards the tabs and the address bar.
    const leave = () =>
      page.evaluate(() => document.dispatchEvent(new MouseEvent('mouseout', { clientY: -2, relatedTarget: null })));
    // The config's response reaches the page before the tracker has read it and listens for the
    // pointer: leave again until it asks (it asks once per page load, so the extra leaves are harmless).
    const leaveUntilAsked = () =>
      expect
        .poll(
          async () => {
            await leave();
            return dialog().isVisible();
          },
          { timeout: 30_000, interval: 250 },
        )
        .toBe(true);
    await leaveUntilAsked();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    // Focus goes back where it was.
    expect(await focused()).toBe('button elsewhere');
    await leave();
    await page.waitForTimeout(500);
    expect(await dialog().count()).toBe(0);
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({});

    // A new page load may ask again: without consent nothing remembers the visitor.
    const configLoaded = page.waitForResponse((r) => r.url().includes('/api/feedback-prompt'));
    await page.reload();
    await configLoaded;
    await leaveUntilAsked();
    expect(await page.evaluate(() => ({ ...localStorage }))).toEqual({});
    await page.waitForTimeout(2_500);
    expect(feedbackEvents()).toEqual([]);
  });

  it('asks in the language the config names, whatever the page says', async () => {
    reset();
    await open({ idle: '1s', lang: 'en' });
    await page.goto(`${site.origin}/feedback-cart.html`);
    const english = page.getByRole('dialog', { name: 'How likely are you to recommend us to a friend or colleague?' });
    await english.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.getByRole('button').allTextContents()).toEqual(['Hyväksy', 'Jatka', 'Send', 'Not now']);
  });

  it('does not ask page loads sampled out (rate 0)', async () => {
    reset();
    await open({ idle: '1s', rate: 0 });
    const configLoaded = page.waitForResponse((r) => r.url().includes('/api/feedback-prompt'));
    await page.goto(`${site.origin}/feedback-cart.html`);
    await configLoaded;
    await page.waitForTimeout(2_500);
    expect(await dialog().count()).toBe(0);
  });

  it('does not ask away from the step', async () => {
    reset();
    await open({ idle: '1s' });
    await page.goto(`${site.origin}/a.html`);
    await page.waitForTimeout(2_500);
    expect(await dialog().count()).toBe(0);
  });
});
