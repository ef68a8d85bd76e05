import {
  BREAKDOWN_SHAPE,
  type BreakdownRow,
  MAX_STEPS,
  TREND_SHAPE,
  type TrendRow,
} from '../../journey/segment-queries.ts';
import { localPeriodSql } from '../local-period.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';

/** A 15-minute slot in microseconds: see clickHouseTrendCounts. */
const SLOT_US = 900_000_000;

/**
 * Units per step for every (journey, dimension, value), as reports/journey/segment-queries.ts's
 * breakdownCounts: from segment_levels' one-dimension rows (units per level), `steps[k-1]` summing
 * the units at level ≥ k. segment_levels is small and replicated: the first shard's copy answers.
 * Sorted by journey, dimension, value (DuckDB's rows come in no set order).
 */
export function clickHouseBreakdownCounts(run: ClickHouseReportRun): Promise<BreakdownRow[]> {
  // A one-dimension row always has a level; assumeNotNull keeps the sums' condition non-Nullable.
  const perStep = Array.from({ length: MAX_STEPS }, (_, k) => `sumIf(units, assumeNotNull(level) >= ${k + 1})`);
  return clickHouseRows(
    run.shards.first,
    'breakdown counts',
    `SELECT journey, dimension, value, [${perStep.join(', ')}] AS steps
    FROM ${run.local('segment_levels')} WHERE isNull(second)
    GROUP BY journey, dimension, value
    ORDER BY journey, dimension, value`,
    BREAKDOWN_SHAPE,
  );
}

/**
 * Started and converted units per (journey, local day or week of step 1) in `timezone`, as
 * trendCounts gives them, sorted by journey and period. As there, units are first counted per 15-minute
 * UTC slot (on the shards, each its own units) and only the slots are put into local time: every
 * zone's local midnight falls on a quarter hour, so a slot's units share a local day.
 */
export function clickHouseTrendCounts(
  run: ClickHouseReportRun,
  timezone: string,
  granularity: 'day' | 'week',
): Promise<TrendRow[]> {
  return clickHouseRows(
    run.shards.first,
    'trend counts',
    `SELECT journey, ${localPeriodSql('slot_us', timezone, granularity)} AS period,
      sum(started) AS started, sum(converted) AS converted
    FROM (
      SELECT journey, intDiv(reached_us[1], ${SLOT_US}) * ${SLOT_US} AS slot_us,
        count() AS started, countIf(level = steps) AS converted
      FROM ${run.distributed('journey_units')}
      ALL INNER JOIN (SELECT journey_index, journey, steps FROM ${run.local('journey_list')}) AS journeys USING journey_index
      GROUP BY journey, slot_us)
    GROUP BY journey, period
    ORDER BY journey, period`,
    TREND_SHAPE,
  );
}
