/**
 * The per-step metrics of reports/journey/step-queries.ts from a ClickHouse report run: the same rows
 * from the run's `journey_units` (per unit, on the shards), `journey_list` and `session_facts`.
 * Counts merge across shards as they are; DuckDB's quantile_disc is computed from each group's values
 * (quantile-disc.ts). Next actions: next-actions.ts; NPS: nps-by-step.ts.
 */
import { sqlNumber } from '../../../store/clickhouse/literal.ts';
import {
  type DropOffSampleRow,
  STEP_DURATION_SHAPE,
  type StepCountRow,
  type StepDurationRow,
  TIME_TO_CONVERT_SHAPE,
  type TimeToConvertRow,
} from '../../journey/step-queries.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { compareText } from '../text-order.ts';
import { isoOfMicros } from '../timestamps.ts';
import { convertedUnitCondition, droppedUnitCondition, journeyNameJoin } from './journey-list-sql.ts';
import { quantileDiscSql } from './quantile-disc.ts';

/** Drop-off samples kept per step (DuckDB: `arg_min(…, 5)`). */
const SAMPLES_PER_STEP = 5;

/** Units per (journey, step): a unit at level L reached steps 1..L. Units are counted per level on the cluster. */
export async function clickHouseStepCounts(run: ClickHouseReportRun): Promise<StepCountRow[]> {
  const levels = await clickHouseRows(
    run.shards.first,
    'step counts',
    `SELECT journey, steps, level, units FROM (
      SELECT journey_index, level, count() AS units FROM ${run.distributed('journey_units')} GROUP BY journey_index, level
    ) AS levels ALL INNER JOIN (SELECT journey_index, journey, steps FROM ${run.local('journey_list')}) AS journeys USING journey_index`,
    { journey: 'string', steps: 'integer', level: 'integer', units: 'integer' },
  );
  const byJourney = new Map<string, { steps: number; units: number[] }>();
  for (const { journey, steps, level, units } of levels) {
    const entry = byJourney.get(journey) ?? { steps, units: Array<number>(steps).fill(0) };
    for (let step = 1; step <= Math.min(level, steps); step++)
      entry.units[step - 1] = (entry.units[step - 1] ?? 0) + units;
    byJourney.set(journey, entry);
  }
  const rows = [...byJourney].flatMap(([journey, { units }]) =>
    units.map((count, index) => ({ journey, step: index + 1, units: count })),
  );
  return rows.sort((a, b) => compareText(a.journey, b.journey) || a.step - b.step);
}

/** Seconds from first reaching step k-1 to first reaching step k, per (journey, step k ≥ 2). */
export function clickHouseTimeFromPrevious(run: ClickHouseReportRun): Promise<StepDurationRow[]> {
  const seconds = 'groupArray((reached_us[step] - reached_us[step - 1]) / 1e6)';
  return clickHouseRows(
    run.shards.first,
    'time from previous step',
    `SELECT journey, step, units, median, p75 FROM (
      SELECT journey_index, step, count() AS units,
        ${quantileDiscSql(seconds, 0.5)} AS median, ${quantileDiscSql(seconds, 0.75)} AS p75
      FROM ${run.distributed('journey_units')} ARRAY JOIN arrayEnumerate(reached_us) AS step
      WHERE step >= 2
      GROUP BY journey_index, step
    ) ${journeyNameJoin(run)}
    ORDER BY journey, step`,
    STEP_DURATION_SHAPE,
  );
}

