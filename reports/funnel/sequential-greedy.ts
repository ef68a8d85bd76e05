import type { JourneyShape } from './journey-events.ts';
import { steps } from './unit-result.ts';

/**
 * Step counts of a sequential journey with no window, no `within` and no exclusions. Then only
 * existence matters and the earliest match is optimal: any chain can be re-rooted at the unit's first
 * step-1 event, and the earliest event of step k leaves the most room for step k+1. So each step is a
 * hash join and a `min` per unit over that step's own events, with no sort of the unit's events at
 * all — the common default journey, and the benchmark's.
 */
export function greedyStepCountsSql(eventsSql: string, shape: JourneyShape): string {
  const n = shape.steps;
  const counts = steps(n).map((k) => `select ${k} as step, count(*)::integer as units from g${k}`);
  return `with ${greedyChain(eventsSql, n).join(',\n')}\n${counts.join(' union all ')}`;
}

/**
 * The events of step k alone (`unit` and `key`, the packed order), as an inline subquery: DuckDB
 * pushes `m${k}` into journeyEventsSql's scans and reads only those that can match it. Inline on
 * purpose: as a CTE used by several steps it would be materialised whole, which cost twice the whole
 * query (bench/RESULTS.md). Grouped and joined by the unit's number (store/unit-numbers.ts), not its
 * text id: on 10 M events with UUID session ids that halved the funnel's time.
 */
export function stepEventsSql(eventsSql: string, k: number): string {
  return `(select unit, key from (${eventsSql}) where m${k})`;
}

/**
 * CTEs g1..gn of the greedy chain: for each unit, its earliest step-1 event, then the earliest
 * step-k event after its step k-1 match. Each gk is a subset of g(k-1). `withLast`: each gk also
 * holds `last`, the unit's latest step-k event after its step k-1 match (for step 1, its latest
 * step-1 event) — for a unit whose level is k, the last time it reached its level, in the same pass.
 */
export function greedyChain(eventsSql: string, n: number, { withLast = false } = {}): string[] {
  const last = (column: string) => (withLast ? `, max(${column}) as last` : '');
  return [
    `g1 as (select unit, min(key) as key${last('key')} from ${stepEventsSql(eventsSql, 1)} group by unit)`,
    ...steps(n)
      .slice(1)
      .map(
        (k) => `g${k} as (select e.unit, min(e.key) as key${last('e.key')} from ${stepEventsSql(eventsSql, k)} e
          join g${k - 1} p on e.unit = p.unit where e.key > p.key group by e.unit)`,
      ),
  ];
}
