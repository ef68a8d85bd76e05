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
  for (const [index, journey] of journeys.entries()) {
    await fillPerUnitTable(run, JOURNEY_UNITS, clickHouseJourneyUnitsSelect(journey, index, range), {
      max_ast_depth: PER_UNIT_ON_SHARDS.max_ast_depth,
    });
  }
}