/** Converted units' start-to-finish time: quantiles and counts per bucket upper bound (seconds). */
export function clickHouseTimeToConvert(
  run: ClickHouseReportRun,
  buckets: readonly number[],
): Promise<TimeToConvertRow[]> {
  const seconds = 'convert_us / 1e6';
  // groupArray leaves out nulls, as quantile_disc does; count() counts every converted unit, as count(*).
  const values = `groupArray(${seconds})`;
  const within = buckets.map((limit) => `countIf(${seconds} <= ${sqlNumber(limit)})`);
  return clickHouseRows(
    run.shards.first,
    'time to convert',
    `SELECT journey, units, median, p75, within FROM (
      SELECT journey_index, count() AS units,
        ${quantileDiscSql(values, 0.5)} AS median, ${quantileDiscSql(values, 0.75)} AS p75,
        [${within.join(', ')}] AS within
      FROM ${run.distributed('journey_units')}
      WHERE ${convertedUnitCondition(run)}
      GROUP BY journey_index
    ) ${journeyNameJoin(run)}
    ORDER BY journey`,
    TIME_TO_CONVERT_SHAPE,
  );
}

/**
 * For units that dropped at a step: seconds from their last step to the end of that session. A unit's
 * last session is its visitor's, so its session facts are on the unit's shard: a local join.
 */
export function clickHouseTimeBeforeLeaving(run: ClickHouseReportRun): Promise<StepDurationRow[]> {
  const seconds = 'groupArray(greatest(ended_us - last_us, toInt64(0)) / 1e6)';
  return clickHouseRows(
    run.shards.first,
    'time before leaving',
    `SELECT journey, step, units, median, p75 FROM (
      SELECT journey_index, level AS step, count() AS units,
        ${quantileDiscSql(seconds, 0.5)} AS median, ${quantileDiscSql(seconds, 0.75)} AS p75
      FROM ${run.distributed('journey_units')}
      ALL INNER JOIN (SELECT session_id AS last_session, site, ended_us FROM ${run.local('session_facts')}) AS sessions
        USING (last_session, site)
      WHERE ${droppedUnitCondition(run)}
      GROUP BY journey_index, level
    ) ${journeyNameJoin(run)}
    ORDER BY journey, step`,
    STEP_DURATION_SHAPE,
  );
}

/**
 * Up to five dropped units per step, with anonymous ids (the first 12 hex digits of md5(unit)),
 * chosen as DuckDB chooses them: the smallest md5s. Each shard sends only its own five smallest per
 * step (the five smallest overall are among them), merged here. ClickHouse keeps no session replays
 * (docs/clickhouse.md), so no unit has one and `has_replay` is false, as DuckDB says without chunks.
 */
export async function clickHouseDropOffSamples(run: ClickHouseReportRun): Promise<DropOffSampleRow[]> {
  const rows = await run.shards.first.query<{ journey: string; step: number; chosen: [string, string][] }>(
    `SELECT journey, step, chosen FROM (
      SELECT journey_index, level AS step,
        arraySlice(arraySort(groupArray((lower(hex(MD5(unit))), last_us))), 1, ${SAMPLES_PER_STEP}) AS chosen
      FROM ${run.distributed('journey_units')}
      WHERE ${droppedUnitCondition(run)}
      GROUP BY journey_index, level
    ) ${journeyNameJoin(run)}`,
    { distributed_group_by_no_merge: 1 },
  );
  const byStep = new Map<string, { journey: string; step: number; chosen: [string, string][] }>();
  for (const row of rows) {
    const key = JSON.stringify([row.journey, row.step]);
    const entry = byStep.get(key) ?? { journey: row.journey, step: Number(row.step), chosen: [] };
    entry.chosen.push(...row.chosen);
    byStep.set(key, entry);
  }
  const samples: DropOffSampleRow[] = [...byStep.values()].flatMap(({ journey, step, chosen }) =>
    chosen
      .sort(([a], [b]) => compareText(a, b))
      .slice(0, SAMPLES_PER_STEP)
      .map(([md5, lastUs]) => ({
        journey,
        step,
        id: md5.slice(0, 12),
        last_step_at: isoOfMicros(lastUs),
        has_replay: false,
      })),
  );
  // DuckDB: order by journey, step, has_replay desc, id.
  return samples.sort((a, b) => compareText(a.journey, b.journey) || a.step - b.step || compareText(a.id, b.id));
}
