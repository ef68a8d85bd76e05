import { CROSS_SEGMENT_SHAPE, type CrossSegmentRow } from '../../journey/cross-segments.ts';
import { MIN_TESTED_UNITS } from '../../worse-than-rest.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';

/**
 * Started and converted units of every (journey, pair of dimensions, pair of values) with enough
 * started units to be tested, as reports/journey/cross-segments.ts's crossSegmentCounts: from
 * segment_levels' two-dimension rows (small and replicated: the first shard's copy answers), in
 * the same order (every column, as DuckDB's `order by all`). The filter sits in a subquery: an
 * alias of the outer SELECT (`second`) would stand for the column in its own WHERE.
 */
export function clickHouseCrossSegmentCounts(run: ClickHouseReportRun): Promise<CrossSegmentRow[]> {
  return clickHouseRows(
    run.shards.first,
    'cross-segment counts',
    `SELECT journey, dimension AS first, assumeNotNull(second) AS second, value AS first_value,
      assumeNotNull(second_value) AS second_value, sum(units) AS started, sum(converted) AS converted
    FROM (SELECT * FROM ${run.local('segment_levels')} WHERE isNotNull(second))
    GROUP BY journey, first, second, first_value, second_value
    HAVING started >= ${MIN_TESTED_UNITS}
    ORDER BY journey, first, second, first_value, second_value, started, converted`,
    CROSS_SEGMENT_SHAPE,
  );
}
