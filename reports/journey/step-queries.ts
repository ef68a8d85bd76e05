import type { RowOf, Store } from '../../store/index.ts';
import { orderKey } from '../funnel/order-key.ts';
import { withUnitPerfectHash } from '../funnel/perfect-hash.ts';
import { JOURNEY_UNITS } from '../funnel/units.ts';
import { SESSION_FACTS } from '../session-facts.ts';
import { UNIT_ANSWERS } from './feedback-answers.ts';
import { packCount, packedJourneys, packedLevelsOf, unitLevelsSql, unpackLevels } from './packed-levels.ts';

/** Most steps a journey may have (config/schema.ts), for "one row per step" cross joins. */
const MAX_STEPS = 20;
const PER_STEP = `range(1, ${MAX_STEPS + 1}) per_step(step)`;

// Every query groups counted units, so each row stands for at least one unit and its quantiles are
// over at least one (never null) duration: the medians are numbers, not 'number?'.
export const STEP_COUNT_SHAPE = { journey: 'string', step: 'integer', units: 'integer' } as const;
export type StepCountRow = RowOf<typeof STEP_COUNT_SHAPE>;
export const STEP_DURATION_SHAPE = {
  journey: 'string',
  step: 'integer',
  units: 'integer',
  median: 'number',
  p75: 'number',
} as const;
export type StepDurationRow = RowOf<typeof STEP_DURATION_SHAPE>;
/** `within`: converted units per bucket upper bound, cumulative, in the order of the buckets asked for. */
export const TIME_TO_CONVERT_SHAPE = {
  journey: 'string',
  units: 'integer',
  median: 'number',
  p75: 'number',
  within: 'integer[]',
} as const;
export type TimeToConvertRow = RowOf<typeof TIME_TO_CONVERT_SHAPE>;
export const NEXT_ACTION_SHAPE = { journey: 'string', step: 'integer', action: 'string', units: 'integer' } as const;
export type NextActionRow = RowOf<typeof NEXT_ACTION_SHAPE>;
/** `last_step_at`: a timestamp, so an ISO string (store/values.ts). */
export const DROP_OFF_SAMPLE_SHAPE = {
  journey: 'string',
  step: 'integer',
  id: 'string',
  last_step_at: 'string',
  has_replay: 'boolean',
} as const;
export type DropOffSampleRow = RowOf<typeof DROP_OFF_SAMPLE_SHAPE>;
export const NPS_SHAPE = {
  journey: 'string',
  step: 'integer',
  responses: 'integer',
  promoters: 'integer',
  passives: 'integer',
  detractors: 'integer',
} as const;
export type NpsRow = RowOf<typeof NPS_SHAPE>;

/**
 * The median and 75th percentile of `seconds` in one aggregate (`quartiles`, then QUARTILE_COLUMNS):
 * two `quantile_disc` aggregates each keep their own copy of every value, one with a list of
 * fractions keeps one (0.47 → 0.37 s for the time before leaving on 10 M events, same values).
 */
const QUARTILES = 'quantile_disc(seconds, [0.5, 0.75]) as quartiles';
const QUARTILE_COLUMNS = 'quartiles[1]::double as median, quartiles[2]::double as p75';

/** Units per (journey, step): a unit at level L reached steps 1..L. Counted per level first. */
export function stepCounts(store: Store): Promise<StepCountRow[]> {
  return store.rows(
    'step counts',
    `select journey, step, coalesce(sum(units) filter (where level >= step), 0)::integer as units
    from (select journey, steps, level, count(*) as units from ${JOURNEY_UNITS} group by all), ${PER_STEP}
    where step <= steps group by journey, step`,
    STEP_COUNT_SHAPE,
  );
}

/** Seconds from first reaching step k-1 to first reaching step k, per (journey, step k ≥ 2). */
export function timeFromPrevious(store: Store): Promise<StepDurationRow[]> {
  return store.rows(
    'time from previous step',
    `select journey, step, units, ${QUARTILE_COLUMNS} from (select journey, step, count(*)::integer as units, ${QUARTILES}
      from (select journey, step, (reached_us[step] - reached_us[step - 1]) / 1e6 as seconds
        from ${JOURNEY_UNITS}, ${PER_STEP} where step >= 2 and step <= len(reached_us))
      group by journey, step)`,
    STEP_DURATION_SHAPE,
  );
}

