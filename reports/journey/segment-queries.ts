import type { RowOf, Store } from '../../store/index.ts';
import { JOURNEY_LIST, JOURNEY_UNITS } from '../funnel/units.ts';
import type { SqlParams } from '../sql-params.ts';
import { SEGMENT_LEVELS } from './segment-levels.ts';

export const MAX_STEPS = 20;

/** `steps`: units per step 1..20 (a unit at level L counts at steps 1..L). */
export const BREAKDOWN_SHAPE = { journey: 'string', dimension: 'string', value: 'string', steps: 'integer[]' } as const;
export type BreakdownRow = RowOf<typeof BREAKDOWN_SHAPE>;
/** `period`: the local day or week start as YYYY-MM-DD. */
export const TREND_SHAPE = { journey: 'string', period: 'string', started: 'integer', converted: 'integer' } as const;
export type TrendRow = RowOf<typeof TREND_SHAPE>;

/**
 * Units per step for every (journey, dimension, value), from SEGMENT_LEVELS' one-dimension rows:
 * they count units per level; the per-step counts (level ≥ k) are summed over those few rows,
 * instead of 20 filtered counts over every unit of every grouping set.
 */
export function breakdownCounts(store: Store): Promise<BreakdownRow[]> {
  const perStep = Array.from(
    { length: MAX_STEPS },
    (_, k) => `coalesce(sum(units) filter (where level >= ${k + 1}), 0)::bigint`,
  );
  return store.rows(
    'breakdown counts',
    `select journey, dimension, value, list_value(${perStep.join(', ')}) as steps
    from ${SEGMENT_LEVELS} where second is null
    group by journey, dimension, value`,
    BREAKDOWN_SHAPE,
  );
}

/** Started and converted units per (journey, local day or week of step 1) in the report time zone. */
export function trendCounts(
  store: Store,
  params: SqlParams,
  timezone: string,
  granularity: 'day' | 'week',
): Promise<TrendRow[]> {
  return store.rows(
    'trend counts',
    // Units are first counted per journey and 15-minute UTC slot (integers), and only the slots are
    // put into local time: every time zone's offset, and so every local midnight, falls on a quarter
    // hour, so all of a slot's units share a local day. Converting each of 8 M units' times cost more.
    `with slots as (select journey_index, (reached_us[1] // 900000000) * 900000000 as slot_us,
        count(*) as started, count(*) filter (where level = steps) as converted
      from ${JOURNEY_UNITS} group by all)
    select j.journey, strftime(date_trunc(${params.bind(granularity, 'granularity')},
        timezone(${params.bind(timezone, 'tz')}, to_timestamp(slot_us / 1e6))), '%Y-%m-%d') as period,
      sum(started)::integer as started, sum(converted)::integer as converted
    from slots s join ${JOURNEY_LIST} j on j.journey_index = s.journey_index
    group by all order by journey, period`,
    TREND_SHAPE,
    params.values,
  );
}
