import type { NextActionRow } from '../../journey/step-queries.ts';
import { NEXT_ACTION_SHAPE } from '../../journey/step-queries.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { droppedUnitCondition, journeyNameJoin } from './journey-list-sql.ts';

/**
 * What each dropped unit did first after its last step, in the same session (reports/journey/
 * step-queries.ts nextActions): the page path of a page view, the name of another event, or "(left)"
 * when nothing followed. "After" is by time, then arrival order (`seq`): an event with the same
 * timestamp that arrived later came after the last step.
 *
 * A unit's last event (`last_seq`) and its session are on the unit's shard, so each shard finds the
 * next action of its own points: its events of the sessions that hold a point, joined to the points
 * by session (the points, few, are the hash table), the earliest later one by (ts, seq). Events
 * whose action is null (a page view without a path) are skipped, as DuckDB's arg_min skips a null
 * argument. Only the counts per (journey, step, action) travel.
 */
export function clickHouseNextActions(run: ClickHouseReportRun): Promise<NextActionRow[]> {
  const units = run.local('journey_units');
  const droppedSeqs = `SELECT last_seq FROM ${units} WHERE ${droppedUnitCondition(run)}`;
  const action = `if(name = 'pageview', path, name)`;
  const nextByPoint = `SELECT last_seq, toUInt8(1) AS found, argMin(later_action, (ts_us, seq)) AS next_action
    FROM (
      SELECT site, session_id, ts_us, seq, assumeNotNull(${action}) AS later_action
      FROM events_local
      WHERE isNotNull(${action})
        AND (site, session_id) IN (SELECT site, session_id FROM events_local WHERE toInt64(seq) IN (${droppedSeqs}))
    ) AS later ALL INNER JOIN (
      SELECT site, session_id, toInt64(seq) AS last_seq, ts_us AS last_ts
      FROM events_local WHERE toInt64(seq) IN (${droppedSeqs})
    ) AS dropped USING (site, session_id)
    WHERE ts_us > last_ts OR (ts_us = last_ts AND toInt64(seq) > last_seq)
    GROUP BY last_seq`;
  return clickHouseRows(
    run.shards.first,
    'next actions',
    `SELECT journey, step, action, units FROM (
      SELECT journey_index, level AS step, if(found = 1, next_action, '(left)') AS action, count() AS units
      FROM ${run.distributed('journey_units')}
      ANY LEFT JOIN (${nextByPoint}) AS next_points USING last_seq
      WHERE ${droppedUnitCondition(run)}
      GROUP BY journey_index, level, action
    ) ${journeyNameJoin(run)}
    ORDER BY journey, step, action`,
    NEXT_ACTION_SHAPE,
  );
}
