import type { ClickHouseJourneyShape } from './journey-source.ts';
import { type Definition, type LevelProgramme, stepBit } from './unit-arrays.ts';

/**
 * Sequential order as arrays: the same dynamic programme as reports/funnel/sequential.ts, with the
 * ASOF join replaced by array look-ups. `v{k}[i]` (0/1) says that event i ends a valid chain
 * step 1 < … < step k; `s{k}[i]` is that chain's latest possible step-1 time. Along the events that
 * end a valid chain to step k-1 the latest start never decreases, so event i only needs the latest
 * such event before it (`j{k}[i]`, found by counting the valid events before i with arrayCumSum and
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
  for (const variant of variants) {
    const valid = (k: number) => `f_${variant}v${k}`;
    const start = (k: number) => (k === 1 ? 'f_us' : `f_${variant}s${k}`);
    definitions.push([
      valid(1),
      variant === 'c' && shape.hasExclusions
        ? `arrayMap((m, ok) -> toUInt8(${stepBit('m', 1)} AND ok = 1), f_mk, f_clean)`
        : `arrayMap(m -> toUInt8(${stepBit('m', 1)}), f_mk)`,
    ]);
    for (let k = 2; k <= n; k++) {
      const positions = `f_${variant}p${k}`;
      const latest = `f_${variant}j${k}`;
      definitions.push(
        [positions, `arrayFilter((i, ok) -> ok = 1, f_idx, ${valid(k - 1)})`],
        // Valid events strictly before i: the running count up to i, less i itself.
        [
          latest,
          `arrayMap((a, b) -> if(a > b, ${positions}[a - b], 0), arrayCumSum(${valid(k - 1)}), ${valid(k - 1)})`,
        ],
      );
      const conditions = ['j > 0', stepBit('m', k)];
      const args = ['j', 'm', 'u'];
      const arrays = [latest, 'f_mk', 'f_us'];
      if (shape.hasExclusions) {
        // A step-1 event that is itself an exclusion starts after it: its segment is the next one.
        conditions.push(`${k === 2 ? 'f_xc' : 'f_c'}[j] = c`);
        args.push('c');
        arrays.push('f_c');
      }
      if (window !== null) conditions.push(`u <= ${start(k - 1)}[j] + ${window}`);
      const within = shape.withinUs[k];
      if (within !== null && within !== undefined) conditions.push(`u - f_us[j] <= ${within.toString()}`);
      definitions.push([
        valid(k),
        `arrayMap((${args.join(', ')}) -> toUInt8(${conditions.join(' AND ')}), ${arrays.join(', ')})`,
      ]);
      if (window !== null && k < n) definitions.push([start(k), `arrayMap(j -> ${start(k - 1)}[j], ${latest})`]);
    }
  }
  const furthest = (variant: string) => {
    const cases = Array.from({ length: n }, (_, index) => n - index).flatMap((k) => [
      `has(f_${variant}v${k}, 1)`,
      String(k),
    ]);
    return `multiIf(${cases.join(', ')}, 0)`;
  };
  const level = shape.hasExclusions ? `if(has(f_av${n}, 1), ${n}, ${furthest('c')})` : furthest('c');
  return { definitions, level };
}
