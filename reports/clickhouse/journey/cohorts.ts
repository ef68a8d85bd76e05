import type { JourneyConfig } from '../../../config/index.ts';
import { sqlBigInt, sqlString } from '../../../store/clickhouse/literal.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { COHORT_SHAPE, type CohortRow, hasCohorts, LAST_COHORT_WEEK } from '../../journey/cohorts.ts';
import { rangeMicros } from '../funnel/journey-source.ts';
import { localPeriodSql } from '../local-period.ts';
import { clickHouseRows } from '../rows.ts';
import { type ClickHouseReportRun, sitesCondition } from '../run-tables.ts';

const WEEK_US = 7 * 86_400 * 1_000_000;

/**
 * Cohort cells of every visitor journey, as reports/journey/cohorts.ts's cohortCells: one row per
 * (journey, local week of step 1, later step), sorted so. The end of the data (the newest event of
 * the journey's site in the range) is looked up first and written into the cells' query, so the
 * shards count their own units per cell and only the cells travel. Every aggregate here (count,
 * countIf, min, max) merges across shards; DuckDB needs no window function for these cells either.
 */
export async function clickHouseCohortCells(
  run: ClickHouseReportRun,
  journeys: readonly JourneyConfig[],
  timezone: string,
  range: ReportRange,
): Promise<CohortRow[]> {
  const counted = journeys.filter(hasCohorts);
  if (counted.length === 0) return [];
  const ends = await dataEnds(run, [...new Set(counted.map((journey) => journey.site))], range);
  // DuckDB joins the units to their site's data end: a site without events in the range has no cells.
  if (ends.length === 0) return [];
  const endOfSite = `multiIf(${ends.map(({ site, end_us }) => `site = ${sqlString(site)}, toInt64(${sqlBigInt(BigInt(end_us))})`).join(', ')}, toInt64(0))`;
  const byWeek = Array.from(
    { length: LAST_COHORT_WEEK + 1 },
    (_, week) => `countIf(step <= length(reached_us) AND reached_us[step] - start_us < ${WEEK_US * (week + 1)})`,
  );
  const weeks = (count: string) => `least(${LAST_COHORT_WEEK + 1}, ${count})`;
  return clickHouseRows(
    run.shards.first,
    'cohort cells',
    // One SELECT over the Distributed table, so each shard counts its own units into cells.
    `WITH reached_us[1] AS start_us, ${endOfSite} AS end_us
    SELECT journey, ${localPeriodSql('start_us', timezone, 'week')} AS week,
      arrayJoin(arrayFilter(k -> k >= 2, range(toUInt64(steps) + 1))) AS step, count() AS units,
      ${weeks(`intDiv(max(end_us) - min(start_us), ${WEEK_US}) + 1`)} AS observed_weeks,
      ${weeks(`intDiv(max(end_us) - max(start_us), ${WEEK_US})`)} AS complete_weeks,
      [${byWeek.join(', ')}] AS reached
    FROM ${run.distributed('journey_units')}
    ALL INNER JOIN (SELECT journey_index, journey, steps FROM ${run.local('journey_list')}
      WHERE journey IN (${counted.map((journey) => sqlString(journey.id)).join(', ')})) AS journeys USING journey_index
    WHERE site IN (${ends.map(({ site }) => sqlString(site)).join(', ')})
    GROUP BY journey, week, step
    ORDER BY journey, week, step`,
    COHORT_SHAPE,
  );
}

/** The newest event time of each of `sites` (among the report's) in the range, for the sites that have one. */
async function dataEnds(
  run: ClickHouseReportRun,
  sites: readonly string[],
  range: ReportRange,
): Promise<{ site: string; end_us: string }[]> {
  const where = [sitesCondition(run), `site IN (${sites.map(sqlString).join(', ')})`];
  if (range.from !== undefined) where.push(`ts_us >= ${sqlBigInt(rangeMicros(range.from, 'from'))}`);
  if (range.to !== undefined) where.push(`ts_us < ${sqlBigInt(rangeMicros(range.to, 'to'))}`);
  return run.shards.first.query<{ site: string; end_us: string }>(
    `SELECT site, toString(max(ts_us)) AS end_us FROM events WHERE ${where.join(' AND ')} GROUP BY site`,
  );
}
