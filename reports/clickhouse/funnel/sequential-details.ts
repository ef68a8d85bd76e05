import { steps } from '../../funnel/unit-result.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';
import { sequentialLevels } from './sequential-levels.ts';
import { type Definition, type DetailsProgramme, LEVEL } from './unit-arrays.ts';

/**
 * The journey units of a sequential journey, as reports/funnel/sequential.ts gives them (and
 * sequential-greedy-units.ts for the units the rules cannot touch, with the same numbers), from the
 * arrays of sequentialLevels: per variant (`c` clean starts, `a` all starts) and step k, the events
 * that end a valid chain to step k (`valid`) and each one's latest start.
 * - reached: per step, the first valid event's time (the events are in time order);
 * - last: the last valid event of the level's step;
 * - convert: the first valid step-N event (by time, then arrival) minus its latest start.
 * A unit takes them from the `a` programme when only that one completed (the level is N although no
 * clean start completes), otherwise from `c`, as DuckDB picks its variant.
 */
export function sequentialDetails(shape: ClickHouseJourneyShape): DetailsProgramme {
  const n = shape.steps;
  const { definitions, level } = sequentialLevels(shape, { starts: true });
  const variants = shape.hasExclusions ? ['c', 'a'] : ['c'];
  const state = (variant: string, k: number) => `f_${variant}${k}`;
  const details: Definition[] = [];
  for (const variant of variants) {
    const valid = (k: number) => `tupleElement(${state(variant, k)}, 1)`;
    details.push(
      [`f_${variant}_first`, `[${steps(n).map((k) => `arrayFilter((u, ok) -> ok = 1, f_us, ${valid(k)})[1]`)}]`],
      [
        `f_${variant}_last`,
        `[${steps(n).map((k) => `arrayReduce('max', arrayMap((i, ok) -> i * ok, f_idx, ${valid(k)}))`)}]`,
      ],
      [
        `f_${variant}_convert`,
        `arrayFilter((d, ok) -> ok = 1, arrayMap((u, s) -> u - s, f_us, tupleElement(${state(variant, n)}, 2)), ${valid(n)})[1]`,
      ],
    );
  }
  // Level N and no clean start completed: only the `a` programme did.
  if (shape.hasExclusions) {
    details.push(['f_from_all', `${LEVEL} = ${n} AND NOT has(tupleElement(${state('c', n)}, 1), 1)`]);
  }
  const either = (name: string) => (shape.hasExclusions ? `if(f_from_all, f_a_${name}, f_c_${name})` : `f_c_${name}`);
  return {
    definitions,
    level,
    details,
    reached: `arraySlice(${either('first')}, 1, ${LEVEL})`,
    last: `arrayElement(${either('last')}, ${LEVEL})`,
    convert: either('convert'),
  };
}
