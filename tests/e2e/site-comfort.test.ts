import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { runPolku } from '../support/polku-process.ts';
import { SITE_FIXTURE_CONFIG, writeSiteFixture } from '../support/site-fixture.ts';

/** A phone's viewport (iPhone 12–15 width). */
const PHONE = { width: 390, height: 844 };
/** axe-core, injected into the pages under test only: a devDependency, never shipped in a site. */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The committed site fixture (48 sessions, see tests/support/site-fixture.ts) built once and opened
 * from disk (file://), from a copy in another folder, on a phone-sized screen and under axe.
 */
describeBrowser('report site comfort: a folder that works from file://, on a phone, for everyone', () => {
  let dir: string;
  let site: string;
  let copy: string;
  let browser: Browser;
  let sessionPage: string;

  /** Every page kind, as paths inside the site. */
  let pageKinds: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-comfort-'));
    const db = join(dir, 'polku.duckdb');
    await writeSiteFixture(db);
    site = join(dir, 'site');
    const built = await runPolku(['build', '--config', SITE_FIXTURE_CONFIG, '--db', db, '--out', site]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    // A copy somewhere else, as from a zip unpacked in another folder.
    copy = join(dir, 'elsewhere', 'unpacked', 'report');
    cpSync(site, copy, { recursive: true });
    const sessions = readdirSync(join(site, 'sessions')).sort();
    sessionPage = `sessions/${sessions[0]}/index.html`;
    pageKinds = [
      'index.html',
      'journeys/checkout/index.html',
      'journeys/signup/index.html',
      'campaigns/spring-sale/index.html',
      'campaigns/newsletter-march/index.html',
      sessionPage,
      'methodology/index.html',
    ];
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fileUrl = (root: string, path: string) => pathToFileURL(join(root, path)).href;

  async function openFile(context: BrowserContext, root: string, path: string, errors: string[]): Promise<Page> {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`${path}: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    await page.goto(fileUrl(root, path));
    return page;
  }

  it('every link, script and download of every page names a file that exists in the folder', () => {
    const pages = readdirSync(site, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBe(22 + 1); // 22 report pages and the player frame
    let links = 0;
    for (const page of pages) {
      const html = readFileSync(join(site, page), 'utf8');
      for (const [, attribute, url] of html.matchAll(/\s(href|src|data-replay|data-frame)="([^"]*)"/g)) {
        if (url === undefined || /^[a-z]+:/.test(url)) continue;
        expect(url, `${page}: ${attribute}="${url}" is root-absolute`).not.toMatch(/^\//);
        const target = join(dirname(join(site, page)), url.replace(/[?#].*$/, ''));
        expect(existsSync(target) && !readdirSafe(target), `${page}: ${attribute}="${url}"`).toBe(true);
        links += 1;
      }
    }
    expect(links).toBeGreaterThan(100);
  });

  it('from file:// in a copied folder: overview → journey → session by clicking, the replay notice shown', async () => {
    const context = await browser.newContext();
    const errors: string[] = [];
    const overview = await openFile(context, copy, 'index.html', errors);
    await overview.locator('[data-testid="journeys"] a', { hasText: 'Checkout' }).click();
    expect(overview.url()).toBe(fileUrl(copy, 'journeys/checkout/index.html'));
    expect(await overview.locator('h1').textContent()).toBe('Checkout');
    await overview.locator('[data-testid="session-link"]').first().click();
    expect(overview.url()).toMatch(/\/elsewhere\/unpacked\/report\/sessions\/checkout-[0-9a-f]{12}\/index\.html$/);
    // The player's script runs, sees file:// and fetches nothing; the notice says how to serve it.
    const notice = overview.locator('[data-testid="replay-file-notice"]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toContain('polku preview --out FOLDER');
    expect(await overview.locator('.replay iframe').isVisible()).toBe(false);
    // Back to the overview through the header, then the methodology page and a CSV download link.
    await overview.locator('header a.home').click();
    expect(overview.url()).toBe(fileUrl(copy, 'index.html'));
    await overview.locator('header nav a').nth(1).click();
    expect(overview.url()).toBe(fileUrl(copy, 'methodology/index.html'));
    await context.close();
    expect(errors).toEqual([]);
  });

  it('without script, a session page opened from file:// still says why the replay does not play', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await openFile(context, site, sessionPage, []);
    expect(await page.locator('[data-testid="replay-file-notice"]').isVisible()).toBe(true);
    await context.close();
  });

  it('on a 390 px phone no page scrolls sideways, wide tables scroll in a named box, chart text is ≥ 11 px and inside its chart', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const measured: Record<string, { scrollWidth: number; smallestText: number | null; cut: string[] }> = {};
    for (const path of pageKinds) {
      const page = await openFile(context, site, path, []);
      measured[path] = await page.evaluate(() => {
        const sizes: number[] = [];
        // Chart text drawn past its SVG's edge is cut off (a label reading "3,305 (2,172" once).
        const cut: string[] = [];
        for (const svg of document.querySelectorAll('figure svg')) {
          if (!(svg instanceof SVGSVGElement)) continue;
          const box = svg.getBoundingClientRect();
          const scale = box.width / svg.viewBox.baseVal.width;
          for (const text of svg.querySelectorAll('text')) {
            if (!text.textContent?.trim()) continue;
            sizes.push(Number.parseFloat(getComputedStyle(text).fontSize) * scale);
            const edge = text.getBoundingClientRect();
            if (edge.left < box.left - 0.5 || edge.right > box.right + 0.5) cut.push(text.textContent);
          }
        }
        // Plot's legends are HTML beside the chart.
        for (const legend of document.querySelectorAll('figure [class*="swatch"]')) {
          if (legend.textContent?.trim()) sizes.push(Number.parseFloat(getComputedStyle(legend).fontSize));
        }
        return {
          scrollWidth: document.documentElement.scrollWidth,
          smallestText: sizes.length === 0 ? null : Math.round(Math.min(...sizes) * 100) / 100,
          cut,
        };
      });
      await page.close();
    }
    for (const [path, { scrollWidth, smallestText, cut }] of Object.entries(measured)) {
      expect(scrollWidth, `${path} is ${scrollWidth} px wide`).toBeLessThanOrEqual(PHONE.width);
      expect(cut, `${path}: chart text cut at the chart's edge`).toEqual([]);
      if (smallestText !== null)
        expect(smallestText, `${path}: chart text ${smallestText} px`).toBeGreaterThanOrEqual(11);
    }
    // Pages with charts were measured: the overview has none, the journey and campaigns do.
    expect(measured['journeys/checkout/index.html']?.smallestText).not.toBeNull();
    expect(measured['campaigns/spring-sale/index.html']?.smallestText).not.toBeNull();

    // The step table is wider than the phone: it scrolls inside its box, which keyboard users can focus.
    const journey = await openFile(context, site, 'journeys/checkout/index.html', []);
    const box = journey.locator('[role="region"]', { has: journey.locator('[data-testid="step-table"]') });
    // Named by the table's caption.
    expect(await journey.getByRole('region', { name: 'Units per step (sessions) Download CSV' }).count()).toBe(1);
    expect(await box.getAttribute('tabindex')).toBe('0');
    const [client, scroll] = await box.evaluate((element) => [element.clientWidth, element.scrollWidth]);
    expect(scroll).toBeGreaterThan(client);
    await box.focus();
    await journey.keyboard.press('ArrowRight');
    // Chromium scrolls by key smoothly, over several frames: on a loaded machine the first read can still be 0.
    await expect.poll(() => box.evaluate((element) => element.scrollLeft), { timeout: 5_000 }).toBeGreaterThan(0);
    await context.close();
  });

  it('axe-core finds no serious or critical violation on any page kind', async () => {
    // The pages' policy allows no script: axe is injected with the policy bypassed, for this test only.
    const context = await browser.newContext({ bypassCSP: true });
    const found: Record<string, string[]> = {};
    for (const path of pageKinds) {
      const page = await openFile(context, site, path, []);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: { run(context: Document): Promise<AxeResults> } }).axe;
        interface AxeResults {
          violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
          passes: unknown[];
        }
        const results = await axe.run(document);
        return {
          passes: results.passes.length,
          serious: results.violations
            .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
            .map(
              (violation) => `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
            ),
        };
      });
      // axe really ran: it passed checks on the page.
      expect(violations.passes, path).toBeGreaterThan(10);
      found[path] = violations.serious;
      await page.close();
    }
    await context.close();
    expect(found).toEqual(Object.fromEntries(pageKinds.map((path) => [path, []])));
  });

  it('shows the time before leaving, and an unconfigured campaign its conversions on the site’s first journey', async () => {
    const context = await browser.newContext();
    const journey = await openFile(context, site, 'journeys/checkout/index.html', []);
    const rows = await journey
      .locator('[data-testid="time-before-leaving"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    // Those who leave visit one more page 40 s after their last step, and their session ends there.
    expect(rows).toEqual([
      ['1. Product', '12', '40 sec', '40 sec'],
      ['2. Cart', '16', '40 sec', '40 sec'],
      ['3. Checkout', '12', '40 sec', '40 sec'],
    ]);
    const campaign = await openFile(context, site, 'campaigns/newsletter-march/index.html', []);
    expect(await campaign.locator('[data-testid="journey-by-default"]').textContent()).toContain('“Checkout”');
    // 16 sessions (i % 3 = 1) all view a product; those with i % 4 = 0 pay: i = 4, 16, 28, 40.
    const table = await campaign
      .locator('[data-testid="journey-vs-site"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent)));
    expect(table.slice(0, 2).map((row) => row.slice(0, 2))).toEqual([
      ['Started the journey', '16'],
      ['Converted', '4'],
    ]);
    await context.close();
  });
});

function readdirSafe(path: string): boolean {
  try {
    readdirSync(path);
    return true;
  } catch {
    return false;
  }
}
