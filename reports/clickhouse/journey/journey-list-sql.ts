import type { ClickHouseReportRun } from '../run-tables.ts';

/**
 * Pieces of SQL that relate a run's per-unit rows (`journey_units`, which carry only the journey's
 * index) to the replicated `journey_list`: every shard has the whole list, so these work both in a
 * query sent to the shards and on the shard that merges their answers.
 */

/** A JOIN that adds the journey's name (`journey`) to rows with a `journey_index`. */
export function journeyNameJoin(run: ClickHouseReportRun): string {
  return `AS named ALL INNER JOIN (SELECT journey_index, journey FROM ${run.local('journey_list')}) AS journey_names USING journey_index`;
}

/** Condition on a unit row: it dropped off (stopped before the journey's last step). */
export function droppedUnitCondition(run: ClickHouseReportRun): string {
  return `(journey_index, level) IN (SELECT journey_index, toUInt32(arrayJoin(range(steps))) FROM ${run.local('journey_list')})`;
}

/** Condition on a unit row: it converted (reached the journey's last step). */
export function convertedUnitCondition(run: ClickHouseReportRun): string {
  return `(journey_index, level) IN (SELECT journey_index, steps FROM ${run.local('journey_list')})`;
}
