import type { StepConfig } from '../../config/index.ts';
import { ANY_STEP, type JourneyShape } from './journey-events.ts';
import { keySeq, keyUs, lastKeyAt, levelThenEarliest, NO_END_KEY } from './order-key.ts';
import { overlappingStepGroups } from './step-overlap.ts';
import { lastSession } from './unit-result.ts';

// Units are partitioned by their number (store/unit-numbers.ts) and only numbers are sorted (as in
// sequential.ts): string partitions and a string payload made every window sort slower. Every window orders by the
// packed (time, seq) key, so they share one sort order and need no row numbers.
const UNIT_ORDER = 'partition by ukey order by key';

/**
 * Any-order funnel: every step event starts an attempt, whose frame is that event and the unit's
 * later events inside the window. The attempt's level is the largest number of distinct steps done
 * by distinct events of the frame: a bipartite matching of steps to events. By Hall's theorem it is
 * min over step sets T of (|steps| - |T| + events matching some step of T), computed per group of
 * steps that can share events (usually each step alone, where it is just "did it occur").
 *
 * Exclusions: the frame also stops at the first exclusion event after the start (that event still
 * counts as a step). An attempt counts if that cut frame completes the journey, or if no exclusion
 * follows its start inside the window (at all, without a window); otherwise it is discarded.
 *
 * The frame runs from the attempt's own order key to its end key: the last key inside the window
 * (any seq at time start + window) or the next exclusion's key, whichever comes first. A step alone
 * in its group occurs in the frame iff its next event from the start is no later than the end, so one
 * window pass of "next event" minimums gives those levels; only groups of overlapping steps count
 * events over the frame (a second pass). The last step event of the best attempt is found after the
 * best attempt is chosen, by one join per unit instead of a frame aggregate for every attempt.
 */
export function anyOrderUnitsSql(eventsSql: string, shape: JourneyShape, steps: readonly StepConfig[]): string {
  const n = shape.steps;
  const window = shape.windowUs;
  const stepColumns = Array.from({ length: n }, (_, index) => `m${index + 1}`).join(', ');
  const anyStep = ANY_STEP;
  const groups = overlappingStepGroups(steps);
  const singles = groups.filter((group) => group.length === 1).map((group) => group[0] as number);
  const following = `over (${UNIT_ORDER} rows between current row and unbounded following)`;
  const nextOfStep = singles.map((k) => `min(case when m${k} then key end) ${following} as next${k}`);
  const windowEndKey = window === null ? 'null' : lastKeyAt(`us + ${window}`);
  const nexts = `select *, coalesce(least(next_x_key, ${windowEndKey}), ${NO_END_KEY}) as frame_end
    from (select *, min(case when x then key end) over (${UNIT_ORDER} rows between 1 following and unbounded following) as next_x_key
        ${nextOfStep.map((column) => `, ${column}`).join('')}
      from ev)`;
  const frame = `(${UNIT_ORDER} range between current row and frame_end - key following)`;
  const counts: string[] = [];
  const groupLevels = groups.map((group, g) => {
    if (group.length === 1) return `coalesce(next${group[0]} <= frame_end, false)::integer`;
    return hallLevel(group, (members, mask) => {
      const column = `g${g}_${mask}`;
      counts.push(`count(*) filter (where ${members.map((k) => `m${k}`).join(' or ')}) over ${frame} as ${column}`);
      return column;
    });
  });
  const framed = counts.length === 0 ? nexts : `select *, ${counts.join(', ')} from (${nexts})`;
  const attempts = `select ukey, key, us, frame_end, ${keyUs('next_x_key')} as next_x, ${groupLevels.join(' + ')} as level
    from (${framed}) where ${anyStep}`;
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > us + ${window})`;
  const best = `select ukey, arg_max({ level: level, start: us, key: key, frame_end: frame_end },
        ${levelThenEarliest('level', 'key')}) as attempt
    from (${attempts}) where level = ${n} or ${clean} group by ukey`;
  // The last step event of the chosen frame as a packed (time, seq) key: its session is looked up by seq.
  const framedUnits = `select b.ukey, any_value(b.attempt.level) as level, any_value(b.attempt.start) as start, max(e.key) as last_key
    from (${best}) b join ev e on e.ukey = b.ukey and e.key between b.attempt.key and b.attempt.frame_end
    where e.${anyStep}
    group by b.ukey`;
  // Units the window and exclusions cannot touch: the first step event's frame holds all their step
  // events, so it is the best attempt, and its level comes from counts over the whole unit. Their
  // levels and the test that finds the constrained units are one pass over the events, grouped by
  // unit: two passes (and materialising every step event for the second) cost a third more.
  const onStep = (column: string) => `case when ${anyStep} then ${column} end`;
  const simpleLevels = groups.map((group) =>
    group.length === 1
      ? `bool_or(m${group[0]})::integer`
      : hallLevel(group, (members) => `count(*) filter (where ${members.map((k) => `m${k}`).join(' or ')})`),
  );
  const feels = [`max(case when x then key end) > min(${onStep('key')})`];
  if (window !== null) feels.push(`max(${onStep('us')}) - min(${onStep('us')}) > ${window}`);
  const perUnit = `select ukey, coalesce(${feels.join(' or ')}, false) as constrained, ${simpleLevels.join(' + ')} as level,
      min(${onStep('us')}) as start, max(${onStep('key')}) as last_key
    from (select ${stepColumns}, ${anyStep}, x, us, key, unit as ukey from (${eventsSql}) where ${anyStep} or x)
    group by ukey having bool_or(${anyStep})`;
  const simpleUnits = `select ukey, level, start, last_key from ${PER_UNIT} where not constrained`;
  const lastUs = keyUs('c.last_key');
  const last = lastSession(shape.unitColumn, 'c.ukey', keySeq('c.last_key'));
  return `with ${PER_UNIT} as materialized (${perUnit}),
    ${CONSTRAINED} as (select ukey from ${PER_UNIT} where constrained),
    ev as materialized (select ${stepColumns}, ${anyStep}, x, us, key, unit as ukey
      from (${eventsSql}) where (${anyStep} or x) and unit in (select ukey from ${CONSTRAINED}))
    select c.ukey as unit, c.level as level, [c.start] as reached_us, ${lastUs} as last_us,
      ${keySeq('c.last_key')} as last_seq, ${last.column} as last_session,
      case when c.level = ${n} then ${lastUs} - c.start end as convert_us
    from (select * from (${simpleUnits}) union all select * from (${framedUnits})) c ${last.join}`;
}

/** Per unit: whether its window or exclusions could change its best attempt, and its simple level. */
const PER_UNIT = 'any_order_units';

/** Units whose window or exclusions could change their best attempt (the others need no frames). */
const CONSTRAINED = 'constrained_units';

/**
 * Hall's bound for one group of steps that may share events: min over non-empty subsets T of
 * (|group| - |T| + events matching some step of T), and at most |group|.
 */
function hallLevel(group: number[], eventsMatching: (members: number[], mask: number) => string): string {
  const subsets: string[] = [String(group.length)];
  for (let mask = 1; mask < 1 << group.length; mask++) {
    const members = group.filter((_, bit) => mask & (1 << bit));
    subsets.push(`${group.length - members.length} + ${eventsMatching(members, mask)}`);
  }
  return `least(${subsets.join(', ')})`;
}
