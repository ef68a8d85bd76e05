import type { StepConfig } from '../../config/index.ts';
import { anyStepMatches, type JourneyShape } from './journey-events.ts';
import { overlappingStepGroups } from './step-overlap.ts';

const UNIT_ORDER = 'partition by unit order by ts, seq';

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
  const windowEnd =
    window === null
      ? 'null::bigint'
      : `count(*) over (partition by unit order by ts range between unbounded preceding and to_microseconds(${window}) following)`;
  const numbered = `select *, count(*) over (partition by unit) as total, ${windowEnd} as window_end,
      min(case when x then rn end) over (${UNIT_ORDER} rows between 1 following and unbounded following) as next_x_rn,
      min(case when x then us end) over (${UNIT_ORDER} rows between 1 following and unbounded following) as next_x
    from (select *, row_number() over (${UNIT_ORDER}) as rn from (${eventsSql}) where ${anyStepMatches(n)} or x)`;
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
  const attempts = `select unit, rn, us, session_id, next_x, ${groupLevels.join(' + ')} as level,
      max(case when ${anyStepMatches(n)} then us end) over ${frame} as last_step_us,
      arg_max(case when ${anyStepMatches(n)} then session_id end, case when ${anyStepMatches(n)} then us end) over ${frame} as last_step_session
    from (select *, ${counts.join(', ')} from (${numbered}))
    where ${anyStepMatches(n)}`;
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > us + ${window})`;
  const best = `select unit, arg_max({ level: level, start: us, last: last_step_us, session: last_step_session },
        level::bigint * 10000000000 - rn) as b
    from (${attempts}) where level = ${n} or ${clean} group by unit`;
  return `select unit, b.level as level, [b.start] as reached_us, b.last as last_us, b.session as last_session,
      case when b.level = ${n} then b.last - b.start end as convert_us
    from (${best})`;
}
