import { ANY_STEP, type JourneyShape } from './journey-events.ts';
import { keySeq, keyUs } from './order-key.ts';
import { lastSession, steps } from './unit-result.ts';

const STEP_COLUMNS = (n: number) =>
  steps(n)
    .map((k) => `m${k}`)
    .join(', ');

/**
 * Sequential funnel as a dynamic programme over each unit's events, one ASOF join per step.
 *
 * For an event e matching step k, S_k(e) is the latest step-1 time of any valid chain
 * step1 < … < step k = e (each link within `within`, all within `window` of step 1). The latest start
 * dominates: a chain's future depends only on its last event and its deadline (start + window), so
 * greedy earliest matching is not enough once `within` applies, but S_k(e) = max S_{k-1}(e') over
 * earlier e' no further back than `within` is. Along the events that reach step k-1, S_{k-1} never
 * decreases (by induction from S_1(e) = e's own time), so that maximum is simply S_{k-1} of the
 * latest such event before e — which is what an ASOF join finds, without sorting every unit's events
 * once per step. If that latest event is further back than `within`, so are all earlier ones.
 *
 * Exclusions (see docs/funnel-semantics.md): an attempt counts if it completes before any exclusion event after its
 * start, or if no exclusion follows its start inside its window (at all, without a window). So two
 * programmes run side by side: `all` (every start; a chain may not cross an exclusion, so events are
 * grouped into segments by the number of exclusions before them) decides completion; `clean` (only
 * starts with no exclusion in their window) gives the level of units that did not complete.
 * A unit's level is N if `all` completes, else the furthest step `clean` reaches.
 */
