import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, type StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';
import { runPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';

/**
 * Hand-made sessions of a two-step journey (Product page → purchase), Helsinki time:
 * - 25 February: 4 sessions, 1 buys;
 * - 3 March: 10 sessions, 2 buy;
 * - 12 March: 10 sessions, 8 buy;
 * - 15 March: one visit to /about, the newest event (last-N-days end on its day).
 * So last-7-days is 9–15 March (10 started, 8 bought) against 2–8 March (10, 2); month:2026-03 is
 * 20 and 10 against the 31 days before it, 29 January – 28 February (4, 1).
 */
function periodEvents(): StoredEvent[] {
  const events: StoredEvent[] = [];
  const sessions = (day: number, month: number, count: number, buyers: number) => {
    for (let i = 0; i < count; i++) {
      const sessionId = `s-${month}-${day}-${i}`;
      const ts = Date.UTC(2026, month - 1, day, 10, i);
      const common = { sessionId, visitorId: `v-${sessionId}` };
      events.push(storedEvent({ ...common, ts, path: '/product' }));
      if (i < buyers) events.push(storedEvent({ ...common, ts: ts + 30_000, name: 'purchase', value: 10 }));
    }
  };
  sessions(25, 2, 4, 1);
  sessions(3, 3, 10, 2);
  sessions(12, 3, 10, 8);
  events.push(storedEvent({ sessionId: 'about', ts: Date.UTC(2026, 2, 15, 10), path: '/about' }));
  return events;
}

const config = (report: Record<string, unknown> = {}) => ({
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    {
      id: 'checkout',
      name: 'Checkout',
      site: 'shop',
      steps: [
        { name: 'Product', page: '/product' },
        { name: 'Paid', event: 'purchase' },
      ],
    },
  ],
  campaigns: { spring: { from: '2026-03-09', to: '2026-03-15' }, evergreen: {} },
  report: { title: 'Periods', timezone: 'Europe/Helsinki', ...report },
});

