import type { JourneyConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { SqlParams } from '../sql-params.ts';
import { anyOrderUnitsSql } from './any-order.ts';
import { type JourneyShape, journeyEventsSql, journeyShape, type ReportRange } from './journey-events.ts';
import { greedyStepCountsSql } from './sequential-greedy.ts';
import { greedyUnitsSql } from './sequential-greedy-units.ts';
import { splitSequentialStepCountsSql, splitSequentialUnitsSql } from './sequential-split.ts';
import { strictUnitsSql } from './strict.ts';
import { UNIT_RESULT_COLUMNS } from './unit-result.ts';

/** Temporary table with one row per (journey, counted unit): see unit-result.ts for the columns. */
export const JOURNEY_UNITS = 'journey_units';

/** SQL (adding to `params`) for one journey's counted units and their levels. */
export function journeyUnitsSql(
  journey: JourneyConfig,
  params: SqlParams,
  range: ReportRange = {},
  { withJourney = false } = {},
): string {
  const events = journeyEventsSql(journey, params, range);
  const shape = journeyShape(journey, params);
  const units =
    journey.order === 'strict'
      ? strictUnitsSql(events, shape)
      : journey.order === 'any'
        ? anyOrderUnitsSql(events, shape, journey.steps)
        : isGreedy(shape)
          ? greedyUnitsSql(events, shape)
          : splitSequentialUnitsSql(events, shape);
  if (!withJourney) return units;
  const journeyColumns = [
    `${params.bind(journey.id, 'journey')} as journey`,
    `${params.bind(journey.site, 'site')} as site`,
    `${params.bind(journey.unit, 'unit_kind')} as unit_kind`,
    `${journey.steps.length} as steps`,
  ];
  return `select ${journeyColumns.join(', ')}, ${UNIT_RESULT_COLUMNS} from (${units})`;
}

/**
 * A sequential journey with no window, no `within` and no exclusions: only existence matters, so the
 * earliest match is optimal and hash joins replace the ASOF programme (sequential-greedy*.ts).
 */
function isGreedy(shape: JourneyShape): boolean {
  return shape.windowUs === null && !shape.hasExclusions && shape.withinUs.every((within) => within === null);
}

/**
 * SQL for how many units of one journey reached each step (rows: step, units). For sequential
 * journeys this skips the per-unit details, which is most of the cost on large data.
 */
export function journeyStepCountsSql(journey: JourneyConfig, params: SqlParams, range: ReportRange = {}): string {
  if (journey.order === 'sequential') {
    const shape = journeyShape(journey, params);
    const events = journeyEventsSql(journey, params, range);
    return isGreedy(shape) ? greedyStepCountsSql(events, shape) : splitSequentialStepCountsSql(events, shape);
  }
  return `select step, count(*) filter (where level >= step)::integer as units
    from (${journeyUnitsSql(journey, params, range)}), range(1, ${journey.steps.length + 1}) steps(step) group by step`;
}

/**
 * Computes every journey's counted units into the temporary table JOURNEY_UNITS, so that each report
 * metric is then one GROUP BY query for all journeys. One statement per journey: a single UNION of
 * all of them ran twice as slowly on 10 M events, holding every journey's intermediate tables at
 * once under a memory limit. Temporary tables live in the connection, so a read-only database works.
 */
export async function computeJourneyUnits(
  store: Store,
  journeys: readonly JourneyConfig[],
  range: ReportRange = {},
): Promise<void> {
  await store.query(`create or replace temporary table ${JOURNEY_UNITS} (
      journey varchar, site varchar, unit_kind varchar, steps integer, unit varchar, level integer,
      reached_us bigint[], last_us bigint, last_session varchar, convert_us bigint)`);
  for (const journey of journeys) {
    const params = new SqlParams();
    const units = journeyUnitsSql(journey, params, range, { withJourney: true });
    await store.query(
      `insert into ${JOURNEY_UNITS}
      select journey, site, unit_kind, steps, unit, level, reached_us, last_us, last_session, convert_us from (${units})`,
      params.values,
    );
  }
}

/** Per unit levels of one journey, for tests and checks: unit id → level. */
export async function journeyUnitLevels(
  store: Store,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<Map<string, number>> {
  const params = new SqlParams();
  const rows = await store.query(`select unit, level from (${journeyUnitsSql(journey, params, range)})`, params.values);
  return new Map(rows.map((row) => [String(row.unit), Number(row.level)]));
}
