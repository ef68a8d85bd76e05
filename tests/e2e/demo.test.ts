import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
  ['Checkout', '3,297', '413', '12.5%', 'Product → Add to cart: 65.6% left'],
  ['Express checkout (no detours, no help)', '1,133', '358', '31.6%', 'Checkout → Purchase: 48.9% left'],
  ['From first visit to repeat customer', '1,403', '30', '2.1%', 'Visit → Sign-up: 77.8% left'],
  ['Browse the collection', '3,297', '283', '8.6%', 'Aalto lamp → Kuu pendant: 70.8% left'],
];
const CAMPAIGNS = [
  ['autumn-sale', '264', '264', '57', 'on-track'],
  ['floor-lamp-launch', '755', '755', '48', 'behind'],
  ['members-letter', '146', '123', '20', 'on-track'],
  ['winter-stories', '449', '449', '29', 'behind'],
];
const STORED = 'report built from 10514 events and 317 replay chunks';

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
      '3688 visits, 10514 events, 210 replays: sending them through /api/events and /api/replay',
    );
    expect(output).toContain('day 60/60: 10514 events sent');
    expect(output).toContain(STORED);
    // Its own folder under the working directory; the production default is never touched.
    expect(existsSync(join(cwd, 'data/demo/polku.duckdb'))).toBe(true);
    expect(existsSync(join(cwd, 'data/polku.duckdb'))).toBe(false);
    await expect.poll(() => demo?.output() ?? '').toContain('Ctrl-C stops the demo.');
    expect(demo.output()).toContain(`Reports   ${demo.url}/reports/`);

    const overview = await open(`${demo.url}/reports/`);
    expect(await overview.locator('[data-testid="data-range"]').textContent()).toBe(
      '10,514 events from 1 Oct 2026, 08:51 EEST to 30 Nov 2026, 01:54 EET.',
    );
    expect(await rows(overview, 'journeys')).toEqual(JOURNEYS);
    expect(await rows(overview, 'campaigns')).toEqual(CAMPAIGNS);
    await overview.close();

    // A checkout drop-off sampled with its replay: the recording of the shop plays in the report.
    const journey = await open(`${demo.url}/reports/journeys/checkout/`);
    const link = journey.locator('[data-testid="left-at-3"] [data-testid="session-link"]').first();
    const session = await open(new URL((await link.getAttribute('href')) ?? '', demo.url).href);
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
      .toContain('report built from 10514 events and 318 replay chunks');

    // The shop itself, with the favicon and the tracker: nothing answers 404.
    const shop = await open(`${demo.url}/demo/`);
    await shop.click('text=Kuu pendant');
    await shop.waitForURL(/pendant/);
    await shop.close();
    expect(failed).toEqual([]);
    // Its two page views reach the report.
    await expect.poll(() => demo?.output() ?? '', { timeout: 40_000 }).toMatch(/report built from 10516 events/);

    expect(await interrupt(demo)).toBe(0);
    expect(demo.output()).toContain('SIGINT: shutting down');

    // The next start reuses the history instead of generating it again.
    demo = await startPolku(['demo', '--port', '0'], { cwd, timeoutMs: 60_000 });
    expect(demo.output()).not.toContain('Generating');
    expect(demo.output()).toMatch(/report built from 10516 events/);
    expect(await interrupt(demo)).toBe(0);
  }, 150_000);
});
