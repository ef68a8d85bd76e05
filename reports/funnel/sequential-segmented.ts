import { ANY_STEP, type JourneyShape } from './journey-events.ts';
import { greedyUnitsSql } from './sequential-greedy-units.ts';
import { steps } from './unit-result.ts';

/**
 * Per-unit details (unit-result.ts) of a sequential journey with exclusions but no window and no
 * `within`: the same rows as the ASOF programme of sequential.ts, from greedy hash joins.
 *
 * Without a window an exclusion cuts a unit's events into segments, and the programme's chains never
 * cross one: a step-1 event starts in the segment after the exclusions before it (itself included,
 * if it is one), a later step's event belongs to the segment after the exclusions strictly before it
 * (so an exclusion can still end a chain). Inside a segment nothing else applies, so each segment is
 * a unit of the plain greedy programme (sequential-greedy-units.ts). From the segments' rows:
 * - `all` completes when some segment does; its step-k time is the earliest over the segments (the
 *   programme's `min` over every reachable step-k event), its last time the latest segment's that
 *   completed, its time to convert the earliest segment's that completed (segments follow each other
 *   in time);
 * - `clean` (starts with no exclusion after them) is the last segment, after the last exclusion.
 * The level is N when `all` completes, else the last segment's; the details come from `all` only
 * when the last segment does not complete itself, as in the programme.
 *
 * The programme sorts each step's events twice (both variants) in ASOF joins; here one window pass
 * counts the exclusions before each event and the rest is hash joins and aggregates.
 */
export function segmentedGreedyUnitsSql(eventsSql: string, shape: JourneyShape): string {
  const n = shape.steps;
  const laterSteps = steps(n).slice(1);
  // A segment is (unit, exclusions before it): one HUGEINT key, the unit in the high 64 bits, so
  // that the greedy programme groups and joins it like a unit.
  const segmentKey = (segment: string) => `(unit::hugeint << 64) + ${segment}`;
  // An event that starts step 1 and is an exclusion starts the next segment; its later-step roles
  // stay in the one before, as a second row.
  const startsNext = '(x and m1)';
  const segmentEvents = `select ${segmentKey(`c + ${startsNext}::int`)} as unit, key, m1,
        ${laterSteps.map((k) => `m${k} and not ${startsNext} as m${k}`).join(', ')}
      from segmented
      union all
      select ${segmentKey('c')} as unit, key, false as m1, ${laterSteps.map((k) => `m${k}`).join(', ')}
      from segmented where ${startsNext} and (${laterSteps.map((k) => `m${k}`).join(' or ')})`;
  const detail = (column: string) => `${column}: ${column}`;
  // Each detail from `all` or from the last segment (`clean`), as in the programme.
  const either = (column: string) => `case when from_all then ${column}_all else clean.${column} end`;
  return `with ev as materialized (select unit, key, ${steps(n)
    .map((k) => `m${k}`)
    .join(', ')}, x from (${eventsSql}) where ${ANY_STEP} or x),
    segmented as materialized (select *,
        count(*) filter (where x) over (partition by unit order by key rows between unbounded preceding and 1 preceding) as c
      from ev),
    last_segments as (select unit, count(*) filter (where x) as last_segment from ev group by unit),
    segment_rows as (select (unit >> 64)::bigint as ukey, (unit & 18446744073709551615)::bigint as segment,
        level, reached_us, last_us, last_seq, last_session, convert_us
      from (${greedyUnitsSql(segmentEvents, shape)})),
    per_unit as (select r.ukey,
        max(r.level) filter (where r.segment = s.last_segment) as level_clean,
        bool_or(r.level = ${n}) as complete_all,
        arg_max({ ${['reached_us', 'last_us', 'last_seq', 'last_session', 'convert_us'].map(detail).join(', ')} }, r.segment)
          filter (where r.segment = s.last_segment) as clean,
        list_value(${steps(n)
          .map((k) => `min(r.reached_us[${k}])`)
          .join(', ')}) as reached_us_all,
        arg_max({ ${['last_us', 'last_seq', 'last_session'].map(detail).join(', ')} }, r.segment)
          filter (where r.level = ${n}) as last_all,
        arg_min(r.convert_us, r.segment) filter (where r.level = ${n}) as convert_us_all
      from segment_rows r join last_segments s on s.unit = r.ukey group by r.ukey),
    chosen as (select *, complete_all and level_clean is distinct from ${n} as from_all,
        last_all.last_us as last_us_all, last_all.last_seq as last_seq_all, last_all.last_session as last_session_all
      from per_unit where complete_all or level_clean is not null)
    select ukey as unit, case when complete_all then ${n} else level_clean end as level, ${either('reached_us')} as reached_us,
      ${either('last_us')} as last_us, ${either('last_seq')} as last_seq,
      ${shape.unitColumn === 'session_id' ? 'ukey' : either('last_session')} as last_session, ${either('convert_us')} as convert_us
    from chosen`;
}