export function sequentialUnitsSql(eventsSql: string, shape: JourneyShape, { details = true } = {}): string {
  const n = shape.steps;
  const window = shape.windowUs;
  const variants = shape.hasExclusions ? ['clean', 'all'] : ['clean'];
  // Only numbers travel through the joins; the unit and session ids are looked up at the end by `seq`.
  const ctes: string[] = [
    `ev as materialized (select ${STEP_COLUMNS(n)}, x, us, unit as ukey, key
      from (${eventsSql}) where ${ANY_STEP}${shape.hasExclusions ? ' or x' : ''})`,
  ];
  if (shape.hasExclusions) {
    // c: exclusions strictly before the event (its segment); next_x: time of the next exclusion after it.
    // Only units with an exclusion need them (and the `all` programme): the others are clean throughout.
    // One window pass over those units' events (keys are unique, so rows in key order are events in
    // (time, arrival) order); two ASOF joins against the exclusions cost three times as much.
    ctes.push(
      `excluding as (select distinct ukey from ev where x)`,
      `evx as (select *,
          count(*) filter (where x) over (partition by ukey order by key rows between unbounded preceding and 1 preceding) as c,
          min(case when x then us end) over (partition by ukey order by key rows between 1 following and unbounded following) as next_x
        from ev where ukey in (select ukey from excluding))`,
      `evc as (select * from evx union all
        select *, 0 as c, null::bigint as next_x from ev where ukey not in (select ukey from excluding))`,
    );
  } else {
    ctes.push(`evc as (select *, 0 as c, null::bigint as next_x from ev)`);
  }
  const clean = window === null ? 'next_x is null' : `(next_x is null or next_x > us + ${window})`;
  for (const variant of variants) {
    const source = variant === 'all' ? 'evx' : 'evc';
    ctes.push(`${variant}1 as materialized (select ukey, key, us, c + x::int as seg, us as s from ${source}
      where m1${variant === 'clean' ? ` and ${clean}` : ''})`);
    for (const k of steps(n).slice(1)) {
      const conditions = ['true'];
      if (window !== null) conditions.push(`e.us <= r.s + ${window}`);
      if (shape.withinUs[k] !== null) conditions.push(`r.us >= e.us - ${shape.withinUs[k]}`);
      // The ASOF join sorts both sides: its right side keeps only units that have a step-k event
      // (step 1 is most of the events), and the segment is compared only when there can be several.
      const segment = shape.hasExclusions ? ' and e.c = r.seg' : '';
      ctes.push(`${variant}${k} as materialized (select e.ukey, e.key, e.us, e.c as seg, r.s
        from (select * from ${source} where m${k}) e
        asof join (select * from ${variant}${k - 1} where ukey in (select ukey from ${source} where m${k})) r
          on e.ukey = r.ukey${segment} and e.key > r.key
        where ${conditions.join(' and ')})`);
    }
  }
  if (!details) {
    // Step counts only: a unit reached step k if `clean` reached it or `all` completed (units
    // without exclusions are in `clean` whenever they are in `all`).
    const counts = steps(n).map((k) => {
      const completed = shape.hasExclusions ? ` union all select ukey from all${n}` : '';
      return `select ${k} as step, count(distinct ukey)::integer as units from (select ukey from clean${k}${completed})`;
    });
    return `with ${ctes.join(',\n')}\n${counts.join(' union all ')}`;
  }
  // One small GROUP BY per (variant, step), joined per unit: a single GROUP BY over the union of
  // every step's rows with 2·N filtered aggregates was the slowest part of the programme.
  const agg = (variant: string, k: number) => `${variant}${k}_agg`;
  for (const variant of variants) {
    for (const k of steps(n)) {
      // The first completion by (time, arrival): `key`, not `us`, so that step-N events at the same
      // time cannot leave the choice (and its start) to the row order.
      const convert = k === n ? ', arg_min(us - s, key) as conv' : '';
      ctes.push(`${agg(variant, k)} as (select ukey, min(us) as first, max(key) as last${convert}
        from ${variant}${k} group by ukey)`);
    }
  }
  // Each step's units are among the previous step's, so a unit's clean level is its furthest step.
  const levelClean = `case ${steps(n)
    .reverse()
    .map((k) => `when ${agg('clean', k)}.ukey is not null then ${k}`)
    .join(' ')} end`;
  const completeAll = shape.hasExclusions ? `${agg('all', n)}.ukey is not null` : 'false';
  const columns = variants.flatMap((variant) =>
    steps(n).flatMap((k) => [
      `${agg(variant, k)}.first as first${k}_${variant}`,
      `${agg(variant, k)}.last as last${k}_${variant}`,
      ...(k === n ? [`${agg(variant, k)}.conv as convert_${variant}`] : []),
    ]),
  );
  const base = `select ukey from ${agg('clean', 1)}${shape.hasExclusions ? ` union select ukey from ${agg('all', n)}` : ''}`;
  const joins = variants.flatMap((variant) =>
    steps(n).map((k) => `left join ${agg(variant, k)} on ${agg(variant, k)}.ukey = b.ukey`),
  );
  ctes.push(`per_unit as (select b.ukey, ${levelClean} as level_clean, ${completeAll} as complete_all,
      ${columns.join(', ')}
    from (${base}) b ${joins.join(' ')})`);
  // Units that completed only through the `all` programme take their times from it.
  const fromAll = `complete_all and level_clean is distinct from ${n}`;
  const either = (column: (variant: string) => string) =>
    shape.hasExclusions ? `case when ${fromAll} then ${column('all')} else ${column('clean')} end` : column('clean');
  const list = (name: string) => (variant: string) => `list_value(${steps(n).map((k) => `${name}${k}_${variant}`)})`;
  ctes.push(`chosen as (select ukey, level, list_slice(${either(list('first'))}, 1, level) as reached_us,
      ${either(list('last'))}[level] as last_key,
      case when level = ${n} then ${either((variant) => `convert_${variant}`)} end as convert_us
    from (select *, case when complete_all then ${n} else level_clean end as level from per_unit)
    where level is not null)`);
  const last = lastSession(shape.unitColumn, 'c.ukey', keySeq('c.last_key'));
  return `with ${ctes.join(',\n')}
    select c.ukey as unit, c.level, c.reached_us, ${keyUs('c.last_key')} as last_us,
      ${keySeq('c.last_key')} as last_seq, ${last.column} as last_session, c.convert_us
    from chosen c ${last.join}`;
}