/** Converted units' start-to-finish time: quantiles and counts per bucket upper bound (seconds). */
export function timeToConvert(store: Store, buckets: readonly number[]): Promise<TimeToConvertRow[]> {
  const counts = buckets.map((limit) => `count(*) filter (where seconds <= ${limit})::integer`);
  return store.rows(
    'time to convert',
    `select journey, units, ${QUARTILE_COLUMNS}, within from (select journey, count(*)::integer as units, ${QUARTILES},
        list_value(${counts.join(', ')}) as within
      from (select journey, convert_us / 1e6 as seconds from ${JOURNEY_UNITS} where level = steps)
      group by journey)`,
    TIME_TO_CONVERT_SHAPE,
  );
}

/** For units that dropped at a step: seconds from their last step to the end of that session. */
export function timeBeforeLeaving(store: Store): Promise<StepDurationRow[]> {
  return store.rows(
    'time before leaving',
    `select journey, step, units, ${QUARTILE_COLUMNS} from (select u.journey, u.level as step, count(*)::integer as units, ${QUARTILES}
      from (select u.*, greatest(0, epoch_us(s.ended_at) - u.last_us) / 1e6 as seconds
        from ${JOURNEY_UNITS} u join ${SESSION_FACTS} s on s.session_no = u.last_session
        where u.level < u.steps) u
      group by u.journey, u.level)`,
    STEP_DURATION_SHAPE,
  );
}

/**
 * What each dropped unit did first after its last step, in the same session: the page path of a
 * page view, the name of another event, or "(left)" when nothing followed. Journeys often share the
 * point where a unit stopped (same session, same last event), so the events are joined once per
 * distinct point, not once per (journey, unit). A point is its last event's `seq` (unique, so it
 * fixes the session and time, which the unit rows carry as `last_session` and `last_us`): the points
 * are found first, each with the levels dropped there in every journey packed into integers
 * (packed-levels.ts; a point belongs to one unit per journey). The actions are counted per packed
 * levels and unpacked per journey at the end: joining and grouping every (journey, unit) row took
 * 1.4 times as long. "After" is by time, then arrival order, as in the
 * funnel semantics: an event with the same timestamp that arrived later came after the last step.
 * One comparison of packed keys, never an OR of two: DuckDB then plans the join as a nested loop
 * (minutes on a million events instead of a second). The first event is found by (ts, seq) packed into
 * one integer (funnel/order-key.ts), cheaper to compare than a struct.
 */
export async function nextActions(store: Store): Promise<NextActionRow[]> {
  // One row per point with a levels column per pack: the points need no DISTINCT of their own.
  const packs = Array.from({ length: await packCount(store) }, (_, pack) => pack);
  if (packs.length === 0) return [];
  // Each point carries its levels through the join (one value per point), so the actions need no
  // second join back to the points.
  const levels = packs.map((pack) => `levels${pack}`).join(', ');
  return store.rows(
    'next actions',
    `with dropped as (select last_seq, last_session, last_us, ${packs.map((pack) => `${packedLevelsOf(pack)} as levels${pack}`).join(', ')}
      from ${JOURNEY_UNITS} where level < steps group by last_seq, last_session, last_us),
    points as (select last_seq, last_session as session_no, ${orderKey('last_us', 'last_seq')} as last_key, ${levels}
      from dropped),
    later as (select session_no, ${orderKey('epoch_us(ts)', 'seq')} as key,
        case when name = 'pageview' then path else name end as action from events),
    next as (select p.last_seq, ${packs.map((pack) => `any_value(p.levels${pack}) as levels${pack}`).join(', ')},
        arg_min(e.action, e.key) as action
      from points p
      left join later e on e.session_no = p.session_no and e.key > p.last_key
      group by p.last_seq),
    counted as (select pack, levels, action, count(*) as units
      from (${packs
        .map(
          (pack) => `select ${pack} as pack, levels${pack} as levels, coalesce(action, '(left)') as action
          from next where levels${pack} is not null`,
        )
        .join(' union all ')})
      group by all)
    select journey, level as step, action, sum(units)::integer as units
    from ${unpackLevels('counted', 'c')} group by all`,
    NEXT_ACTION_SHAPE,
  );
}

