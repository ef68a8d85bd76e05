import { afterAll, beforeAll, expect, it } from 'vitest';
import { RUN_TABLES, type RunTableName } from '../../reports/clickhouse/run-schema.ts';
import { closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import { computeReport } from '../../reports/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  copyStageTables,
  duckDbStageRows,
  dumpRunTable,
  type ReportEngines,
  startReportEngines,
} from '../support/clickhouse-report-run.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * A report run's tables on a real 2-shard cluster (reports/clickhouse/run-tables.ts): DuckDB's stage
 * tables copied in come back row for row, per-unit rows sit on their visitor's shard (with the
 * visitor's events), and closing the run leaves no table behind.
 */
const config = randomReportConfig();
const events = randomReportEvents(seededRandom(20261203), 300);
let engines: ReportEngines;

describeClickHouse('a ClickHouse report run', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
    await computeReport(config, engines.store);
  });
  afterAll(() => engines?.stop());

  const names = Object.keys(RUN_TABLES) as RunTableName[];

  it('holds DuckDB stage tables row for row, each unit on its visitor’s shard', async () => {
    const run = await openReportRun(engines.shards, ['shop']);
    await copyStageTables(engines.store, run, names);
    for (const name of names) {
      const expected = await duckDbStageRows(engines.store, name);
      expect(expected.length, name).toBeGreaterThan(0);
      expect(await dumpRunTable(run, name), name).toEqual(expected);
    }
    // Every session fact's visitor has its events on the same shard as the fact.
    for (const shard of engines.shards.shards) {
      const [row] = await shard.query<{ strays: string }>(
        `SELECT count() AS strays FROM ${run.local('session_facts')}
        WHERE visitor_id NOT IN (SELECT visitor_id FROM events_local)`,
      );
      expect(row?.strays).toBe('0');
    }
    await closeReportRun(run);
    for (const shard of engines.shards.shards) {
      const left = await shard.query(`SELECT name FROM system.tables WHERE startsWith(name, '${run.prefix}')`);
      expect(left).toEqual([]);
    }
  });

  it('drops runs older than a day when a new one opens, and keeps recent ones', async () => {
    const now = Date.now();
    const stale = await openReportRun(engines.shards, ['shop'], now - 25 * 3600 * 1000);
    const recent = await openReportRun(engines.shards, ['shop'], now - 3600 * 1000);
    await copyStageTables(engines.store, stale, ['journey_list', 'session_facts']);
    await copyStageTables(engines.store, recent, ['journey_list']);
    const run = await openReportRun(engines.shards, ['shop'], now);
    const tables = await engines.shards.first.query<{ name: string }>(
      "SELECT name FROM system.tables WHERE startsWith(name, 'polku_run_') ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual([`${recent.prefix}_journey_list_local`]);
    await closeReportRun(recent);
    await closeReportRun(run);
  });
});
