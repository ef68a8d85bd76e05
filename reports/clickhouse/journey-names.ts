import { sqlString } from '../../store/clickhouse/literal.ts';
import type { ClickHouseReportRun } from './run-tables.ts';

/**
 * "journey_index is one of these journeys'" over a run table with a journey_index: the indexes come
 * from the replicated journey_list on each shard.
 */
export function journeyIndexIn(run: ClickHouseReportRun, journeys: readonly string[]): string {
  return `journey_index IN (SELECT journey_index FROM ${run.local('journey_list')}
    WHERE journey IN (${journeys.map(sqlString).join(', ')}))`;
}

/**
 * Wraps a query whose rows carry a journey_index with the journey's id as `journey`, joined on the
 * server that received the query (its copy of the replicated journey_list): the shards group by the
 * integer and only the small result meets the names.
 */
export function withJourneyNames(run: ClickHouseReportRun, select: string): string {
  return `(${select}) AS named ALL INNER JOIN (SELECT journey_index, journey FROM ${run.local('journey_list')}) AS journey_names USING journey_index`;
}
