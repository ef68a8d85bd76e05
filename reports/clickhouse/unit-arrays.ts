import { earliestFlaggedAfter, earliestFlaggedRuns } from './carry-forward.ts';
import type { ClickHouseJourneyShape } from './journey-source.ts';

/**
 * One named value of the array programme, computed once per unit after its events are grouped; later
 * definitions refer to it by name (unit-levels-sql.ts binds it as a lambda parameter). Names start
 * with `f_` so that none shadows an `events` column or an inner lambda's parameter.
 */
export type Definition = readonly [name: string, expression: string];

/** What an order's programme gives: its definitions (in dependency order) and the unit's level. */
export interface LevelProgramme {
  definitions: Definition[];
  /** 0 when the unit is not counted (no step-1 event, or every attempt discarded by an exclusion). */
  level: string;
}

/**
 * The unit's events as parallel arrays in (ts_us, seq) order — time, then arrival order, as the
 * funnel semantics break ties — indexed 1..f_n:
 * - `f_us` time, `f_mk` step mask (bit k-1: matches step k), `f_idx` the index itself;
 * with exclusions also
 * - `f_xs` 0/1 exclusion, `f_xc` exclusions up to and including the event, `f_c` strictly before it
 *   (the event's segment), `f_xr` the runs that end at each exclusion (carry-forward.ts), and
 *   `f_clean` (0/1): no exclusion follows the event inside the window of an attempt started there
 *   (none at all, without a window).
 */
export function unitArrays(shape: ClickHouseJourneyShape, mask: string, excluded: string): Definition[] {
  const definitions: Definition[] = [
    ['f_ev', `arraySort(groupArray((ts_us, seq, ${mask}, ${excluded})))`],
    ['f_us', 'arrayMap(e -> tupleElement(e, 1), f_ev)'],
    ['f_mk', 'arrayMap(e -> tupleElement(e, 3), f_ev)'],
    ['f_idx', 'arrayEnumerate(f_ev)'],
    ['f_n', 'length(f_ev)'],
  ];
  if (!shape.hasExclusions) return definitions;
  const nextIsOutside = shape.windowUs === null ? '' : ` OR nu > u + ${shape.windowUs.toString()}`;
  return [
    ...definitions,
    ['f_xs', 'arrayMap(e -> tupleElement(e, 4), f_ev)'],
    ['f_xc', 'arrayCumSum(f_xs)'],
    ['f_c', 'arrayMap((a, b) -> a - b, f_xc, f_xs)'],
    ['f_xr', earliestFlaggedRuns('f_xs', 'f_idx', 'f_n')],
    // The next exclusion after each event: is there one (nx), and its time (nu).
    [
      'f_clean',
      `arrayMap((u, nx, nu) -> toUInt8(nx = 0${nextIsOutside}), f_us,
        ${earliestFlaggedAfter('arrayMap(x -> toUInt8(1), f_xs)', 'f_xs', 'f_xr', 'toUInt8(0)')},
        ${earliestFlaggedAfter('f_us', 'f_xs', 'f_xr', 'toInt64(0)')})`,
    ],
  ];
}

/** A single bit of the step mask: `bitAnd(m, 2^(k-1)) != 0`. */
export function stepBit(mask: string, step: number): string {
  return `bitAnd(${mask}, ${2 ** (step - 1)}) != 0`;
}
