import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickHouseNextActions } from '../../reports/clickhouse/next-actions.ts';
import { type ClickHouseReportRun, closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import {
  clickHouseDropOffSamples,
  clickHouseStepCounts,
  clickHouseTimeBeforeLeaving,
  clickHouseTimeFromPrevious,
  clickHouseTimeToConvert,
} from '../../reports/clickhouse/step-queries.ts';
import type { ReportRange } from '../../reports/funnel/journey-events.ts';
import { computeReport } from '../../reports/index.ts';
import { CONVERT_BUCKETS } from '../../reports/journey/assemble.ts';
import {
  dropOffSamples,
  nextActions,
  stepCounts,
  timeBeforeLeaving,
  timeFromPrevious,
  timeToConvert,
} from '../../reports/journey/step-queries.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { copyStageTables, type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The per-step metrics (reports/clickhouse/step-queries.ts, next-actions.ts) from a ClickHouse report
 * run give DuckDB's rows on the same events: random shop traffic in both engines, DuckDB's stage
 * tables copied into the run, each query's rows equal to its DuckDB original's, for the whole data
 * and for a range.
 */
const config = randomReportConfig();
const events = randomReportEvents(seededRandom(20261204), 450);
const buckets = CONVERT_BUCKETS.map((bucket) => bucket.upToSeconds);
let engines: ReportEngines;

/** Rows in one order, for queries whose DuckDB order is not defined. */
function sorted<T>(rows: T[]): T[] {
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);
}

describeClickHouse('per-step metrics from a ClickHouse report run', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
  });
  afterAll(() => engines?.stop());

  const ranges: [string, ReportRange][] = [
    ['all events', {}],
    ['a range', { from: '2026-03-03T00:00:00.000Z', to: '2026-03-08T12:00:00.000Z' }],
  ];
  for (const [label, range] of ranges) {
    describe(label, () => {
      let run: ClickHouseReportRun;
      beforeAll(async () => {
        await computeReport(config, engines.store, { range });
        run = await openReportRun(engines.shards, ['shop']);
        await copyStageTables(engines.store, run, ['journey_list', 'journey_units', 'session_facts']);
      });
      afterAll(() => closeReportRun(run));

      it('counts units per step', async () => {
        const expected = sorted(await stepCounts(engines.store));
        expect(expected.some((row) => row.step > 1 && row.units > 0)).toBe(true);
        expect(sorted(await clickHouseStepCounts(run))).toEqual(expected);
      });

      it('times from the previous step, to convert and before leaving', async () => {
        const previous = sorted(await timeFromPrevious(engines.store));
        expect(previous.length).toBeGreaterThan(3);
        expect(sorted(await clickHouseTimeFromPrevious(run))).toEqual(previous);
        const convert = sorted(await timeToConvert(engines.store, buckets));
        expect(convert.some((row) => row.units > 1)).toBe(true);
        expect(sorted(await clickHouseTimeToConvert(run, buckets))).toEqual(convert);
        expect(await clickHouseTimeToConvert(run, [])).toEqual(sorted(await timeToConvert(engines.store, [])));
        const leaving = sorted(await timeBeforeLeaving(engines.store));
        expect(leaving.some((row) => row.median > 0)).toBe(true);
        expect(sorted(await clickHouseTimeBeforeLeaving(run))).toEqual(leaving);
      });

      it('finds the next action of dropped units', async () => {
        const expected = sorted(await nextActions(engines.store));
        expect(expected.some((row) => row.action === '(left)')).toBe(true);
        expect(expected.some((row) => row.action !== '(left)')).toBe(true);
        expect(sorted(await clickHouseNextActions(run))).toEqual(expected);
      });

      it('samples dropped units, in DuckDB’s order', async () => {
        const expected = await dropOffSamples(engines.store);
        expect(expected.length).toBeGreaterThan(10);
        expect(await clickHouseDropOffSamples(run)).toEqual(expected);
      });
    });
  }
});
