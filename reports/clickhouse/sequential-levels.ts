import type { ClickHouseJourneyShape } from './journey-source.ts';
import { type Definition, type LevelProgramme, stepBit } from './unit-arrays.ts';

/**
 * Sequential order as arrays: the same dynamic programme as reports/funnel/sequential.ts, with the
 * ASOF join replaced by array look-ups. Per step k a tuple of arrays: `valid[i]` (0/1) says that
 * event i ends a valid chain step 1 < … < step k; `start[i]` is that chain's latest possible step-1 time. Along the events that
 * end a valid chain to step k-1 the latest start never decreases, so event i only needs the latest
 * such event before it (found by counting the valid events before i with arrayCumSum and
 * indexing the list of their positions): if that one is too far back for `within`, or its start too
 * early for the window, so are all earlier ones.
 *
 * Exclusions run two programmes side by side, as in DuckDB: `a` (all starts; a chain may not cross
 * an exclusion, so step k-1's event must be in event i's segment) decides completion, `c` (only
 * starts with no exclusion in their window) gives the level of units that did not complete.
 */
export function sequentialLevels(shape: ClickHouseJourneyShape): LevelProgramme {
  const n = shape.steps;
  const window = shape.windowUs === null ? null : shape.windowUs.toString();
  const variants = shape.hasExclusions ? ['c', 'a'] : ['c'];
  const definitions: Definition[] = [];
  // One definition per step: the tuple (valid, start) of arrays. Its helpers are bound inside it, so
  // the chain of bindings stays one per step (the query's nesting depth grows with it).
  const state = (variant: string, k: number) => `f_${variant}${k}`;
  for (const variant of variants) {
    const first =
      variant === 'c' && shape.hasExclusions
        ? `arrayMap((m, ok) -> toUInt8(${stepBit('m', 1)} AND ok = 1), f_mk, f_clean)`
        : `arrayMap(m -> toUInt8(${stepBit('m', 1)}), f_mk)`;
    definitions.push([state(variant, 1), `(${first}, f_us)`]);
    for (let k = 2; k <= n; k++) {
      // f_v, f_s: the previous step's valid and start arrays. (Bound as parameters: 18.16 sends
      // `tupleElement(t, 2)[j]` to the shards as `t.2[j]`, which it cannot parse back.)
      const valid = 'f_v';
      const start = 'f_s';
      const conditions = ['j > 0', stepBit('m', k)];
      const args = ['j', 'm', 'u'];
      const arrays = ['f_j', 'f_mk', 'f_us'];
      if (shape.hasExclusions) {
        // A step-1 event that is itself an exclusion starts after it: its segment is the next one.
        conditions.push(`${k === 2 ? 'f_xc' : 'f_c'}[j] = c`);
        args.push('c');
        arrays.push('f_c');
      }
      if (window !== null) conditions.push(`u <= ${start}[j] + ${window}`);
      const within = shape.withinUs[k];
      if (within !== null && within !== undefined) conditions.push(`u - f_us[j] <= ${within.toString()}`);
      const validNow = `arrayMap((${args.join(', ')}) -> toUInt8(${conditions.join(' AND ')}), ${arrays.join(', ')})`;
      // f_p: positions of the valid events; f_j: the latest of them before each event (the valid
      // events before it, less itself, index the positions), 0 for none.
      const positions = `arrayFilter((i, ok) -> ok = 1, f_idx, ${valid})`;
      const latest = `arrayMap((a, b) -> if(a > b, f_p[a - b], 0), arrayCumSum(${valid}), ${valid})`;
      const startNow = window !== null && k < n ? `arrayMap(j -> ${start}[j], f_j)` : 'f_us';
      definitions.push([
        state(variant, k),
        `arrayMap((f_v, f_s) -> arrayMap(f_p -> arrayMap(f_j -> (${validNow}, ${startNow}), [${latest}])[1],
          [${positions}])[1], [tupleElement(${state(variant, k - 1)}, 1)], [tupleElement(${state(variant, k - 1)}, 2)])[1]`,
      ]);
    }
  }
  const furthest = (variant: string) => {
    const cases = Array.from({ length: n }, (_, index) => n - index).flatMap((k) => [
      `has(tupleElement(${state(variant, k)}, 1), 1)`,
      String(k),
    ]);
    return `multiIf(${cases.join(', ')}, 0)`;
  };
  const level = shape.hasExclusions
    ? `if(has(tupleElement(${state('a', n)}, 1), 1), ${n}, ${furthest('c')})`
    : furthest('c');
  return { definitions, level };
}
