import type { ClickHouseJourneyShape } from './journey-source.ts';
import { strictLevels } from './strict-levels.ts';
import { ATTEMPT_LEVELS, type DetailsProgramme, LEVEL } from './unit-arrays.ts';

/**
 * The journey units of a strict journey, as reports/funnel/strict.ts gives them: the best counted
 * attempt (highest level, then earliest start) is the first event whose attempt has the unit's level,
 * and its steps are the events right after it, so its reached times are a slice of the times, its last
 * step is the event level-1 places on, and the time to convert runs from its start to its step N.
 */
export function strictDetails(shape: ClickHouseJourneyShape): DetailsProgramme {
  const n = shape.steps;
  const { definitions, level } = strictLevels(shape);
  return {
    definitions,
    level,
    details: [['f_best', `indexOf(${ATTEMPT_LEVELS}, ${LEVEL})`]],
    reached: `arraySlice(f_us, f_best, ${LEVEL})`,
    last: `f_best + ${LEVEL} - 1`,
    convert: `arrayElement(f_us, f_best + ${n - 1}) - arrayElement(f_us, f_best)`,
  };
}
