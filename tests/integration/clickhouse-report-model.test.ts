import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PolkuConfig } from '../../config/index.ts';
import { clickHouseReportSource } from '../../reports/clickhouse/report-source.ts';
import {
  computeReport,
  computeReportWith,
  type ReportData,
  type ReportOptions,
  reportFileContent,
  reportFiles,
} from '../../reports/index.ts';
import { sessionDetails } from '../../reports/session-details.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The whole report from a 2-shard ClickHouse cluster against DuckDB's on the same events: the same
 * model, file by file (only `meta.backend` tells them apart), with the drop-off sessions a build shows,
 * for the whole data, a period with a period before it, and a config that counts revenue.
 */
const events = randomReportEvents(seededRandom(20261205), 600);
let engines: ReportEngines;

describeClickHouse('the report model from a ClickHouse cluster', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
  });
  afterAll(() => engines?.stop());

  const cases: [string, PolkuConfig, ReportOptions][] = [
    ['all events', randomReportConfig(), {}],
    [
      'five days, compared with the five before',
      randomReportConfig(),
      { range: { from: '2026-03-06T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' } },
    ],
    ['revenue counted from purchases', randomReportConfig({ revenue: true }), {}],
  ];

  it.each(cases)('%s', async (_name, config, options) => {
    const duckDb = await computeReport(config, engines.store, options);
    const duckDbSessions = await sessionDetails(config, engines.store, duckDb);
    const source = clickHouseReportSource(engines.shards);
    let clickHouse: ReportData;
    try {
      const engine = await source.openEngine(config);
      clickHouse = await computeReportWith(config, engine, options);
      expect(await engine.sessionDetails(config, clickHouse)).toEqual(duckDbSessions);
    } finally {
      await source.close();
    }

    // Not vacuous: journeys counted units, campaigns were found, drop-offs were sampled.
    expect(duckDb.eventCount).toBeGreaterThan(500);
    expect(duckDb.journeys.every((journey) => (journey.steps[0]?.count ?? 0) > 0)).toBe(true);
    expect(duckDb.campaigns.length).toBeGreaterThan(0);
    expect(duckDbSessions.sessions.length).toBeGreaterThan(0);

    expect(clickHouse.backend).toBe('clickhouse');
    const { backend: _backend, ...model } = clickHouse;
    expect(model).toEqual(duckDb);
    const files = reportFiles(clickHouse);
    expect(files).toEqual(reportFiles(duckDb));
    for (const file of files.filter((each) => each.kind === 'json')) {
      const { meta, checksum: _a, ...document } = JSON.parse(reportFileContent(clickHouse, file));
      const { meta: duckDbMeta, checksum: _b, ...duckDbDocument } = JSON.parse(reportFileContent(duckDb, file));
      expect(meta).toEqual({ ...duckDbMeta, backend: 'clickhouse' });
      expect(document).toEqual(duckDbDocument);
    }
    // The run's tables are gone with the source.
    const left = await engines.shards.first.query(
      "SELECT name FROM system.tables WHERE startsWith(name, 'polku_run_')",
    );
    expect(left).toEqual([]);
  });
});
