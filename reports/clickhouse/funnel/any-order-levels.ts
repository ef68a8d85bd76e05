import type { StepConfig } from '../../../config/index.ts';
import { overlappingStepGroups } from '../../funnel/step-overlap.ts';
import { earliestFlaggedAfter, expandRuns } from './carry-forward.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';
import { ATTEMPT_LEVELS, type Definition, type LevelProgramme } from './unit-arrays.ts';

/**
 * Any order as arrays (reports/funnel/any-order.ts does the same with window frames): every step
 * event i starts an attempt whose frame runs from i to `f_end[i]`, the last event inside the window
 * and no later than the next exclusion (which still counts as a step). The attempt's level is the
 * largest number of steps done by distinct events of the frame, a bipartite matching that Hall's
 * theorem gives as min over step sets T of (|steps| - |T| + events matching some step of T), per
 * group of steps that can share events (step-overlap.ts). Events matching a set are counted in the
 * frame as the difference of two running counts, each read at its position without a look-up
 * (carry-forward.ts), so the cost stays linear in the unit's events. An attempt counts if it completes, or if no
 * exclusion follows its start inside the window; the unit's level is its best counted attempt.
 */
export function anyOrderLevels(shape: ClickHouseJourneyShape, steps: readonly StepConfig[]): LevelProgramme {
  const n = shape.steps;
  const definitions: Definition[] = [];
  const masks: number[] = [];
  const groupLevels = overlappingStepGroups(steps).map((group) => {
    const bounds = [String(group.length)];
    for (let subset = 1; subset < 1 << group.length; subset++) {
      const members = group.filter((_, bit) => subset & (1 << bit));
      masks.push(members.reduce((sum, k) => sum + 2 ** (k - 1), 0));
      bounds.push(`${group.length - members.length} + k${masks.length}`);
    }
    return bounds.reduce((smallest, bound) => `least(${smallest}, ${bound})`);
  });
  // For a set of steps with mask s, `cum` counts the events matching some step of it up to each event;
  // an attempt's frame holds cum(end) - cum(i - 1) of them, where cum(end) is the least of cum at the
  // window's end and cum at the next exclusion (cum never decreases).
  const ends: string[] = [];
  if (shape.windowUs !== null) {
    // cum at the last event no later than u + window, for every i at once: the events and the window
    // ends sorted together (an end after the events of its own time), counting events before each end.
    definitions.push([
      'f_wm',
      `arraySort(arrayConcat(arrayMap((u, m) -> (u, toUInt8(0), m), f_us, f_mk),
        arrayMap(u -> (toInt64(u + ${shape.windowUs.toString()}), toUInt8(1), toUInt32(0)), f_us)))`,
    ]);
    ends.push(`arrayFilter((c, t) -> tupleElement(t, 2) = 1,
      arrayCumSum(arrayMap(t -> toUInt64(tupleElement(t, 2) = 0 AND bitAnd(tupleElement(t, 3), s) != 0), f_wm)), f_wm)`);
  }
  if (shape.hasExclusions) ends.push(earliestFlaggedAfter('cum', 'f_xs', 'f_xr', 'arrayElement(cum, f_n)'));
  const end =
    ends.length === 2
      ? `arrayMap((a, b) -> least(a, b), ${ends[0]}, ${ends[1]})`
      : (ends[0] ?? expandRuns('[arrayElement(cum, f_n)]', '[toUInt64(f_n)]'));
  const previous = 'arrayPushFront(arrayPopBack(cum), toUInt64(0))';
  definitions.push([
    'f_counts',
    `arrayMap(s -> arrayMap(cum -> arrayMap((e, p) -> e - p, ${end}, ${previous}),
      [arrayCumSum(arrayMap(m -> toUInt64(bitAnd(m, s) != 0), f_mk))])[1], [${masks.join(', ')}])`,
  ]);
  const args = ['m', ...masks.map((_, index) => `k${index + 1}`)];
  const arrays = ['f_mk', ...masks.map((_, index) => `f_counts[${index + 1}]`)];
  const attemptLevel = `(${groupLevels.join(' + ')})`;
  let counts = '1';
  if (shape.hasExclusions) {
    args.push('clean');
    arrays.push('f_clean');
    counts = `(${attemptLevel} = ${n} OR clean = 1)`;
  }
  const attempt = `if(m != 0 AND ${counts}, ${attemptLevel}, 0)`;
  definitions.push([ATTEMPT_LEVELS, `arrayMap((${args.join(', ')}) -> ${attempt}, ${arrays.join(', ')})`]);
  return { definitions, level: `arrayReduce('max', ${ATTEMPT_LEVELS})` };
}
