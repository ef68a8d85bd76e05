import type { StepConfig } from '../../config/index.ts';
import { overlappingStepGroups } from '../funnel/step-overlap.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';
import type { Definition, LevelProgramme } from './unit-arrays.ts';

/**
 * Any order as arrays (reports/funnel/any-order.ts does the same with window frames): every step
 * event i starts an attempt whose frame runs from i to `f_end[i]`, the last event inside the window
 * and no later than the next exclusion (which still counts as a step). The attempt's level is the
 * largest number of steps done by distinct events of the frame, a bipartite matching that Hall's
 * theorem gives as min over step sets T of (|steps| - |T| + events matching some step of T), per
 * group of steps that can share events (step-overlap.ts). Events matching a set are counted in the
 * frame as the difference of two running counts. An attempt counts if it completes, or if no
 * exclusion follows its start inside the window; the unit's level is its best counted attempt.
 */
export function anyOrderLevels(shape: ClickHouseJourneyShape, steps: readonly StepConfig[]): LevelProgramme {
  const n = shape.steps;
  const definitions: Definition[] = [];
  const ends: string[] = [];
  if (shape.windowUs !== null) {
    // The last event no later than u + window, for every i at once: the events and the window ends
    // sorted together (an end after the events of its own time), counting events before each end.
    const window = shape.windowUs.toString();
    definitions.push(
      [
        'f_wm',
        `arraySort(arrayConcat(arrayMap((u, i) -> (u, toUInt8(0), i), f_us, f_idx),
          arrayMap((u, i) -> (toInt64(u + ${window}), toUInt8(1), i), f_us, f_idx)))`,
      ],
      [
        'f_wend',
        `arrayFilter((c, t) -> tupleElement(t, 2) = 1,
          arrayCumSum(arrayMap(t -> toUInt64(tupleElement(t, 2) = 0), f_wm)), f_wm)`,
      ],
    );
    ends.push('f_wend');
  }
  if (shape.hasExclusions) {
    definitions.push([
      'f_xnext',
      'arrayMap(c -> if(c < length(f_xpos), toUInt64(f_xpos[c + 1]), toUInt64(f_n)), f_xc)',
    ]);
    ends.push('f_xnext');
  }
  const args = ['i', 'm'];
  const arrays = ['f_idx', 'f_mk'];
  let end = 'f_n';
  if (ends.length === 2) {
    definitions.push(['f_end', 'arrayMap((a, b) -> least(a, b), f_wend, f_xnext)']);
    args.push('e');
    arrays.push('f_end');
    end = 'e';
  } else if (ends.length === 1) {
    args.push('e');
    arrays.push(ends[0] as string);
    end = 'e';
  }
  // Per set of steps (a subset of a group that can share events), the running count of events
  // matching some step of it: all in one array of arrays, `f_counts[set]`.
  const masks: number[] = [];
  const groupLevels = overlappingStepGroups(steps).map((group) => {
    const bounds = [String(group.length)];
    for (let subset = 1; subset < 1 << group.length; subset++) {
      const members = group.filter((_, bit) => subset & (1 << bit));
      masks.push(members.reduce((sum, k) => sum + 2 ** (k - 1), 0));
      const running = `f_counts[${masks.length}]`;
      bounds.push(`${group.length - members.length} + (${running}[${end}] - ${running}[i - 1])`);
    }
    return bounds.reduce((smallest, bound) => `least(${smallest}, ${bound})`);
  });
  definitions.push([
    'f_counts',
    `arrayMap(s -> arrayCumSum(arrayMap(m -> toUInt64(bitAnd(m, s) != 0), f_mk)), [${masks.join(', ')}])`,
  ]);
  const attemptLevel = `(${groupLevels.join(' + ')})`;
  let counts = '1';
  if (shape.hasExclusions) {
    args.push('clean');
    arrays.push('f_clean');
    counts = `(${attemptLevel} = ${n} OR clean = 1)`;
  }
  const attempt = `if(m != 0 AND ${counts}, ${attemptLevel}, 0)`;
  return {
    definitions,
    level: `arrayReduce('max', arrayMap((${args.join(', ')}) -> ${attempt}, ${arrays.join(', ')}))`,
  };
}
