import type { JourneyConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { SqlParams } from '../sql-params.ts';
import { anyOrderUnitsSql } from './any-order.ts';
import { hasTimeRules, type JourneyShape, journeyEventsSql, journeyShape, type ReportRange } from './journey-events.ts';
import { defineOrderKey } from './order-key.ts';
import { greedyStepCountsSql } from './sequential-greedy.ts';
import { greedyUnitsSql } from './sequential-greedy-units.ts';
import {
  type SharedUnits,
  splitSequentialStepCountsSql,
  splitSequentialUnitsSql,
  unitBoundsSql,
} from './sequential-split.ts';
import { defineStepFlags, dropStepFlags, type StepFlags } from './step-flags.ts';
import { strictUnitsSql } from './strict.ts';

/**
 * Temporary view with one row per (journey, counted unit): journey (and its `journey_index`, an
 * integer cheaper to group and join by), site, unit_kind, steps and the columns of unit-result.ts. Stored as JOURNEY_UNIT_ROWS joined to JOURNEY_LIST.
 */
export const JOURNEY_UNITS = 'journey_units';
const JOURNEY_UNIT_ROWS = 'journey_unit_rows';
/** Temporary table: one row per journey (journey_index, journey, site, unit_kind, steps). */
export const JOURNEY_LIST = 'journey_list';

/**
 * SQL (adding to `params`) for one journey's counted units and their levels; `flags`: its site's
 * matched events in the same range (step-flags.ts), when the report built them.
 */
export function journeyUnitsSql(
  journey: JourneyConfig,
  params: SqlParams,
  range: ReportRange = {},
  shared: SharedUnits = {},
  flags?: StepFlags,
): string {
  const { greedyUnits } = shared;
  const shape = journeyShape(journey, params);
  // Bound only when used: a statement must use every parameter it is given.
  const events = () => journeyEventsSql(journey, params, range, { flags });
  const greedy = () => (greedyUnits === undefined ? greedyUnitsSql(events(), shape) : `select * from ${greedyUnits}`);
  return journey.order === 'strict'
    ? strictUnitsSql(journeyEventsSql(journey, params, range, { everyEvent: true, flags }), shape, flags?.keyBits)
    : journey.order === 'any'
      ? anyOrderUnitsSql(events(), shape, journey.steps)
      : isGreedy(shape)
        ? greedy()
        : splitSequentialUnitsSql(events(), shape, shared);
}

/**
 * A sequential journey with no window, no `within` and no exclusions: only existence matters, so the
 * earliest match is optimal and hash joins replace the ASOF programme (sequential-greedy*.ts).
 */
function isGreedy(shape: JourneyShape): boolean {
  return !hasTimeRules(shape) && !shape.hasExclusions;
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

/** Seconds one journey's units took (by its id), or the shared units before them (`shared units`). */
export type JourneyTiming = (what: string, seconds: number) => void;

/**
 * Computes every journey's counted units into the temporary table JOURNEY_UNITS (after defineOrderKey:
 * the report defines the key once, openDuckDbReportEngine), so that each report
 * metric is then one GROUP BY query for all journeys. One statement per journey: a single UNION of
 * all of them ran twice as slowly on 10 M events, holding every journey's intermediate tables at
 * once under a memory limit. Temporary tables live in the connection, so a read-only database works.
 */
export async function computeJourneyUnits(
  store: Store,
  journeys: readonly JourneyConfig[],
  range: ReportRange = {},
  onTiming?: JourneyTiming,
): Promise<void> {
  // The rows hold only what differs per unit; the journey's own columns come from a small table
  // through the view. Millions of repeated strings would otherwise make the table spill to disk
  // under a memory limit (and a session unit's last session is the unit itself).
  await store.query(`create or replace temporary table ${JOURNEY_LIST} (
      journey_index integer, journey varchar, site varchar, unit_kind varchar, steps integer)`);
  await store.query(`create or replace temporary table ${JOURNEY_UNIT_ROWS} (
      journey_index integer, unit bigint, level integer, reached_us bigint[], last_us bigint,
      last_seq bigint, last_session bigint, convert_us bigint)`);
  await store.query(`create or replace temporary view ${JOURNEY_UNITS} as
    select j.journey, r.journey_index, j.site, j.unit_kind, j.steps, r.unit, r.level, r.reached_us, r.last_us, r.last_seq,
      coalesce(r.last_session, r.unit) as last_session, r.convert_us
    from ${JOURNEY_UNIT_ROWS} r join ${JOURNEY_LIST} j on j.journey_index = r.journey_index`);
  const flagsStart = performance.now();
  const flags = await defineStepFlags(store, journeys, range);
  onTiming?.('step flags', (performance.now() - flagsStart) / 1000);
  const sharedStart = performance.now();
  const shared = await computeSharedGreedyUnits(store, journeys, range, flags);
  if (shared.size > 0) onTiming?.('shared units', (performance.now() - sharedStart) / 1000);
  for (const [index, journey] of journeys.entries()) {
    const params = new SqlParams();
    await store.query(
      `insert into ${JOURNEY_LIST} values (${index}, ${params.bind(journey.id, 'journey')},
        ${params.bind(journey.site, 'site')}, ${params.bind(journey.unit, 'unit_kind')}, ${journey.steps.length})`,
      params.values,
    );
    const unitParams = new SqlParams();
    const units = journeyUnitsSql(
      journey,
      unitParams,
      range,
      shared.get(greedySignature(journey)),
      flags.get(journey.site),
    );
    const start = performance.now();
    await store.query(
      `insert into ${JOURNEY_UNIT_ROWS}
      select ${index}, unit, level, reached_us, last_us, last_seq, nullif(last_session, unit), convert_us
      from (${units})`,
      unitParams.values,
    );
    onTiming?.(journey.id, (performance.now() - start) / 1000);
  }
  for (const tables of shared.values())
    for (const table of Object.values(tables)) await store.query(`drop table ${table}`);
  await dropStepFlags(store, flags);
}

/**
 * Sequential journeys that differ only in window, `within` or exclusions (a checkout, the same in
 * 30 minutes, the same without feedback) give their simple units the same greedy result: it is
 * computed once per unit kind and steps into a temporary table, for every unit, and each such
 * journey reads its units from there. When two or more of them have rules, the per-unit bounds those
 * rules compare are computed once too (one pass over the step events instead of one per journey).
 * Returns the tables by greedySignature.
 */
async function computeSharedGreedyUnits(
  store: Store,
  journeys: readonly JourneyConfig[],
  range: ReportRange,
  flags: ReadonlyMap<string, StepFlags>,
): Promise<Map<string, SharedUnits>> {
  const bySignature = new Map<string, JourneyConfig[]>();
  for (const journey of journeys.filter((each) => each.order === 'sequential')) {
    const signature = greedySignature(journey);
    bySignature.set(signature, [...(bySignature.get(signature) ?? []), journey]);
  }
  const tables = new Map<string, SharedUnits>();
  for (const [signature, group] of bySignature) {
    if (group.length < 2) continue;
    const journey = group[0] as JourneyConfig;
    const index = tables.size;
    const shared: SharedUnits = { greedyUnits: `shared_greedy_units_${index}` };
    const params = new SqlParams();
    // Only the steps and the unit of the shape are read; its window and `within` stay unbound.
    const sql = greedyUnitsSql(
      journeyEventsSql(journey, params, range, { flags: flags.get(journey.site) }),
      journeyShape(journey, new SqlParams()),
    );
    await store.query(`create or replace temporary table ${shared.greedyUnits} as ${sql}`, params.values);
    const ruled = group.map((each) => journeyShape(each, new SqlParams())).filter((shape) => !isGreedy(shape));
    if (ruled.length >= 2) {
      shared.unitBounds = `shared_unit_bounds_${index}`;
      const boundsParams = new SqlParams();
      // The bounds read step events only: the first journey's exclusions play no part.
      const steps = journeyEventsSql({ ...journey, exclude: [] }, boundsParams, range, {
        flags: flags.get(journey.site),
      });
      await store.query(
        `create or replace temporary table ${shared.unitBounds} as ${unitBoundsSql(steps, ruled)}`,
        boundsParams.values,
      );
    }
    tables.set(signature, shared);
  }
  return tables;
}

/** Journeys with the same signature have the same greedy units: same site, unit kind and step matchers. */
function greedySignature(journey: JourneyConfig): string {
  const steps = journey.steps.map(({ page, event, props }) => [page ?? null, event ?? null, props ?? null]);
  return JSON.stringify([journey.site, journey.unit, steps]);
}

/** Per unit levels of one journey, for tests and checks: unit id → level. */
export async function journeyUnitLevels(
  store: Store,
  journey: JourneyConfig,
  range: ReportRange = {},
): Promise<Map<string, number>> {
  await defineOrderKey(store);
  const params = new SqlParams();
  const numbers = journey.unit === 'visitor' ? 'visitor_numbers' : 'session_numbers';
  const textId = journey.unit === 'visitor' ? 'visitor_id' : 'session_id';
  const rows = await store.rows(
    'journey unit levels',
    `select n.${textId} as unit, u.level from (${journeyUnitsSql(journey, params, range)}) u
      join ${numbers} n on n.no = u.unit`,
    { unit: 'string', level: 'integer' },
    params.values,
  );
  return new Map(rows.map((row) => [row.unit, row.level]));
}

/**
 * JOURNEY_UNITS with each unit and last session as its text id again (through the tables of
 * store/unit-numbers.ts), for tests and checks that compare with other engines or references.
 */
export const JOURNEY_UNITS_WITH_IDS = `(select u.* replace (
    coalesce(sn.session_id, vn.visitor_id) as unit, ls.session_id as last_session)
  from ${JOURNEY_UNITS} u
  left join session_numbers sn on u.unit_kind = 'session' and sn.no = u.unit
  left join visitor_numbers vn on u.unit_kind = 'visitor' and vn.no = u.unit
  join session_numbers ls on ls.no = u.last_session)`;
