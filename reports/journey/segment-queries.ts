import type { PlainRow, Store } from '../../store/index.ts';
import { JOURNEY_UNITS } from '../funnel/units.ts';
import type { SqlParams } from '../sql-params.ts';
import { DIMENSIONS, UNIT_DIMENSIONS } from '../unit-dimensions.ts';

const MAX_STEPS = 20;

/** Units per step for every (journey, dimension, value), all breakdowns in one query. */
export function breakdownCounts(store: Store): Promise<PlainRow[]> {
  const perStep = Array.from({ length: MAX_STEPS }, (_, k) => `count(*) filter (where u.level >= ${k + 1})`);
  return store.query(`select d.journey, d.dimension, d.value, list_value(${perStep.join(', ')}) as steps
    from (unpivot ${UNIT_DIMENSIONS} on ${DIMENSIONS.join(', ')} into name dimension value value) d
    join ${JOURNEY_UNITS} u on u.journey = d.journey and u.unit = d.unit
    group by d.journey, d.dimension, d.value`);
}

/** Started and converted units per (journey, local day or week of step 1) in the report time zone. */
export function trendCounts(store: Store, params: SqlParams, timezone: string, granularity: 'day' | 'week') {
  return store.query(
    `select journey, strftime(date_trunc(${params.bind(granularity, 'granularity')},
        timezone(${params.bind(timezone, 'tz')}, to_timestamp(reached_us[1] / 1e6))), '%Y-%m-%d') as period,
      count(*)::integer as started, count(*) filter (where level = steps)::integer as converted
    from ${JOURNEY_UNITS} group by all order by journey, period`,
    params.values,
  );
}
