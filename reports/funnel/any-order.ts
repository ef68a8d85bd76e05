import type { StepConfig } from '../../config/index.ts';
import { anyStepMatches, type JourneyShape } from './journey-events.ts';
import { keySeq, keyUs, ORDER_KEY } from './order-key.ts';
import { overlappingStepGroups } from './step-overlap.ts';

// Units are partitioned by a hash of their id and only numbers are sorted (as in sequential.ts):
// string partitions and a string payload made every window sort slower.
const UNIT_ORDER = 'partition by ukey order by us, seq';

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
 */
export function anyOrderUnitsSql(eventsSql: string, shape: JourneyShape, steps: readonly StepConfig[]): string {
  const n = shape.steps;
  const window = shape.windowUs;
  const stepColumns = Array.from({ length: n }, (_, index) => `m${index + 1}`).join(', ');
  const windowEnd =
    window === null
      ? 'null::bigint'
      : `count(*) over (partition by ukey order by us range between unbounded preceding and ${window} following)`;
  const numbered = `select *, count(*) over (partition by ukey) as total, ${windowEnd} as window_end,
      min(case when x then rn end) over (${UNIT_ORDER} rows between 1 following and unbounded following) as next_x_rn,
      min(case when x then us end) over (${UNIT_ORDER} rows between 1 following and unbounded following) as next_x
    from (select *, row_number() over (${UNIT_ORDER}) as rn
      from (select ${stepColumns}, x, us, seq, hash(unit) as ukey from (${eventsSql}) where ${anyStepMatches(n)} or x))`;
  const frame = `(${UNIT_ORDER} rows between current row and (coalesce(least(window_end, next_x_rn), total) - rn) following)`;
  const counts: string[] = [];
  const groupLevels = overlappingStepGroups(steps).map((group, g) => {
    const subsets: string[] = [String(group.length)];
    for (let mask = 1; mask < 1 << group.length; mask++) {
      const members = group.filter((_, bit) => mask & (1 << bit));
      const column = `g${g}_${mask}`;
      counts.push(`count(*) filter (where ${members.map((k) => `m${k}`).join(' or ')}) over ${frame} as ${column}`);
      subsets.push(`${group.length - members.length} + ${column}`);
    }
    return subsets.length === 1 ? subsets[0] : `least(${subsets.join(', ')})`;
  });
  // The last step event of the frame as a packed (time, seq) key: its session is looked up by seq.
  const attempts = `select ukey, rn, us, next_x, ${groupLevels.join(' + ')} as level,
      max(case when ${anyStepMatches(n)} then ${ORDER_KEY} end) over ${frame} as last_key
    from (select *, ${counts.join(', ')} from (${numbered}))
    where ${anyStepMatches(n)}`;
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > us + ${window})`;
  const best = `select arg_max({ level: level, start: us, last_key: last_key },
        level::bigint * 10000000000 - rn) as b
    from (${attempts}) where level = ${n} or ${clean} group by ukey`;
  const lastUs = keyUs('b.last_key');
  return `select e.${shape.unitColumn} as unit, b.level as level, [b.start] as reached_us, ${lastUs} as last_us,
      e.session_id as last_session, case when b.level = ${n} then ${lastUs} - b.start end as convert_us
    from (${best}) join events e on e.seq = ${keySeq('b.last_key')}`;
}
