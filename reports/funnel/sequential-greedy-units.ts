import type { JourneyShape } from './journey-events.ts';
import { keySeq, keyUs } from './order-key.ts';
import { greedyChain, stepEventsSql } from './sequential-greedy.ts';
import { lastSession, steps } from './unit-result.ts';

/**
 * Per-unit details (unit-result.ts) of a sequential journey with no window, no `within` and no
 * exclusions, with the same numbers as the ASOF programme of sequential.ts but only hash joins:
 * - the first time a unit reached step k is the greedy earliest match g_k (the earliest step-k event
 *   after g_{k-1}): any chain to a step-k event can be re-rooted on the greedy one, so the earliest
 *   reachable step-k event is exactly g_k; the level is the last k with a g_k;
 * - the last time it reached its level L is its latest step-L event after g_{L-1} (all of those are
 *   reachable through g_1..g_{L-1}, and none before it is): a `max` beside g_L's `min`, same pass;
 * - time to convert is measured, like the programme's S_N, from the latest start of any chain that
 *   ends at the first completion g_N: walking back from g_N, the latest step-(k) event before the
 *   step-(k+1) one is always part of such a chain and is the latest possible.
 * Only completed units take the walk back, so it costs little.
 */
export function greedyUnitsSql(eventsSql: string, shape: JourneyShape): string {
  const n = shape.steps;
  const step = (k: number) => stepEventsSql(eventsSql, k);
  const ctes = [
    ...greedyChain(eventsSql, n, { withLast: true }),
    // Every g_k is a subset of g_{k-1}, so the level is the number of steps found; the last time a
    // unit reached its level L is g_L's latest step-L event after g_{L-1}.
    // Scalars per step, not lists: a list per unit cost more than the columns it holds.
    `firsts as (select g1.unit, ${steps(n)
      .map((k) => `(g${k}.key is not null)::integer`)
      .join(' + ')} as level, ${steps(n)
      .map((k) => `g${k}.key as key${k}, g${k}.last as last${k}`)
      .join(', ')}
      from g1 ${steps(n)
        .slice(1)
        .map((k) => `left join g${k} on g${k}.unit = g1.unit`)
        .join(' ')})`,
    `b${n} as (select unit, key${n} as key from firsts where level = ${n})`,
    ...steps(n - 1)
      .reverse()
      .map(
        (k) => `b${k} as (select e.unit, max(e.key) as key from ${step(k)} e join b${k + 1} q on e.unit = q.unit
          where e.key < q.key group by e.unit)`,
      ),
    `starts as (select unit, key as start_key from b1)`,
    `chosen as (select f.unit, f.level, list_slice(list_value(${steps(n).map((k) => keyUs(`f.key${k}`))}), 1, f.level) as reached_us,
        case f.level ${steps(n)
          .map((k) => `when ${k} then f.last${k}`)
          .join(' ')} end as last_key, ${keyUs(`f.key${n}`)} - ${keyUs('s.start_key')} as convert_us
      from firsts f left join starts s on s.unit = f.unit)`,
  ];
  const last = lastSession(shape.unitColumn, 'c.unit', keySeq('c.last_key'));
  return `with ${ctes.join(',\n')}
    select c.unit, c.level, c.reached_us, ${keyUs('c.last_key')} as last_us, ${keySeq('c.last_key')} as last_seq,
      ${last.column} as last_session, c.convert_us, c.unit as ukey
    from chosen c ${last.join}`;
}
