import type { StepConfig } from '../../../config/index.ts';
import { anyOrderLevels } from './any-order-levels.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';
import { ATTEMPT_LEVELS, type DetailsProgramme, LEVEL } from './unit-arrays.ts';

/**
 * The journey units of an any-order journey, as reports/funnel/any-order.ts gives them: the best
 * counted attempt (highest level, then earliest start) is the first event whose attempt has the unit's
 * level. Its reached times are its start alone; its last step is the last step event of its frame (up
 * to the window's end and the next exclusion, which still counts); the time to convert runs from the
 * start to that event, found in one pass over the events with the start as a scalar (linear).
 */
export function anyOrderDetails(shape: ClickHouseJourneyShape, steps: readonly StepConfig[]): DetailsProgramme {
  const { definitions, level } = anyOrderLevels(shape, steps);
  const inFrame = ['m != 0', 'i >= f_best'];
  const details: [string, string][] = [
    ['f_best', `indexOf(${ATTEMPT_LEVELS}, ${LEVEL})`],
    ['f_start', 'arrayElement(f_us, f_best)'],
  ];
  if (shape.hasExclusions) {
    // The next exclusion after the start (0: none): the frame ends there.
    details.push(['f_next_x', 'arrayFirstIndex((i, x) -> i > f_best AND x = 1, f_idx, f_xs)']);
    inFrame.push('(f_next_x = 0 OR i <= f_next_x)');
  }
  if (shape.windowUs !== null) inFrame.push(`u <= f_start + ${shape.windowUs.toString()}`);
  details.push([
    'f_last',
    `arrayReduce('max', arrayMap((i, u, m) -> if(${inFrame.join(' AND ')}, i, 0), f_idx, f_us, f_mk))`,
  ]);
  return {
    definitions,
    level,
    details,
    reached: '[f_start]',
    last: 'f_last',
    convert: 'arrayElement(f_us, f_last) - f_start',
  };
}