/**
 * Up to five dropped units per step, with anonymous ids. Units with a session replay come first
 * (a replay shows *why* someone left); among equals a hash decides, so the choice is deterministic.
 * A unit has a replay when any of its events' page loads has replay chunks, as its session page shows.
 *
 * The replayed units are found from the (few) chunks' page ids with a hash join, whose build side
 * is the chunks: with none, the events are not read at all. The order is a sort key per unit, "0"
 * (replay) or "1" (none) followed by md5 of the unit's text id (found by its number,
 * store/unit-numbers.ts), whose prefix is the sample id of the session page. Journeys share most of
 * their dropped units, so each unit is keyed once, with the levels it dropped at in every journey
 * packed (packed-levels.ts): the five first of a (journey, step) are among the five first of the
 * units with the same packed levels, so `arg_min(…, 5)` runs per packed group and again on those few
 * candidates per journey and step. Keying every (journey, unit) row cost twice the time on 10 M events.
 */
export async function dropOffSamples(store: Store): Promise<DropOffSampleRow[]> {
  // Each unit kind's dropped rows are grouped by the unit number (perfect hash, packed-levels.ts).
  const journeys = await packedJourneys(store);
  const dropped = (['session', 'visitor'] as const).flatMap((kind, bit) =>
    unitLevelsSql(journeys, kind, 'level < steps').map(
      (sql) => `select unit * 2 + ${bit} as ukey, unit, pack, levels from (${sql})`,
    ),
  );
  if (dropped.length === 0) return [];
  return withUnitPerfectHash(store, 'session_no', () =>
    store.rows(
      'drop-off samples',
      `with replayed_events as (select distinct e.session_no, e.visitor_no from events e
        join (select distinct site, page_id from replay_chunks) r on r.site = e.site and r.page_id = e.page_id),
      replayed_units as (select session_no * 2 as ukey from replayed_events
        union select visitor_no * 2 + 1 as ukey from replayed_events),
      dropped as (${dropped.join(' union all ')}),
      sample_ids as (select no * 2 as ukey, md5(session_id) as id from session_numbers
          where no in (select unit from dropped where ukey & 1 = 0)
        union all
        select no * 2 + 1 as ukey, md5(visitor_id) as id from visitor_numbers
          where no in (select unit from dropped where ukey & 1 = 1)),
      keyed as (select d.pack, d.levels, d.unit, (case when r.ukey is null then '1' else '0' end) || i.id as k
        from dropped d join sample_ids i on i.ukey = d.ukey left join replayed_units r on r.ukey = d.ukey),
      candidates as (select pack, levels, unnest(arg_min({'k': k, 'unit': unit}, k, 5)) as candidate
        from keyed group by pack, levels),
      chosen as (select journey_index, level, unnest(arg_min(candidate, candidate.k, 5)) as s
        from ${unpackLevels('candidates', 'c')} group by journey_index, level)
    select u.journey, c.level as step, left(c.s.k[2:], 12) as id, make_timestamp(u.last_us) as last_step_at,
        c.s.k[1] = '0' as has_replay
    from chosen c join ${JOURNEY_UNITS} u on u.journey_index = c.journey_index and u.unit = c.s.unit
    order by journey, step, has_replay desc, id`,
      DROP_OFF_SAMPLE_SHAPE,
    ),
  );
}

/**
 * NPS per step: each answer (feedback-answers.ts, written first: `feedback` events with props.score
 * 0..10 in the range) of a counted unit belongs to the furthest step the unit had reached when it
 * was sent (before step 1: not counted).
 */
export function npsByStep(store: Store): Promise<NpsRow[]> {
  return store.rows(
    'NPS by step',
    `select journey, step, count(*)::integer as responses,
      count(*) filter (where score >= 9)::integer as promoters,
      count(*) filter (where score between 7 and 8)::integer as passives,
      count(*) filter (where score <= 6)::integer as detractors
    from ${UNIT_ANSWERS} where step >= 1
    group by journey, step`,
    NPS_SHAPE,
  );
}
