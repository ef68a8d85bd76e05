import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CampaignReport, JourneyReport } from '../../reports/index.ts';
import { playerScriptHashes, readPlayerFrameParts } from '../../site/player-frame.ts';
import { sessionPagePolicy } from '../../site/src/content-security.ts';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';
import { SITE_FIXTURE_CONFIG, writeSiteFixture } from '../support/site-fixture.ts';

/** The report JSON the site publishes under data/ (the same files `polku report` writes). */
type Published<T> = T & { meta: unknown; checksum: string };

describeBrowser('report site: fixture built with --base /reports/, served under that sub-path', () => {
  let dir: string;
  let browser: Browser;
  let preview: RunningPolku;
  let root: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-site-'));
    const db = join(dir, 'polku.duckdb');
    await writeSiteFixture(db);
    const out = join(dir, 'site');
    const built = await runPolku([
      'build',
      '--config',
      SITE_FIXTURE_CONFIG,
      '--db',
      db,
      '--out',
      out,
      '--base',
      '/reports/',
    ]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/… rendering 22 pages/);
    preview = await startPolku(['preview', '--out', out, '--base', '/reports/', '--port', '0']);
    root = `${preview.url}/`;
    expect(root).toMatch(/\/reports\/$/);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${path}: ${error.message}`));
    const response = await page.goto(new URL(path, root).href);
    expect(response?.status()).toBe(200);
    return page;
  }

  async function json<T>(file: string): Promise<Published<T>> {
    const response = await fetch(new URL(`data/${file}`, root));
    expect(response.status).toBe(200);
    return (await response.json()) as Published<T>;
  }

  const cellTexts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

  it('overview lists every journey and campaign with the numbers of the report JSON, and no script', async () => {
    const index = await json<{ journeys: { id: string; started: number; conversion: number }[] }>('index.json');
    const page = await open('');
    expect(await page.locator('script').count()).toBe(0);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
    expect(await page.locator('[data-testid="data-range"]').innerText()).toMatch(/^152 events from 10 Mar 2026/);
    expect(index.journeys.map((j) => [j.id, j.started])).toEqual([
      ['checkout', 48],
      ['signup', 0],
    ]);
    expect(await cellTexts(page, '[data-testid="journeys"] [data-testid="conversion"]')).toEqual([
      '16.7%',
      'no data yet',
    ]);
    expect(await cellTexts(page, '[data-testid="campaigns"] tbody th')).toEqual([
      'autumn',
      'newsletter-march',
      'spring-sale',
    ]);
    expect(await cellTexts(page, '[data-testid="campaigns"] tbody td:last-child')).toEqual([
      'no data yet',
      'not configured',
      'behind',
    ]);
    await page.close();
  });

  it('journey page: headline, step table and drop-offs match the journey JSON', async () => {
    const journey = await json<JourneyReport>('journeys/checkout.json');
    expect(journey.steps.map((s) => s.count)).toEqual([48, 36, 20, 8]);
    const page = await open('journeys/checkout/');
    expect(await page.locator('script').count()).toBe(0);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
    expect(await page.locator('[data-testid="headline"]').innerText()).toBe(
      'Biggest drop-off: Checkout → Paid — 60% of 20 sessions left (likely 38.7% – 78.1%); sessions from Email left most (66.7%).',
    );
    expect(await cellTexts(page, '[data-testid="step-table"] [data-testid="units"]')).toEqual(['48', '36', '20', '8']);
    expect(await cellTexts(page, '[data-testid="step-table"] [data-testid="dropped"]')).toEqual(
      journey.steps.map((s) => String(s.droppedHere)),
    );
    expect(await page.locator('[role="img"][aria-label^="Funnel (sessions): Product 48, 12 left here"]').count()).toBe(
      1,
    );
    expect(await page.locator('[data-testid="session-link"]').count()).toBe(15);
    await page.close();
    const empty = await open('journeys/signup/');
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
    expect(await empty.locator('[data-testid="no-data"]').innerText()).toMatch(/^No data yet/);
    await empty.close();
  });

  it('campaign page: targets, pace and UTM warnings match the campaign JSON', async () => {
    const campaign = await json<CampaignReport>('campaigns/spring-sale.json');
    const page = await open('campaigns/spring-sale/');
    expect(await page.locator('script').count()).toBe(0);
    expect(await cellTexts(page, '[data-testid="targets"] tbody th')).toEqual(
      campaign.targets.map(
        (t) =>
          ({ visitors: 'Visitors', conversions: 'Conversions', conversionRate: 'Conversion rate', revenue: 'Revenue' })[
            t.metric
          ],
      ),
    );
    expect(campaign.visitors).toBe(16);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
    expect(await page.locator('[data-metric="visitors"] [data-testid="actual"]').innerText()).toBe('16');
    // The daily trend adds up to the campaign's sessions: 4 on each of the fixture's four days.
    expect(await page.locator('[data-testid="daily"] tbody td:nth-child(2)').allTextContents()).toEqual([
      '4',
      '4',
      '4',
      '4',
    ]);
    expect(campaign.sessions).toBe(16);
    // Its checkout funnel against the site's: the campaign's row of the journey's campaign breakdown.
    const checkout = await json<JourneyReport>('journeys/checkout.json');
    const segment = checkout.breakdowns
      .find((b) => b.dimension === 'campaign')
      ?.segments.find((s) => s.value === 'spring-sale');
    expect(segment?.steps).toEqual([16, 12, 4, 0]);
    expect(await cellTexts(page, '[data-testid="campaign-funnel"] tbody td:nth-child(2)')).toEqual([
      '16',
      '12',
      '4',
      '0',
    ]);
    expect(await cellTexts(page, '[data-testid="campaign-funnel"] tbody td:nth-child(4)')).toEqual([
      '48',
      '36',
      '20',
      '8',
    ]);
    await page.close();
    const variants = await open('campaigns/newsletter-march/');
    expect(await cellTexts(variants, '[data-testid="utm-warnings"] li')).toEqual([
      'utm_campaign is spelled 2 ways: “newsletter-march” (8 sessions), “Newsletter-March” (8 sessions); use one spelling.',
    ]);
    await variants.close();
  });

  it('session page: the replay plays in a sandboxed frame from the drop-off moment', async () => {
    const page = await open('journeys/checkout/');
    const link = page.locator('[data-testid="left-at-2"] [data-testid="session-link"]').first();
    const target = await link.getAttribute('href');
    // Links are relative to the page (site/relative-links.ts), and name the folder's index.html.
    expect(target).toMatch(/^\.\.\/\.\.\/sessions\/checkout-[0-9a-f]{12}\/index\.html$/);
    const sessionUrl = new URL(target ?? '', page.url()).href;
    await page.close();
    expect(sessionUrl).toMatch(/\/reports\/sessions\/checkout-[0-9a-f]{12}\/index\.html$/);
    const session = await open(sessionUrl);
    expect(await session.locator('iframe').getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');
    // The session page's policy allows its own script and frame, and the replay still plays under it.
    expect(await session.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(
      sessionPagePolicy(playerScriptHashes(await readPlayerFrameParts())),
    );
    // The timeline marks the steps the session reached: product and cart, then it went to /about.
    expect(await cellTexts(session, '[data-testid="timeline"] tbody td:nth-child(3)')).toEqual([
      '1. Product',
      '2. Cart',
      '',
    ]);
    const state = session.locator('[data-testid="replay-state"]');
    await expect.poll(() => state.getAttribute('data-seeked-to'), { timeout: 20_000 }).toBe('40000');
    // Served over HTTP, the player hides the notice meant for a report opened from disk.
    expect(await session.locator('[data-testid="replay-file-notice"]').isHidden()).toBe(true);
    // The player runs in a data: document: an opaque origin of its own.
    expect(session.frames().map((frame) => frame.url().slice(0, 22))).toContain('data:text/html;base64,');
    const first = Number(await state.getAttribute('data-time'));
    await expect
      .poll(async () => Number(await state.getAttribute('data-time')), { timeout: 20_000 })
      .toBeGreaterThan(first);
    expect(first).toBeGreaterThanOrEqual(40_000);
    await session.close();
  });

  it('every internal link and CSV resolves under the base path, pages stay in budget, no console errors', async () => {
    const browsed = await browser.newPage();
    browsed.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${browsed.url()}: ${message.text()}`);
    });
    browsed.on('pageerror', (error) => consoleErrors.push(`${browsed.url()}: ${error.message}`));
    const seen = new Set<string>();
    const queue = [root];
    while (queue.length > 0) {
      const url = queue.shift() ?? '';
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      if (!(response.headers.get('content-type') ?? '').includes('text/html')) continue;
      const html = await response.text();
      await browsed.goto(url);
      expect(html.length, `${url} is ${html.length} bytes`).toBeLessThanOrEqual(100 * 1024);
      for (const [, href] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
        if (href === undefined || /^[a-z]+:/.test(href)) continue;
        const resolved = new URL(href, url).href;
        expect(resolved, `${url} links ${href}`).toMatch(new RegExp(`^${root}`));
        queue.push(resolved);
      }
    }
    // 22 pages; 24 report CSV files (the signup journey, without data, links only its step table;
    // the checkout journey has no previous period, and links its comments CSV even without comments;
    // newsletter-march, with no journey in config, is measured on the shop's first journey and links
    // its campaign funnel, comparison and value tables like the others); 3 daily campaign CSVs;
    // the session script (it loads the player frame, player/frame.html, as a data: URL: not a link).
    // The overview twice: as the base path the crawl starts from, and as index.html, which the
    // pages link to (relative links name a folder's index.html, so they work from file:// too); the
    // methodology's #findings section, linked from the journeys' cross-segment findings.
    expect(seen.size).toBe(52);
    await browsed.close();
    expect(consoleErrors).toEqual([]);
  });
});
