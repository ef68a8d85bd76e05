import type { RowOf, Store } from '../../store/index.ts';
import { JOURNEY_UNITS } from '../funnel/units.ts';
import type { SqlParams } from '../sql-params.ts';
import { SEGMENT_LEVELS } from './segment-levels.ts';

const MAX_STEPS = 20;

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
    `select journey, strftime(date_trunc(${params.bind(granularity, 'granularity')},
        timezone(${params.bind(timezone, 'tz')}, to_timestamp(reached_us[1] / 1e6))), '%Y-%m-%d') as period,
      count(*)::integer as started, count(*) filter (where level = steps)::integer as converted
    from ${JOURNEY_UNITS} group by all order by journey, period`,
    TREND_SHAPE,
    params.values,
  );
}
