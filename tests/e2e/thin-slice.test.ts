import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { CHROME_UA } from '../support/collector.ts';
import { type FixtureSite, serveFixturePages } from '../support/fixture-site.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** What the tracker sent: the parsed JSON bodies of every POST to /api/events. */
function batchesFrom(requests: Request[]): { site: string; events: Record<string, unknown>[] }[] {
  return requests.filter((r) => r.url().endsWith('/api/events')).map((r) => JSON.parse(r.postData() ?? '{}'));
}

describeBrowser('thin slice: tracker → collector → DuckDB → report site', () => {
  let browser: Browser;
  let site: FixtureSite;
  let collector: RunningPolku | undefined;
  let preview: RunningPolku | undefined;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFixturePages(() => collector?.url ?? 'http://collector.invalid');
  });
  afterAll(async () => {
    await collector?.stop();
    await preview?.stop();
    await site?.close();
    await browser?.close();
  });

  it('records A then B, builds the report, and the journey page shows 1 session at each step', async () => {
    const dir = tempDir();
    const config = join(dir, 'polku.config.json');
    const db = join(dir, 'polku.duckdb');
    const out = join(dir, 'reports');
    writeFileSync(
      config,
      JSON.stringify({
        sites: [{ id: 'e2e', origins: [site.origin] }],
        journeys: [
          {
            id: 'a-to-b',
            name: 'A to B',
            site: 'e2e',
            steps: [
              { name: 'Page A', page: '/a.html' },
              { name: 'Page B', page: '/b.html' },
            ],
          },
        ],
      }),
    );
    collector = await startPolku(['collect', '--config', config, '--db', db, '--port', '0']);

    // Headless Chromium says so in its user agent, and the collector drops headless browsers as bots.
    const page = await browser.newPage({ userAgent: CHROME_UA });
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') sent.push(request);
    });
    const accepted = () => page.waitForResponse((r) => r.url().endsWith('/api/events') && r.status() === 202);

    let stored = accepted();
    await page.goto(`${site.origin}/a.html`);
    await stored;
    stored = accepted();
    await page.click('#to-b');
    await stored;
    stored = accepted();
    await page.click('#spa'); // an SPA navigation is a page view too
    await stored;
    await page.close();

    const batches = batchesFrom(sent);
    expect(batches.map((b) => b.site)).toEqual(['e2e', 'e2e', 'e2e']);
    const events = batches.flatMap((b) => b.events);
    expect(events.map(({ name, url, referrer }) => ({ name, url, referrer }))).toEqual([
      { name: 'pageview', url: `${site.origin}/a.html`, referrer: undefined },
      { name: 'pageview', url: `${site.origin}/b.html`, referrer: `${site.origin}/a.html` },
      { name: 'pageview', url: `${site.origin}/b/details`, referrer: `${site.origin}/b.html` },
    ]);
    for (const event of events) {
      expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Object.keys(event).sort()).toEqual(
        ['id', 'name', 'page_id', 'ts', 'url', ...(event.referrer ? ['referrer'] : [])].sort(),
      );
    }
    for (const request of sent) expect(request.headers()['content-type']).toBe('text/plain;charset=UTF-8');

    // The collector holds the database; stopping it (SIGTERM) closes it cleanly for the build.
    expect(await collector.stop()).toBe(0);
    const build = await runPolku(['build', '--config', config, '--db', db, '--out', out]);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toContain(`built 3 pages from 3 events into ${out}`);

    preview = await startPolku(['preview', '--out', out, '--port', '0']);
    const report = await browser.newPage();
    await report.goto(`${preview.url}/journeys/a-to-b/`);
    expect(await report.locator('h1').textContent()).toBe('A to B');
    expect(await report.locator('[data-testid="step-table"] tbody th').allTextContents()).toEqual([
      '1. Page A',
      '2. Page B',
    ]);
    expect(await report.locator('[data-testid="step-table"] [data-testid="units"]').allTextContents()).toEqual([
      '1',
      '1',
    ]);
    expect(await report.locator('figure [role="img"][aria-label^="Funnel (sessions): "]').count()).toBe(1);
    await report.close();
  });
});
