import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PolkuConfigInput } from '../../config/index.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';
import { runPolku } from '../support/polku-process.ts';
import { expectSameReportFiles } from '../support/report-files.ts';
import { describeConformance, sharedFixture } from '../support/shared-fixtures.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Snowplow's e-commerce sample (dbt-snowplow-ecommerce's integration data, Apache-2.0: 834 real events
 * over two months, prices with cents, a transaction sent twice) imported with `polku import --from
 * snowplow` into a DuckDB file and into a 2-shard ClickHouse cluster: `polku report` writes the same
 * files from both, journeys of every order and unit included.
 */
const EVENTS = sharedFixture('snowplow-ecommerce/snowplow_ecommerce_events.csv');
const shopping = [
  { name: 'List', event: 'list_view' },
  { name: 'Product', event: 'product_view' },
  { name: 'Cart', event: 'add_to_cart' },
  { name: 'Checkout', event: 'checkout_step' },
  { name: 'Paid', event: 'transaction' },
];
const CONFIG: PolkuConfigInput = {
  sites: [{ id: 'shop', origins: ['https://shop.example'] }],
  journeys: [
    { id: 'shopping', name: 'Shopping', site: 'shop', steps: shopping },
    { id: 'quick', name: 'Within 15 minutes', site: 'shop', window: '15m', steps: shopping.slice(1) },
    { id: 'strict', name: 'Cart straight to checkout', site: 'shop', order: 'strict', steps: shopping.slice(2, 4) },
    { id: 'any', name: 'Any order', site: 'shop', order: 'any', unit: 'visitor', steps: shopping.slice(1, 4) },
    {
      id: 'kept',
      name: 'Paid without removing',
      site: 'shop',
      unit: 'visitor',
      steps: [shopping[2] as (typeof shopping)[number], { name: 'Paid', event: 'transaction', within: '1h' }],
      exclude: [{ event: 'remove_from_cart' }],
    },
  ],
  revenue: { event: 'transaction' },
  report: { title: 'Snowplow shop', timezone: 'Europe/Helsinki', currency: 'USD' },
};

let cluster: ClickHouseCluster;

describeConformance('the report from ClickHouse on a real Snowplow export', () => {
  describeClickHouse('Snowplow e-commerce sample in DuckDB and on a 2-shard cluster', () => {
    beforeAll(async () => {
      cluster = await startClickHouseCluster();
    });
    afterAll(() => cluster?.stop());

    it('gives the same report files from both', async () => {
      const dir = tempDir();
      const db = join(dir, 'polku.duckdb');
      const config = join(dir, 'polku.config.json');
      writeFileSync(config, JSON.stringify(CONFIG));
      const clickhouse = ['--backend', 'clickhouse', '--clickhouse', cluster.shardUrls.join(',')];
      for (const target of [['--db', db], clickhouse]) {
        const imported = await runPolku(['import', '--from', 'snowplow', '--site', 'shop', ...target, EVENTS]);
        expect(imported.stderr).toBe('');
        expect(imported.stdout).toContain('834 rows, 834 new');
      }
      const fromDuckDb = join(dir, 'duckdb');
      const fromCluster = join(dir, 'cluster');
      expect((await runPolku(['report', '--config', config, '--db', db, '--out', fromDuckDb])).code).toBe(0);
      const run = await runPolku(['report', '--config', config, ...clickhouse, '--out', fromCluster]);
      expect(run).toEqual({ code: 0, stdout: `wrote 58 files for 834 events into ${fromCluster}\n`, stderr: '' });
      expectSameReportFiles(fromCluster, fromDuckDb);
      // Not vacuous: every journey started somewhere, and purchases were counted.
      const index = JSON.parse(readFileSync(join(fromCluster, 'index.json'), 'utf8'));
      expect(index.journeys.map((journey: { started: number }) => journey.started > 0)).toEqual([
        true,
        true,
        true,
        true,
        true,
      ]);
      expect(index.journeys.find((journey: { id: string }) => journey.id === 'shopping').converted).toBeGreaterThan(0);
    });
  });
});
