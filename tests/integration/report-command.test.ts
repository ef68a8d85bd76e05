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

describe('polku report', () => {
  it('writes index, journey and campaign JSON plus CSVs, byte-identical on a rerun', async () => {
    const first = join(dir, 'first');
    const second = join(dir, 'second');
    for (const out of [first, second]) {
      const { code, stdout } = await runPolku(['report', '--config', configFile, '--db', db, '--out', out]);
      expect(code).toBe(0);
      expect(stdout).toBe(`wrote 15 files for 7 events into ${out}\n`);
    }
    const files = readTree(first);
    expect(Object.keys(files).sort()).toEqual([
      'campaigns.csv',
      'campaigns/autumn.json',
      'campaigns/autumn.targets.csv',
      'campaigns/autumn.traffic.csv',
      'campaigns/spring-sale.json',
      'campaigns/spring-sale.targets.csv',
      'campaigns/spring-sale.traffic.csv',
      'index.json',
      'journeys.csv',
      'journeys/checkout.breakdowns.csv',
      'journeys/checkout.json',
      'journeys/checkout.next-actions.csv',
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
    expect((files['journeys/checkout.steps.csv'] as string).split('\n').slice(1, 3)).toEqual([
      'step,name,count,of_start,of_previous,low,high,dropped_here,median_seconds_from_previous,p75_seconds_from_previous,nps,nps_responses',
      '1,Product,2,1,1,0.34238,1,1,,,,',
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
  it('reports unseen campaigns as errors and UTM hygiene as warnings', async () => {
    const { code, stdout } = await runPolku(['check', '--config', configFile, '--db', db]);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        'error: campaigns.autumn: campaign "autumn" never appears in the data as utm_campaign (compared trimmed and lower-cased)',
        'warning: utm_campaign "spring-sale": spelled 2 ways: " Spring-Sale", "spring-sale"',
        'warning: utm_campaign "spring-sale": 1 events without utm_source',
        'warning: utm_campaign "spring-sale": 1 events without utm_medium',
        '1 error(s), 3 warning(s)',
        '',
      ].join('\n'),
    );
  });
});
