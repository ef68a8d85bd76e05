import type { PolkuConfig } from '../../config/index.ts';
import { sqlBigInt } from '../../store/clickhouse/literal.ts';
import type { JourneyRows } from '../journey/assemble.ts';
import type { StepCountRow } from '../journey/step-queries.ts';
import { rangeMicros } from './funnel/journey-source.ts';
import { clickHouseJourneyStepCounts } from './journey.ts';
import { type ClickHouseReportRun, sitesCondition } from './run-tables.ts';

/**
 * Step counts of every journey in the window before the report's period, as reports/report.ts's
 * previousPeriodCounts: only journeys whose site has events in the window are counted, and those
 * sites are listed in `sitesWithData` (sorted). Each journey is levelled on the shards
 * (clickHouseJourneyStepCounts), one after the other, as DuckDB's union runs them in one statement.
 */
export async function clickHouseReportPreviousPeriodCounts(
  run: ClickHouseReportRun,
  config: PolkuConfig,
  previous: { from: string; to: string },
): Promise<JourneyRows['previous']> {
  const sitesWithData = await sitesWithEvents(run, previous);
  const rows: StepCountRow[] = [];
  for (const journey of config.journeys) {
    if (!sitesWithData.includes(journey.site)) continue;
    const counts = await clickHouseJourneyStepCounts(run.shards.first, journey, previous);
    // DuckDB's count for strict and any-order journeys is a GROUP BY over the units, which has no row
    // when no unit started; a sequential journey's chain of counts always has one row per step.
    if (journey.order !== 'sequential' && (counts[0] ?? 0) === 0) continue;
    rows.push(...counts.map((units, index) => ({ journey: journey.id, step: index + 1, units })));
  }
  return { ...previous, sitesWithData, rows };
}

/** The report's sites with at least one event in the window, sorted. */
async function sitesWithEvents(run: ClickHouseReportRun, window: { from: string; to: string }): Promise<string[]> {
  const rows = await run.shards.first.query<{ site: string }>(
    `SELECT DISTINCT site FROM events
    WHERE ${sitesCondition(run)} AND ts_us >= ${sqlBigInt(rangeMicros(window.from, 'from'))}
      AND ts_us < ${sqlBigInt(rangeMicros(window.to, 'to'))}
    ORDER BY site`,
  );
  return rows.map((row) => row.site);
}
