import { latestValidBefore, latestValidRuns } from './carry-forward.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';
import { type Definition, type LevelProgramme, stepBit } from './unit-arrays.ts';

/**
 * Sequential order as arrays: the same dynamic programme as reports/funnel/sequential.ts, with the
 * ASOF join replaced by carrying values forward along the array. Per step k a tuple of arrays:
 * `valid[i]` (0/1) says that event i ends a valid chain step 1 < … < step k; `start[i]` is that
 * chain's latest possible step-1 time. Along the events that end a valid chain to step k-1 the latest
 * start never decreases, so event i only needs the latest such event before it (its time, segment
 * and start, carried forward by carry-forward.ts): if that one is too far back for `within`, or its
 * start too early for the window, so are all earlier ones.
 *
 * Exclusions run two programmes side by side, as in DuckDB: `a` (all starts; a chain may not cross
 * an exclusion, so step k-1's event must be in event i's segment) decides completion, `c` (only
 * starts with no exclusion in their window) gives the level of units that did not complete.
 *
 * `starts`: keep every step's true latest start, for the time to convert (sequential-details.ts).
 * Levels alone need it only for the window, so by default step N, and every step without a window,
 * carry nothing.
 */
export function sequentialLevels(shape: ClickHouseJourneyShape, { starts = false } = {}): LevelProgramme {
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
      // f_v, f_s: the previous step's valid and start arrays; f_r: the runs of events that share the
      // same latest valid step-(k-1) event before them (carry-forward.ts).
      const before = (array: string, fallback: string) => latestValidBefore(array, 'f_v', 'f_r', fallback);
      const args = ['b', 'm', 'u', 'pu'];
      const arrays = ['arrayMap((a, v) -> a - v, arrayCumSum(f_v), f_v)', 'f_mk', 'f_us', before('f_us', 'toInt64(0)')];
      // b: how many valid events lie before i (none: no chain to extend).
      const conditions = ['b > 0', stepBit('m', k)];
      if (shape.hasExclusions) {
        // A step-1 event that is itself an exclusion starts after it: its segment is the next one.
        args.push('pg', 'c');
        arrays.push(before(k === 2 ? 'f_xc' : 'f_c', '0'), 'f_c');
        conditions.push('pg = c');
      }
      const carriedStart = before('f_s', 'toInt64(0)');
      if (window !== null) {
        args.push('ps');
        arrays.push(carriedStart);
        conditions.push(`u <= ps + ${window}`);
      }
      const within = shape.withinUs[k];
      if (within !== null && within !== undefined) conditions.push(`u - pu <= ${within.toString()}`);
      const validNow = `arrayMap((${args.join(', ')}) -> toUInt8(${conditions.join(' AND ')}), ${arrays.join(', ')})`;
      const startNow = starts || (window !== null && k < n) ? carriedStart : 'f_us';
      definitions.push([
        state(variant, k),
        `arrayMap((f_v, f_s) -> arrayMap(f_r -> (${validNow}, ${startNow}), [${latestValidRuns('f_v', 'f_idx', 'f_n')}])[1],
          [tupleElement(${state(variant, k - 1)}, 1)], [tupleElement(${state(variant, k - 1)}, 2)])[1]`,
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
