import type { JourneyConfig } from '../../../config/index.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { JOURNEY_LIST, JOURNEY_UNITS } from '../../funnel/units.ts';
import { JOURNEY_LIST_COLUMNS, JOURNEY_UNITS_COLUMNS } from '../run-schema.ts';
import {
  type ClickHouseReportRun,
  createPerUnitTable,
  createReplicatedTable,
  fillPerUnitTable,
  insertReplicated,
  sitesCondition,
} from '../run-tables.ts';
import { clickHouseJourneyUnitsSelect } from './journey-units-sql.ts';
import { PER_UNIT_ON_SHARDS } from './unit-levels-sql.ts';

/**
 * The journey units stage on a cluster, the counterpart of reports/funnel/units.ts's
 * computeJourneyUnits: creates the run's `journey_list` (every shard holds it all) and
 * `journey_units` (one row per journey and counted unit, on the unit's shard), with the rows DuckDB's
 * journey_list and journey_units hold. Each shard computes its own units from its own events, one
 * statement per journey (as DuckDB does), the shards in parallel; nothing per unit travels.
 */
export async function computeClickHouseJourneyUnits(
  run: ClickHouseReportRun,
  journeys: readonly JourneyConfig[],
  range: ReportRange = {},
  { eventsPerFill = EVENTS_PER_FILL }: { eventsPerFill?: number } = {},
): Promise<void> {
  await createReplicatedTable(run, JOURNEY_LIST, JOURNEY_LIST_COLUMNS);
  await insertReplicated(
    run,
    JOURNEY_LIST,
    journeys.map((journey, index) => ({
      journey_index: index,
      journey: journey.id,
      site: journey.site,
      unit_kind: journey.unit,
      steps: journey.steps.length,
    })),
  );
  await createPerUnitTable(run, JOURNEY_UNITS, JOURNEY_UNITS_COLUMNS);
  const of = Math.max(1, Math.ceil((await largestShardEvents(run)) / eventsPerFill));
  for (const [index, journey] of journeys.entries()) {
    for (let part = 0; part < of; part++) {
      await fillPerUnitTable(run, JOURNEY_UNITS, clickHouseJourneyUnitsSelect(journey, index, range, { part, of }), {
        max_ast_depth: PER_UNIT_ON_SHARDS.max_ast_depth,
      });
    }
  }
}

/**
 * Events a shard aggregates in one fill at most. A fill holds every unit's events as arrays until
 * its GROUP BY is done: on 10 M events (5 M per shard) one fill needed more than 5.6 GB per shard
 * (18.16), and a server without a limit was killed by the kernel. Above this many events of the
 * report's sites on a shard, the units are filled in parts by a hash of their id, each part a scan of
 * the shard's events that keeps only its units.
 */
const EVENTS_PER_FILL = 1_000_000;

/** The most events of the run's sites on one shard (duplicates not yet merged included: an upper bound). */
async function largestShardEvents(run: ClickHouseReportRun): Promise<number> {
  const counts = await Promise.all(
    run.shards.shards.map(async (shard) => {
      const [row] = await shard.query<{ events: string }>(
        `SELECT count() AS events FROM events_local WHERE ${sitesCondition(run)}`,
      );
      return Number(row?.events ?? 0);
    }),
  );
  return Math.max(0, ...counts);
}
