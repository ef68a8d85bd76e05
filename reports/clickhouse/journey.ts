import type { JourneyConfig } from '../../config/index.ts';
import type { ClickHouseClient } from '../../store/clickhouse/client.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { clickHouseUnitLevelsSql, PER_UNIT_ON_SHARDS } from './funnel/unit-levels-sql.ts';

/**
 * Units reaching each step of one journey on a ClickHouse cluster (a unit at level L reached steps
 * 1..L), the same numbers as reports/journey.ts's journeyStepCounts gives from DuckDB. The shards
 * level their own units; only one level (a byte) per unit travels to be counted.
 */
export async function clickHouseJourneyStepCounts(
  client: ClickHouseClient,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<number[]> {
  const rows = await client.query<{ level: number; units: string }>(
    `SELECT level, count() AS units FROM (${clickHouseUnitLevelsSql(journey, range, { withUnit: false })}) GROUP BY level`,
    PER_UNIT_ON_SHARDS,
  );
  return journey.steps.map((_, index) =>
    rows.filter((row) => row.level > index).reduce((sum, row) => sum + Number(row.units), 0),
  );
}

/** Per unit levels of one journey, for tests and checks: unit id → level (as funnel/units.ts's journeyUnitLevels). */
export async function clickHouseJourneyUnitLevels(
  client: ClickHouseClient,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<Map<string, number>> {
  const rows = await client.query<{ unit: string; level: number }>(
    clickHouseUnitLevelsSql(journey, range),
    PER_UNIT_ON_SHARDS,
  );
  return new Map(rows.map((row) => [row.unit, Number(row.level)]));
}
