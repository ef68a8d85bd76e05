import { gunzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { collectorOnLoopback, type LoopbackCollector } from '../support/collector-on-loopback.ts';
import { type FixtureSite, serveFixturePages } from '../support/fixture-site.ts';
import { tempDir } from '../support/temp.ts';

type RecordedEvent = { type: number; timestamp: number; data: Record<string, unknown> };

/**
 * The built replay recorder in Chromium on rrweb's own privacy test pages: what reaches the
 * database must never contain what the visitor typed or the page's text, and must play back.
 */
describeBrowser('replay recorder in the browser', () => {
  let browser: Browser;
  let site: FixtureSite;
  let collector: LoopbackCollector;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFixturePages(() => collector.url);
  });
  afterAll(async () => {
    await site?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    collector = await collectorOnLoopback(tempDir(), { sites: [{ id: 'e2e', origins: [site.origin], replay: true }] });
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
    await collector.close();
  });

  it('shows only what the site unmasked, blocks media, and never unmasks a password', async () => {
    const recorder = page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
    await page.goto(`${site.origin}/replay.html`);
    await recorder;
    await page.waitForTimeout(200);
    await page.fill('#unmasked', 'search words');
    await page.fill('#unmasked-password', 'SECRET-PASS-6');
    const { text, events } = await storedReplay();
    expect(text).toContain('Public headline');
    expect(text).toContain('search words');
    for (const hidden of ['Private paragraph', 'Private photo', 'photo.png', 'SECRET-PASS-6'])
      expect(text).not.toContain(hidden);
    // A blocked element is kept as an empty box of its size; the unmasked logo keeps its source.
    expect(text).toMatch(
      /"tagName":"img","attributes":\{"rr_width":"[\d.]+px","rr_height":"[\d.]+px"\},"childNodes":\[\]/,
    );
    expect(text).toContain('logo.png');
    expect(events.filter((e) => e.type === 2)).toHaveLength(1);
  });

  it('starts a new recording with a full snapshot on SPA navigation, under the new page id', async () => {
    const recorder = page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
    await page.goto(`${site.origin}/replay.html`);
    await recorder;
    await page.waitForTimeout(200);
    await page.click('#next');
    await page.waitForTimeout(300);
    await page.mouse.move(10, 10);
    await page.goto('about:blank');
    await expect
      .poll(async () => new Set((await collector.replayChunks()).map((c) => c.page_id)).size, { timeout: 15_000 })
      .toBe(2);
    const pageIds = (await collector.events('name, page_id'))
      .filter((e) => e.name === 'pageview')
      .map((e) => e.page_id);
    expect(new Set((await collector.replayChunks()).map((c) => c.page_id))).toEqual(new Set(pageIds));
    for (const pageId of pageIds) {
      const chunks = (await collector.replayChunks()).filter((c) => c.page_id === pageId);
      expect(chunks.map((c) => c.seq)).toEqual(chunks.map((_, index) => index));
      const events = chunks.flatMap(
        (c) => JSON.parse(gunzipSync(Buffer.from(c.data as string, 'base64')).toString('utf8')) as RecordedEvent[],
      );
      expect(events.some((e) => e.type === 2)).toBe(true);
    }
  });

  /** Opens a privacy oracle page and waits until the replay recorder runs on it. */
  async function openRecorded(name: string): Promise<void> {
    const recorder = page.waitForResponse((r) => r.url().endsWith('/polku-replay.js'));
    await page.goto(`${site.origin}/oracles/${name}.html`);
    await recorder;
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(200);
  }

  /** Hides the page (its last chunk is flushed then) and returns every stored chunk's bytes, inflated. */
  async function storedReplay(): Promise<{ text: string; events: RecordedEvent[] }> {
    await page.goto('about:blank');
    await expect.poll(async () => (await collector.replayChunks()).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(500); // a last chunk may still be on its way
    const chunks = await collector.replayChunks();
    const texts = chunks.map((chunk) => gunzipSync(Buffer.from(chunk.data as string, 'base64')).toString('utf8'));
    return { text: texts.join('\n'), events: texts.flatMap((text) => JSON.parse(text) as RecordedEvent[]) };
  }

  it('stores no typed secret from a form, with all inputs masked', async () => {
    await openRecorded('form');
    await page.fill('input[type="text"]', 'SECRET-TEXT-1');
    await page.fill('textarea[data-unmask-example]', 'SECRET-AREA-2');
    await page.fill('input[type="password"]', 'SECRET-PASS-3');
    await page.check('input[type="checkbox"]');
    await page.selectOption('select', '2');
    const { text, events } = await storedReplay();
    for (const secret of ['SECRET-TEXT-1', 'SECRET-AREA-2', 'SECRET-PASS-3', 'pre value']) {
      expect(text).not.toContain(secret);
    }
    // Typing was recorded (as masked input events: type 3, source 5), so the check above means something.
    const inputs = events.filter((e) => e.type === 3 && e.data.source === 5).map((e) => e.data.text);
    expect(inputs).toContain('*************');
    expect(events.filter((e) => e.type === 2)).toHaveLength(1);
  });

  it('keeps a password masked after "show password" turns it into a text field', async () => {
    await openRecorded('password');
    await page.fill('#password', 'SECRET-PASS-4');
    await page.click('#show-password');
    await page.fill('#password', 'SECRET-PASS-4-SHOWN');
    const { text } = await storedReplay();
    expect(text).not.toContain('SECRET-PASS-4');
    expect(text).toContain('data-rr-is-password');
  });

  it('masks all page text by default', async () => {
    await openRecorded('mask-text');
    const { text } = await storedReplay();
    for (const visible of ['mask1', 'mask2', 'mask3', 'unmask1', 'Mask text']) expect(text).not.toContain(visible);
    expect(text).toContain('*****');
  });

  it('plays a stored recording back to its end in the rrweb replayer', async () => {
    await openRecorded('form');
    await page.fill('input[type="text"]', 'hello');
    await page.mouse.move(50, 50);
    await page.mouse.move(200, 120);
    await page.waitForTimeout(600);
    const { events } = await storedReplay();
    const player = await context.newPage();
    const errors: Error[] = [];
    player.on('pageerror', (error) => errors.push(error));
    await player.goto(`${site.origin}/player.html`);
    const result = await player.evaluate(
      (recorded) => (window as unknown as { play(e: unknown): Promise<unknown> }).play(recorded),
      events,
    );
    const first = events[0]?.timestamp ?? 0;
    const last = events.at(-1)?.timestamp ?? 0;
    // Played to the end, and the replayed page is the form (5 inputs in form.html).
    expect(result).toEqual({ finished: true, duration: last - first, inputs: 5 });
    expect(last - first).toBeGreaterThan(200);
    expect(errors).toEqual([]);
  });
});
