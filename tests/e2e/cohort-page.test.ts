import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Store, type StoredEvent } from '../../store/index.ts';
import { describeBrowser, launchChromium } from '../support/chromium.ts';
import { storedEvent } from '../support/events.ts';
import { LIFECYCLE_CONFIG, lifecycleEvents } from '../support/lifecycle-events.ts';
import { type RunningPolku, runPolku, startPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';

/** A phone's viewport (iPhone 12–15 width). */
const PHONE = { width: 390, height: 844 };
const DAY = 86_400_000;

/** The lifecycle fixture, plus a second site whose journey has 30 weekly cohorts (more than the page shows). */
const CONFIG = {
  ...LIFECYCLE_CONFIG,
  sites: [...LIFECYCLE_CONFIG.sites, { id: 'blog', origins: ['https://blog.example'] }],
  journeys: [
    ...LIFECYCLE_CONFIG.journeys,
    {
      id: 'weekly',
      name: 'Weekly',
      site: 'blog',
      unit: 'visitor',
      steps: [
        { name: 'Read', page: '/' },
        { name: 'Subscribe', event: 'subscribe' },
      ],
    },
  ],
};

/** One visitor a week from Monday 1 September 2025, each subscribing a day after the visit. */
function weeklyEvents(): StoredEvent[] {
  return Array.from({ length: 30 }, (_, week) => {
    const at = Date.UTC(2025, 8, 1 + 7 * week, 10);
    const visitor = { site: 'blog', visitorId: `w${week}`, sessionId: `w${week}` };
    return [storedEvent({ ...visitor, ts: at }), storedEvent({ ...visitor, ts: at + DAY, name: 'subscribe' })];
  }).flat();
}

describeBrowser('journey page: cohort table of a visitor journey, on a 390 px phone', () => {
  let dir: string;
  let browser: Browser;
  let preview: RunningPolku;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'polku-cohorts-'));
    const db = join(dir, 'polku.duckdb');
    const store = await Store.open(db);
    await appendEvents(store, [...lifecycleEvents(), ...weeklyEvents()]);
    await store.close();
    const config = join(dir, 'polku.config.json');
    writeFileSync(config, JSON.stringify(CONFIG));
    const out = join(dir, 'site');
    const built = await runPolku(['build', '--config', config, '--db', db, '--out', out]);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    preview = await startPolku(['preview', '--out', out, '--port', '0']);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: PHONE });
    expect((await page.goto(`${preview.url}/journeys/lifecycle/`))?.status()).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rows = (selector: string) =>
    page.locator(`${selector} tr`).evaluateAll((trs) =>
      trs.map((tr) =>
        // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
        [...tr.children].map((cell) => (cell as HTMLElement).innerText),
      ),
    );

  it('shows one table per later step, cohorts as rows and weeks since step 1 as columns, unobserved weeks as "not yet"', async () => {
    expect(await page.locator('[data-testid="cohorts"] caption').allInnerTexts()).toEqual([
      'Reached 2. Sign-up',
      'Reached 3. First purchase',
      'Reached 4. Repeat purchase',
      'Days between steps',
    ]);
    // Weeks the cohort had fully lived through have no *; the March 2 cohort's complete weeks are 0..4.
    expect(await rows('[data-testid="cohorts-step-3"]')).toEqual([
      ['Week of', 'Visitors', 'Week 0', 'Week 1', 'Week 2', 'Week 3', 'Week 4', 'Week 5', 'Week 6'],
      ['2 Mar 2026', '4', '25% (1)', '50% (2)', '50% (2)', '50% (2)', '50% (2)', '50% (2)*', '50% (2)*'],
      ['9 Mar 2026', '2', '0% (0)', '0% (0)', '0% (0)', '0% (0)', '50% (1)', '50% (1)*', 'not yet'],
      ['6 Apr 2026', '2', '0% (0)*', '0% (0)*', 'not yet', 'not yet', 'not yet', 'not yet', 'not yet'],
    ]);
    expect(await rows('[data-testid="days-between-steps"]')).toEqual([
      ['Step', 'Visitors', 'Median', '75% within'],
      ['2. Sign-up', '5', '1 day', '2 days'],
      ['3. First purchase', '3', '9 days', '28 days'],
      ['4. Repeat purchase', '1', '10 days', '10 days'],
    ]);
  });

  it('marks header cells with their scope, and runs no script', async () => {
    const table = page.locator('[data-testid="cohorts-step-2"]');
    expect(await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope')))).toEqual(
      Array(9).fill('col'),
    );
    expect(await table.locator('tbody th').evaluateAll((ths) => ths.map((th) => th.getAttribute('scope')))).toEqual(
      Array(3).fill('row'),
    );
    expect(await page.locator('script').count()).toBe(0);
  });

  it('scrolls the wide table inside its own box (a focusable, labelled region), not the page', async () => {
    const box = await page
      .locator('[data-testid="cohorts"] .cohort-scroll')
      .first()
      .evaluate((element) => ({
        right: element.getBoundingClientRect().right,
        clientWidth: element.clientWidth,
        scrollWidth: element.scrollWidth,
        role: element.getAttribute('role'),
        tabindex: element.getAttribute('tabindex'),
        label: document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent,
      }));
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    expect(box.scrollWidth).toBeGreaterThan(box.clientWidth);
    expect([box.role, box.tabindex, box.label]).toEqual(['region', '0', 'Reached 2. Sign-up']);
    // Nothing in the section sticks out of it: every wide table scrolls in a box of its own.
    const section = await page
      .locator('[data-testid="cohorts"]')
      .evaluate((element) => [element.scrollWidth, element.clientWidth, element.getBoundingClientRect().right]);
    expect(section[0]).toBe(section[1]);
    expect(section[2]).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('[data-testid="cohorts"] table').count()).toBe(
      await page.locator('[data-testid="cohorts"] .cohort-scroll > table').count(),
    );
  });

  it('links the cohorts CSV, which the site publishes with the report comment line', async () => {
    const link = page.locator('[data-testid="cohorts"] h2 a.csv');
    expect(await link.getAttribute('href')).toBe('../../data/journeys/lifecycle.cohorts.csv');
    const response = await fetch(`${preview.url}/data/journeys/lifecycle.cohorts.csv`);
    expect(response.status).toBe(200);
    const lines = (await response.text()).split('\n');
    expect(lines[0]).toMatch(/^# polku-report v2 \| /);
    expect(lines.slice(1, 3)).toEqual([
      'cohort_week,cohort_units,step,name,weeks_since_step_1,units,share,complete',
      '2026-03-02,4,2,Sign-up,0,2,0.5,true',
    ]);
  });

  it('has no cohort section on a session journey page', async () => {
    const other = await browser.newPage({ viewport: PHONE });
    expect((await other.goto(`${preview.url}/journeys/per-session/`))?.status()).toBe(200);
    expect(await other.locator('[data-testid="cohorts"]').count()).toBe(0);
    await other.close();
  });

  it('shows the latest 26 weekly cohorts of a long report and says the older ones are in the CSV', async () => {
    const weekly = await browser.newPage({ viewport: PHONE });
    expect((await weekly.goto(`${preview.url}/journeys/weekly/`))?.status()).toBe(200);
    const weeks = await weekly.locator('[data-testid="cohorts-step-2"] tbody th').allInnerTexts();
    // 30 cohorts from 1 September 2025; the first 4 are left to the CSV.
    expect([weeks.length, weeks[0], weeks.at(-1)]).toEqual([26, '29 Sept 2025', '23 Mar 2026']);
    // The blog's data ends a day after its last visit, though the shop's goes on to 14 April: the
    // latest cohort has only week 0 (of weeks 0..12, which the oldest cohorts have lived through).
    const latest = await weekly.locator('[data-testid="cohorts-step-2"] tbody tr').last().locator('td').allInnerTexts();
    expect(latest).toEqual(['1', '100% (1)*', ...Array(12).fill('not yet')]);
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a reader sees it is what is asserted
    expect(await weekly.locator('[data-testid="cohorts-legend"]').innerText()).toMatch(
      /may still grow\. 4 older weeks are in the CSV\.$/,
    );
    const csv = await (await fetch(`${preview.url}/data/journeys/weekly.cohorts.csv`)).text();
    const cohortWeeks = new Set(
      csv
        .split('\n')
        .slice(2, -1)
        .map((line) => line.split(',')[0]),
    );
    expect(cohortWeeks.size).toBe(30);
    await weekly.close();
  });
});
