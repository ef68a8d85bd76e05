import { sqlString } from '../../../store/clickhouse/literal.ts';
import { JOURNEY_LIST } from '../../funnel/units.ts';
import { CROSS_DIMENSIONS, SEGMENT_LEVELS } from '../../journey/segment-levels.ts';
import { DIMENSIONS, UNIT_DIMENSIONS } from '../../unit-dimensions.ts';
import { MIN_TESTED_UNITS } from '../../worse-than-rest.ts';
import { RUN_TABLES } from '../run-schema.ts';
import { type ClickHouseReportRun, createReplicatedTable, insertReplicated } from '../run-tables.ts';

/**
 * Fills the run's replicated `segment_levels` from its `unit_dimensions`, as
 * reports/journey/segment-levels.ts's computeSegmentLevels: units per (journey, breakdown value,
 * level) for each dimension, and units and converted units per (journey, pair of values) for the
 * cross-segment pairs (level null) with at least MIN_TESTED_UNITS units. 18.16 has no GROUPING SETS:
 * one GROUP BY per set, UNION ALL, over the Distributed table (each shard groups its own units; the
 * groups, few, merge on the first shard), and the rows go to every shard's copy.
 */
export async function clickHouseSegmentLevels(run: ClickHouseReportRun): Promise<void> {
  // Aliases other than the columns' names: ClickHouse reads a column's name as the alias everywhere.
  const counts = 'max(steps) AS max_steps, count() AS units, countIf(level = steps) AS converted';
  const single = DIMENSIONS.map(
    (name) => `SELECT journey_index, ${sqlString(name)} AS dimension, ${name} AS value,
      CAST(NULL AS Nullable(String)) AS second, CAST(NULL AS Nullable(String)) AS second_value,
      toNullable(level) AS unit_level, ${counts}
    FROM ${run.distributed(UNIT_DIMENSIONS)} GROUP BY journey_index, ${name}, level`,
  );
  const pairs = CROSS_DIMENSIONS.map(
    ([first, second]) => `SELECT journey_index, ${sqlString(first)} AS dimension, ${first} AS value,
      toNullable(${sqlString(second)}) AS second, toNullable(${second}) AS second_value,
      CAST(NULL AS Nullable(UInt32)) AS unit_level, ${counts}
    FROM ${run.distributed(UNIT_DIMENSIONS)} GROUP BY journey_index, ${first}, ${second}
    HAVING units >= ${MIN_TESTED_UNITS}`,
  );
  const rows = await run.shards.first.query<Record<string, unknown>>(
    `SELECT journey, dimension, value, second, second_value, unit_level AS level, max_steps AS steps, units, converted
    FROM (${[...single, ...pairs].join(' UNION ALL ')}) AS levels
    ALL INNER JOIN (SELECT journey_index, journey FROM ${run.local(JOURNEY_LIST)}) AS journeys USING journey_index`,
  );
  await createReplicatedTable(run, SEGMENT_LEVELS, RUN_TABLES.segment_levels.columns);
  await insertReplicated(run, SEGMENT_LEVELS, rows);
}