let dir: string;
let db: string;
let configFile: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'polku-periods-'));
  db = join(dir, 'polku.duckdb');
  const store = await Store.open(db);
  await appendEvents(store, periodEvents());
  await store.checkpoint();
  await store.close();
  configFile = join(dir, 'polku.config.json');
  writeFileSync(configFile, JSON.stringify(config()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const build = (out: string, ...extra: string[]) =>
  runPolku(['build', '--config', configFile, '--db', db, '--out', join(dir, out), ...extra]);

/** The words of the journey page's comparison section, tags removed. */
function comparison(site: string, prefix = ''): string {
  const html = readFileSync(join(dir, site, prefix, 'journeys', 'checkout', 'index.html'), 'utf8');
  const section = /<section data-testid="previous-period-section">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? '';
  return words(section);
}

function switcher(site: string, prefix = ''): string[] {
  const html = readFileSync(join(dir, site, prefix, 'index.html'), 'utf8');
  const nav = /<nav class="periods"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  // "* " marks the link with aria-current.
  return [...nav.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map(
    ([, attributes = '', text]) =>
      `${attributes.includes('aria-current="true"') ? '* ' : ''}${/href="([^"]*)"/.exec(attributes)?.[1]} ${text}`,
  );
}

const words = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function htmlFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
}

describe('polku build with periods', () => {
  it('builds --periods side by side, each with its previous period, linked from every page', async () => {
    const result = await build('side-by-side', '--periods', 'last-7-days,month:2026-03,campaign:spring');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    // 80 % (8 of 10) against 20 % (2 of 10): Newcombe's interval 0.161824..0.802682 (from the Wilson
    // intervals 0.490162..0.943318 and 0.056682..0.509838).
    const lastWeek =
      'Compared with the previous period Download CSV ' +
      'Conversion 80% in this period, 20% in the previous one: +60.0 percentage points. ' +
      'With 95 % confidence the change lies between +16.2 and +80.3 percentage points. ' +
      'The change is significant: it is unlikely to be chance. ' +
      'Previous period: 2 – 8 Mar 2026 Step Previous period This period 1. Product 10 10 2. Paid 2 8 Conversion 20% 80%';
    expect(comparison('side-by-side')).toBe(lastWeek);
    // 50 % (10 of 20) against 25 % (1 of 4): −0.242142..0.536471, which includes 0.
    expect(comparison('side-by-side', 'periods/month-2026-03')).toBe(
      'Compared with the previous period Download CSV ' +
        'Conversion 50% in this period, 25% in the previous one: +25.0 percentage points. ' +
        'With 95 % confidence the change lies between −24.2 and +53.6 percentage points. ' +
        'The change is not significant: it may well be chance. ' +
        'Previous period: 29 Jan – 28 Feb 2026 Step Previous period This period 1. Product 4 20 2. Paid 1 10 Conversion 25% 50%',
    );
    // The campaign ran 9–15 March: the same days as the last 7.
    expect(comparison('side-by-side', 'periods/campaign-spring')).toBe(lastWeek);

    // Links are relative to the page (site/relative-links.ts), so the folder of periods works from disk.
    expect(switcher('side-by-side')).toEqual([
      '* index.html Last 7 days',
      'periods/month-2026-03/index.html March 2026',
      'periods/campaign-spring/index.html Campaign spring',
    ]);
    expect(switcher('side-by-side', 'periods/month-2026-03')).toEqual([
      '../../index.html Last 7 days',
      '* index.html March 2026',
      '../campaign-spring/index.html Campaign spring',
    ]);
    expect(switcher('side-by-side', 'periods/campaign-spring')).toEqual([
      '../../index.html Last 7 days',
      '../month-2026-03/index.html March 2026',
      '* index.html Campaign spring',
    ]);

    // Every period's site is complete and, like every report page, runs no script.
    const pages = htmlFiles(join(dir, 'side-by-side'));
    for (const prefix of ['', 'periods/month-2026-03/', 'periods/campaign-spring/']) {
      for (const page of ['index.html', 'methodology/index.html', 'journeys/checkout/index.html']) {
        expect(pages).toContain(`${prefix}${page}`);
      }
    }
    for (const page of pages) expect(readFileSync(join(dir, 'side-by-side', page), 'utf8')).not.toMatch(/<script/i);
    // Every link of every period's pages names a file of the folder, also across periods.
    for (const page of pages.filter((file) => !file.includes('player/'))) {
      const html = readFileSync(join(dir, 'side-by-side', page), 'utf8');
      for (const [, url = ''] of html.matchAll(/\shref="([^"#?]*)[^"]*"/g)) {
        if (/^[a-z]+:/.test(url) || url === '') continue;
        expect(existsSync(join(dir, 'side-by-side', dirname(page), url)), `${page}: ${url}`).toBe(true);
      }
    }
  }, 240_000);

  it('builds one --period under --base, counting last-N-days back from the day of --now', async () => {
    const result = await build('one', '--period', 'last-7-days', '--now', '2026-03-08T12:00:00Z', '--base', '/r/');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // 2–8 March: 20 % (2 of 10) against 23 February – 1 March: 25 % (1 of 4); Newcombe's interval from
    // the Wilson intervals 0.056682..0.509838 and 0.045587..0.699358 is −0.52166..0.321192.
    expect(comparison('one')).toBe(
      'Compared with the previous period Download CSV ' +
        'Conversion 20% in this period, 25% in the previous one: −5.0 percentage points. ' +
        'With 95 % confidence the change lies between −52.2 and +32.1 percentage points. ' +
        'The change is not significant: it may well be chance. ' +
        'Previous period: 23 Feb – 1 Mar 2026 Step Previous period This period 1. Product 4 10 2. Paid 1 2 Conversion 25% 20%',
    );
    expect(switcher('one')).toEqual(['* index.html Last 7 days']);
    expect(existsSync(join(dir, 'one', 'periods'))).toBe(false);
  });

  it('takes report.periods from the config when no period is given', async () => {
    const file = join(dir, 'configured.json');
    writeFileSync(file, JSON.stringify(config({ periods: ['month:2026-03'] })));
    const configured = await runPolku(['build', '--config', file, '--db', db, '--out', join(dir, 'configured')]);
    expect(configured.code).toBe(0);
    expect(comparison('configured')).toContain('1. Product 4 20 2. Paid 1 10 Conversion 25% 50%');
    expect(switcher('configured')).toEqual(['* index.html March 2026']);
  });
});

describe('polku report --period', () => {
  it('writes the period and its previous period into the journey file', async () => {
    const out = join(dir, 'report-data');
    const result = await runPolku([
      'report',
      '--config',
      configFile,
      '--db',
      db,
      '--out',
      out,
      '--period',
      'month:2026-03',
    ]);
    expect(result.code).toBe(0);
    const journey = JSON.parse(readFileSync(join(out, 'journeys', 'checkout.json'), 'utf8'));
    expect(journey.steps.map((step: { count: number }) => step.count)).toEqual([20, 10]);
    expect(journey.previousPeriod).toEqual({
      from: '2026-01-28T22:00:00.000Z',
      to: '2026-02-28T22:00:00.000Z',
      steps: [4, 1],
      conversion: 0.25,
      change: 0.25,
      changeInterval: { low: -0.242142, high: 0.536471 },
      significant: false,
    });
  });
});

describe('period usage errors', () => {
  const usage = async (...args: string[]) => {
    const result = await runPolku(['build', '--config', configFile, '--db', db, '--out', join(dir, 'never'), ...args]);
    return { code: result.code, stderr: result.stderr };
  };

  it('rejects bad period names, unknown campaigns and conflicting flags with exit 2', async () => {
    expect(await usage('--period', 'last-week')).toEqual({
      code: 2,
      stderr:
        '--period: "last-week" is not a period; use last-7-days, last-30-days (any last-N-days, N 1–366), month:2026-11 or campaign:NAME\n',
    });
    expect(await usage('--periods', 'last-7-days,month:2026-13')).toEqual({
      code: 2,
      stderr: '--periods: "month:2026-13": the month must be 01–12, as in month:2026-11\n',
    });
    expect(await usage('--period', 'campaign:autumn')).toEqual({
      code: 2,
      stderr: '--period: "campaign:autumn": no campaign "autumn" in the config; known campaigns: evergreen, spring\n',
    });
    expect(await usage('--period', 'campaign:evergreen')).toEqual({
      code: 2,
      stderr:
        '--period: "campaign:evergreen": campaign "evergreen" has no period; give it "from" (and "to") dates in the config, or use one of: spring\n',
    });
    expect(await usage('--periods', 'last-7-days,last-7-days')).toEqual({
      code: 2,
      stderr: '--periods: the period "last-7-days" is listed twice\n',
    });
    expect(await usage('--from', '2026-03-01', '--period', 'last-7-days')).toEqual({
      code: 2,
      stderr: '--from/--to and --period both name the period; give only one of them\n',
    });
    expect(await usage('--period', 'last-7-days', '--periods', 'month:2026-03')).toEqual({
      code: 2,
      stderr: '--period and --periods both name the period; give only one of them\n',
    });
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const report = await runPolku(['report', '--config', configFile, '--db', db, '--periods', 'last-7-days']);
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/^polku report: Unknown option '--periods' \(did you mean --period\?\)/);
  }, 180_000);

  it('says that last-N-days needs --now in an empty database', async () => {
    const empty = join(dir, 'empty.duckdb');
    await (await Store.open(empty)).close();
    const result = await runPolku(['build', '--config', configFile, '--db', empty, '--period', 'last-30-days']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      '--period: "last-30-days" counts back from the newest event, and the database has none; give --now to count back from a day of your choosing\n',
    );
  });

  it('rejects unknown or unusable report.periods in the config', async () => {
    const file = join(dir, 'bad-periods.json');
    writeFileSync(file, JSON.stringify(config({ periods: ['last-7-days', 'fortnight', 'campaign:evergreen'] })));
    const result = await runPolku(['build', '--config', file, '--db', db, '--out', join(dir, 'never')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'report.periods.1: use "last-7-days", "last-30-days" (any last-N-days), "month:2026-11" or "campaign:NAME"',
    );
    expect(result.stderr).toContain(
      'report.periods.2: campaign "evergreen" has no period; give it "from" (and "to") dates',
    );
  });
});
