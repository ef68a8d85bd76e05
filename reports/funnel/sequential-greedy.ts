import type { JourneyShape } from './journey-events.ts';
import { ORDER_KEY } from './order-key.ts';
import { steps } from './unit-result.ts';

/**
 * Step counts of a sequential journey with no window, no `within` and no exclusions. Then only
 * existence matters and the earliest match is optimal: any chain can be re-rooted at the unit's first
 * step-1 event, and the earliest event of step k leaves the most room for step k+1. So each step is a
 * hash join and a `min` per unit, with no sort of the unit's events at all — the common default
 * journey, and the benchmark's.
 */
export function greedyStepCountsSql(eventsSql: string, shape: JourneyShape): string {
  const n = shape.steps;
  const later = steps(n)
    .slice(1)
    .map((k) => `m${k}`);
  // Step 1 is usually most of the events: its `min` per unit comes straight from the scan, and only
  // the later steps' events are materialised for the joins (a second scan costs less than that).
  const ctes = [
    `src as (select ${steps(n)
      .map((k) => `m${k}`)
      .join(', ')}, hash(unit) as ukey, ${ORDER_KEY} as key from (${eventsSql}))`,
    `ev as materialized (select * from src where ${later.length === 0 ? 'false' : later.join(' or ')})`,
    `g1 as (select ukey, min(key) as key from src where m1 group by ukey)`,
    ...greedyLaterSteps(n),
  ];
  const counts = steps(n).map((k) => `select ${k} as step, count(*)::integer as units from g${k}`);
  return `with ${ctes.join(',\n')}\n${counts.join(' union all ')}`;
}

/**
 * CTEs g2..gn of the greedy chain over `ev` (step flags m1..mn, unit hash `ukey`, order `key`) and
 * `g1`: for each unit, the earliest step-k event after its step k-1 match.
 */
export function greedyLaterSteps(n: number): string[] {
  return steps(n)
    .slice(1)
    .map(
      (k) => `g${k} as (select e.ukey, min(e.key) as key from ev e join g${k - 1} p on e.ukey = p.ukey
          where e.m${k} and e.key > p.key group by e.ukey)`,
    );
}
