import { anyStepMatches, type JourneyShape } from './journey-events.ts';
import { pick, steps } from './unit-result.ts';

const UNIT_ORDER = 'partition by unit order by ts, seq';
/** Segment and attempt start travel together as one number so one `max` finds the best predecessor. */
const SEGMENT = '18446744073709551616';

/**
 * Sequential funnel as a dynamic programme over each unit's events, one window pass per step.
 *
 * For an event e matching step k, S_k(e) is the latest step-1 time of any valid chain
 * step1 < … < step k = e (each link within `within`, all within `window` of step 1). The latest start
 * dominates: a chain's future only depends on its last event and its deadline (start + window). So
 * S_k(e) = max S_{k-1}(e') over earlier events e' no further back than `within`, if e is still inside
 * that start's window. Greedy earliest matching is not enough once `within` applies.
 *
 * Exclusions (see DESIGN.md): an attempt counts if it completes before any exclusion event after its
 * start, or if no exclusion follows its start inside its window (at all, without a window). So two
 * programmes run side by side: `all` (every start, chains may not cross an exclusion: the running
 * exclusion count, the segment, must not change along the chain) decides completion; `clean` (only
 * starts with no exclusion in their window) gives the level of units that did not complete.
 */
export function sequentialUnitsSql(eventsSql: string, shape: JourneyShape): string {
  const n = shape.steps;
  const variants = shape.hasExclusions ? ['clean', 'all'] : ['clean'];
  const window = shape.windowUs;
  const encode = (segment: string, start: string) =>
    shape.hasExclusions ? `(${segment})::hugeint * ${SEGMENT} + ${start}` : start;
  const startOf = (best: string) => (shape.hasExclusions ? `(${best} % ${SEGMENT})::bigint` : best);
  const sameSegment = (best: string) => (shape.hasExclusions ? ` and ${best} // ${SEGMENT} = c` : '');
  const inWindow = (start: string) => (window === null ? '' : ` and us <= ${start} + ${window}`);
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > us + ${window})`;

  // S_k for a variant, as an expression over the layer that holds b{k}_{variant}.
  const reach = (k: number, variant: string) => {
    if (k === 1) return `case when m1${variant === 'clean' ? ` and ${clean}` : ''} then us end`;
    const best = `b${k}_${variant}`;
    return `case when m${k} and ${best} is not null${sameSegment(best)}${inWindow(startOf(best))} then ${startOf(best)} end`;
  };
  const predecessor = (k: number, variant: string) =>
    `case when (${reach(k, variant)}) is not null then ${encode(k === 1 ? 'c + x::int' : 'c', `(${reach(k, variant)})`)} end`;

  const lowerBounds = steps(n)
    .filter((k) => k > 1 && shape.withinUs[k] !== null)
    .map(
      (k) =>
        `count(*) over (partition by unit order by ts range between unbounded preceding and to_microseconds(${shape.withinUs[k]} + 1) preceding) as lo${k}`,
    );
  let layer = `select *, row_number() over (${UNIT_ORDER}) as rn,
      ${shape.hasExclusions ? `coalesce(sum(x::int) over (${UNIT_ORDER} rows between unbounded preceding and 1 preceding), 0)` : '0'} as c,
      ${shape.hasExclusions ? `min(case when x then us end) over (${UNIT_ORDER} rows between 1 following and unbounded following)` : 'null::bigint'} as next_x
      ${lowerBounds.map((bound) => `, ${bound}`).join('')}
    from (${eventsSql}) where ${anyStepMatches(n)}${shape.hasExclusions ? ' or x' : ''}`;
  for (const k of steps(n).slice(1)) {
    const from = shape.withinUs[k] === null ? 'unbounded preceding' : `(rn - 1 - lo${k}) preceding`;
    const frame = `(${UNIT_ORDER} rows between ${from} and 1 preceding)`;
    const bests = variants.map((variant) => `max(${predecessor(k - 1, variant)}) over ${frame} as b${k}_${variant}`);
    layer = `select *, ${bests.join(', ')} from (${layer})`;
  }
  const aggregates = variants.flatMap((variant) =>
    steps(n).flatMap((k) => {
      const s = `(${reach(k, variant)})`;
      return [
        `min(case when ${s} is not null then us end) as first${k}_${variant}`,
        `max(case when ${s} is not null then us end) as last${k}_${variant}`,
        `arg_max(session_id, case when ${s} is not null then us end) as session${k}_${variant}`,
        ...(k === n ? [`arg_min(us - ${s}, case when ${s} is not null then us end) as convert_${variant}`] : []),
      ];
    }),
  );
  const levelClean = `greatest(${steps(n)
    .map((k) => `max(case when (${reach(k, 'clean')}) is not null then ${k} end)`)
    .join(', ')})`;
  const completeAll = shape.hasExclusions ? `bool_or((${reach(n, 'all')}) is not null)` : 'false';
  const perUnit = `select unit, ${levelClean} as level_clean, ${completeAll} as complete_all, ${aggregates.join(', ')}
    from (${layer}) group by unit`;
  // Units that completed only through the `all` programme take their times from it.
  const chosen = (column: (k: number, variant: string) => string, level: string) =>
    `case when complete_all and level_clean is distinct from ${n} then ${pick(
      steps(n).map((k) => column(k, variants.at(-1) as string)),
      level,
    )} else ${pick(
      steps(n).map((k) => column(k, 'clean')),
      level,
    )} end`;
  return `select unit, level,
      list_slice(case when complete_all and level_clean is distinct from ${n}
        then list_value(${steps(n).map((k) => `first${k}_${variants.at(-1)}`)})
        else list_value(${steps(n).map((k) => `first${k}_clean`)}) end, 1, level) as reached_us,
      ${chosen((k, v) => `last${k}_${v}`, 'level')} as last_us,
      ${chosen((k, v) => `session${k}_${v}`, 'level')} as last_session,
      case when level = ${n} then (case when complete_all and level_clean is distinct from ${n} then convert_${variants.at(-1)} else convert_clean end) end as convert_us
    from (select *, case when complete_all then ${n} else level_clean end as level from (${perUnit}))
    where level is not null`;
}
