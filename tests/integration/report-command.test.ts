import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { runPolku } from '../support/polku-process.ts';
import { appendReportFixture, reportConfig } from '../support/report-fixture.ts';

let dir: string;
let db: string;
let configFile: string;
beforeAll(async () => {
  // Shared by every test in this file (tempDir() folders are removed after each test).
  dir = mkdtempSync(join(tmpdir(), 'polku-report-'));
  db = join(dir, 'polku.duckdb');
  const store = await Store.open(db);
  await appendReportFixture(store);
  await store.close();
  configFile = join(dir, 'polku.config.json');
  const { journeys, campaigns, sites, report } = reportConfig;
  writeFileSync(configFile, JSON.stringify({ sites, journeys, campaigns: { ...campaigns, autumn: {} }, report }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(root, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** A CSV file's lines after its comment line, without the final empty one. */
const table = (files: Record<string, string>, path: string) => (files[path] as string).split('\n').slice(1, -1);

describe('polku report', () => {
  it('writes index, journey and campaign JSON plus CSVs, byte-identical on a rerun', async () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    for (const out of [first, second]) {
      const { code, stdout } = await runPolku(['report', '--config', configFile, '--db', db, '--out', out]);
      expect(code).toBe(0);
      expect(stdout).toBe(`wrote 26 files for 7 events into ${out}\n`);
    }
    const files = readTree(first);
    expect(Object.keys(files).sort()).toEqual([
      'campaigns.csv',
      'campaigns/autumn.funnel.csv',
      'campaigns/autumn.json',
      'campaigns/autumn.targets.csv',
      'campaigns/autumn.traffic.csv',
      'campaigns/autumn.value.csv',
      'campaigns/autumn.vs-site.csv',
      'campaigns/spring-sale.funnel.csv',
      'campaigns/spring-sale.json',
      'campaigns/spring-sale.targets.csv',
      'campaigns/spring-sale.traffic.csv',
      'campaigns/spring-sale.value.csv',
      'campaigns/spring-sale.vs-site.csv',
      'index.json',
      'journeys.csv',
      'journeys/checkout.breakdowns.csv',
      'journeys/checkout.cohorts.csv',
      'journeys/checkout.comments.csv',
      'journeys/checkout.cross-segments.csv',
      'journeys/checkout.json',
      'journeys/checkout.next-actions.csv',
      'journeys/checkout.previous-period.csv',
      'journeys/checkout.samples.csv',
      'journeys/checkout.steps.csv',
      'journeys/checkout.time-to-convert.csv',
      'journeys/checkout.trend.csv',
    ]);
    expect(readTree(second)).toEqual(files);
    const journey = JSON.parse(files['journeys/checkout.json'] as string);
    expect(journey.meta).toEqual({
      version: 2,
      range: { from: '2026-03-01T12:00:00.000Z', to: '2026-03-04T12:00:00.000Z' },
      requested: { from: null, to: null },
      eventCount: 7,
      generatedAt: '2026-03-04T12:00:00.000Z',
    });
    expect(journey.steps.map((step: { name: string; count: number }) => [step.name, step.count])).toEqual([
      ['Product', 2],
      ['Cart', 1],
      ['Paid', 1],
    ]);
    expect(journey.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    // s2 left 5 minutes after its product view; s1's feedback 9 was sent at step 2.
    expect(table(files, 'journeys/checkout.steps.csv')).toEqual([
      'step,name,count,of_start,of_previous,low,high,dropped_here,median_seconds_from_previous,p75_seconds_from_previous,nps,nps_responses,median_seconds_before_leaving,p75_seconds_before_leaving,nps_promoters,nps_passives,nps_detractors,median_days_from_previous,p75_days_from_previous',
      '1,Product,2,1,1,0.34238,1,1,,,,,300,300,,,,,',
      '2,Cart,1,0.5,0.5,0.094531,0.905469,0,60,60,100,1,,,1,0,0,,',
      '3,Paid,1,0.5,1,0.206549,1,0,120,120,,,,,,,,,',
    ]);
    // s1's feedback has a score and no comment: a header only.
    expect(table(files, 'journeys/checkout.comments.csv')).toEqual(['step,name,at,score,comment']);
    expect(table(files, 'journeys/checkout.samples.csv')).toEqual([
      'step,id,last_step_at,has_replay',
      `1,${journey.steps[0].samples[0].id},2026-03-01T12:00:00.000Z,false`,
    ]);
    // The default range starts at the first event: no previous period, a header only.
    expect(table(files, 'journeys/checkout.previous-period.csv')).toEqual([
      'step,name,previous_from,previous_to,previous_count,count',
    ]);
    expect(table(files, 'campaigns/spring-sale.funnel.csv')).toEqual([
      'step,name,units,of_start,site_units,site_of_start',
      '1,Product,2,1,2,1',
      '2,Cart,1,0.5,1,0.5',
      '3,Paid,1,0.5,1,0.5',
    ]);
    expect(table(files, 'campaigns/spring-sale.vs-site.csv')).toEqual([
      'measure,campaign,site_average',
      'started,2,',
      'conversions,1,',
      'conversion_rate,0.5,0.5',
      'conversion_low,0.094531,',
      'conversion_high,0.905469,',
      'bounce_rate,0,0.333333',
      'pages_per_session,1.5,1.333333',
    ]);
    expect(table(files, 'campaigns/spring-sale.value.csv')).toEqual([
      'measure,value',
      'total,120',
      'per_visitor,60',
      'top10_share,0.1',
      'top20_share,0.2',
      'source,journey',
      'payers,1',
      'top30_share,0.3',
      'top40_share,0.4',
      'top50_share,0.5',
      'top60_share,0.6',
      'top70_share,0.7',
      'top80_share,0.8',
      'top90_share,0.9',
      'top100_share,1',
    ]);
    // A configured campaign without a journey or data: an empty funnel, journey measures empty.
    expect(table(files, 'campaigns/autumn.funnel.csv')).toEqual(['step,name,units,of_start,site_units,site_of_start']);
    expect(table(files, 'campaigns/autumn.vs-site.csv')).toEqual([
      'measure,campaign,site_average',
      'started,,',
      'conversions,,',
      'conversion_rate,,',
      'conversion_low,,',
      'conversion_high,,',
      'bounce_rate,0,0.333333',
      'pages_per_session,0,1.333333',
    ]);
  });

  it('writes the previous period table when the window before holds data', async () => {
    const out = join(dir, 'later');
    // Helsinki dates: 2026-03-01T22:00Z..2026-03-04T22:00Z holds only s3's bounce; the three days
    // before hold s1 (converts) and s2 (drops at step 1).
    const range = ['--from', '2026-03-02', '--to', '2026-03-04'];
    const { code } = await runPolku(['report', '--config', configFile, '--db', db, '--out', out, ...range]);
    expect(code).toBe(0);
    expect(table(readTree(out), 'journeys/checkout.previous-period.csv')).toEqual([
      'step,name,previous_from,previous_to,previous_count,count',
      '1,Product,2026-02-26T22:00:00.000Z,2026-03-01T22:00:00.000Z,2,0',
      '2,Cart,2026-02-26T22:00:00.000Z,2026-03-01T22:00:00.000Z,1,0',
      '3,Paid,2026-02-26T22:00:00.000Z,2026-03-01T22:00:00.000Z,1,0',
    ]);
  });

  it('limits the range to local days of the report time zone', async () => {
    const out = join(dir, 'day');
    const { code } = await runPolku([
      'report',
      '--config',
      configFile,
      '--db',
      db,
      '--out',
      out,
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-01',
    ]);
    expect(code).toBe(0);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.meta.requested).toEqual({ from: '2026-02-28T22:00:00.000Z', to: '2026-03-01T22:00:00.000Z' });
    expect(index.meta.eventCount).toBe(6);
  });

  it('rejects a bad date with a hint and exit code 2', async () => {
    const { code, stderr } = await runPolku(['report', '--config', configFile, '--db', db, '--from', '2026-02-30']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      '--from must be a date like 2026-03-01 or an ISO instant like 2026-03-01T00:00:00Z, not "2026-02-30"\n',
    );
  });
});

describe('polku check', () => {
  it('reports unseen campaigns as errors, and UTM hygiene and ended campaigns without notes as warnings', async () => {
    const { code, stdout } = await runPolku(['check', '--config', configFile, '--db', db]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'error: campaigns.autumn: campaign "autumn" never appears in the data as utm_campaign (compared trimmed and lower-cased)',
        // Spring-Sale ran in March 2026: by the clock, it has ended (autumn has no end date).
        'warning: campaigns.Spring-Sale.notes: campaign "Spring-Sale" ended on 2026-03-31 and has no notes; add "notes": "notes/Spring-Sale.md" with what was learned',
        'warning: utm_campaign "spring-sale": spelled 2 ways: " Spring-Sale", "spring-sale"',
        'warning: utm_campaign "spring-sale": 1 events without utm_source',
        'warning: utm_campaign "spring-sale": 1 events without utm_medium',
        '1 error(s), 4 warning(s)',
        '',
      ].join('\n'),
    );
  });
});
