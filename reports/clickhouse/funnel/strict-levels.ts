import type { ClickHouseJourneyShape } from './journey-source.ts';
import { ATTEMPT_LEVELS, type Definition, type LevelProgramme, stepBit } from './unit-arrays.ts';

/**
 * Strict order as arrays (reports/funnel/strict.ts does the same with `lead`): no event of the unit
 * may come between consecutive steps, so the attempt started at event i has its step k at event
 * i+k-1. The arrays shifted by d (rotated, with a bound check for the wrapped end) put event i+d
 * beside event i, so each attempt's level is one lambda over parallel arrays. An attempt counts if it
 * completed with no exclusion among its middle events, or if no exclusion follows its start inside
 * the window; the unit's level is its best counted attempt. Needs every event of the unit.
 */
export function strictLevels(shape: ClickHouseJourneyShape): LevelProgramme {
  const n = shape.steps;
  const window = shape.windowUs === null ? null : shape.windowUs.toString();
  const rotated = (array: string, d: number) =>
    `arrayConcat(arraySlice(${array}, ${d + 1}), arraySlice(${array}, 1, ${d}))`;
  const definitions: Definition[] = [];
  const args = ['i', 'm0', 'u0'];
  const arrays = ['f_idx', 'f_mk', 'f_us'];
  for (let d = 1; d < n; d++) {
    definitions.push([`f_mk${d}`, rotated('f_mk', d)], [`f_us${d}`, rotated('f_us', d)]);
    args.push(`m${d}`, `u${d}`);
    arrays.push(`f_mk${d}`, `f_us${d}`);
    if (shape.hasExclusions && d < n - 1) {
      definitions.push([`f_xs${d}`, rotated('f_xs', d)]);
      args.push(`x${d}`);
      arrays.push(`f_xs${d}`);
    }
  }
  if (shape.hasExclusions) {
    args.push('clean');
    arrays.push('f_clean');
  }
  const link = (k: number) => {
    const d = k - 1;
    const conditions = [`i + ${d} <= f_n`, stepBit(`m${d}`, k)];
    if (window !== null) conditions.push(`u${d} <= u0 + ${window}`);
    const within = shape.withinUs[k];
    if (within !== null && within !== undefined) conditions.push(`u${d} - u${d - 1} <= ${within.toString()}`);
    return `(${conditions.join(' AND ')})`;
  };
  // Level = 1 + the links that hold before the first one that breaks.
  let attemptLevel = String(n);
  for (let k = n; k >= 2; k--) attemptLevel = `if(${link(k)}, ${attemptLevel}, ${k - 1})`;
  const middle = Array.from({ length: Math.max(0, n - 2) }, (_, index) => `x${index + 1} = 1`);
  const counts = shape.hasExclusions
    ? `(${attemptLevel} = ${n}${middle.length === 0 ? '' : ` AND NOT (${middle.join(' OR ')})`} OR clean = 1)`
    : '1';
  const attempt = `if(${stepBit('m0', 1)} AND ${counts}, ${attemptLevel}, 0)`;
  definitions.push([ATTEMPT_LEVELS, `arrayMap((${args.join(', ')}) -> ${attempt}, ${arrays.join(', ')})`]);
  return { definitions, level: `arrayReduce('max', ${ATTEMPT_LEVELS})` };
}
