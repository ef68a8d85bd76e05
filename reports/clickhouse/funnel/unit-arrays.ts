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
 * What an order's programme gives for the journey units stage (reports/funnel/unit-result.ts): its
 * level programme, then `details` bound after the level (as `f_lv`), and from those the unit's
 * reached times, last step and time to convert. Only read for counted units (f_lv > 0).
 */
export interface DetailsProgramme extends LevelProgramme {
  details: Definition[];
  /** Array(Int64): per step up to f_lv, the time the unit reached it. */
  reached: string;
  /** The index (1..f_n) of the event where the unit last reached its level. */
  last: string;
  /** Int64: start-to-finish time of the unit's first completion, read only when f_lv is the last step. */
  convert: string;
}

/** The name the unit's level is bound to before a DetailsProgramme's `details`. */
export const LEVEL = 'f_lv';

/**
 * Strict and any order: per event, the level of the attempt it starts, 0 when it starts none or the
 * attempt is not counted (the unit's level is their maximum, its best attempt the first at that level).
 */
export const ATTEMPT_LEVELS = 'f_at';

/**
 * The unit's events as parallel arrays in (ts_us, seq) order — time, then arrival order, as the
 * funnel semantics break ties — indexed 1..f_n:
 * - `f_us` time, `f_mk` step mask (bit k-1: matches step k), `f_idx` the index itself;
 * - `f_ev` the events themselves: tuples (ts_us, seq, mask, excluded), with `withSession` also the
 *   session_id (a visitor unit's last step names its session);
 * with exclusions also
 * - `f_xs` 0/1 exclusion, `f_xc` exclusions up to and including the event, `f_c` strictly before it
 *   (the event's segment), `f_xr` the runs that end at each exclusion (carry-forward.ts), and
 *   `f_clean` (0/1): no exclusion follows the event inside the window of an attempt started there
 *   (none at all, without a window).
 */
export function unitArrays(
  shape: ClickHouseJourneyShape,
  mask: string,
  excluded: string,
  { withSession = false } = {},
): Definition[] {
  const session = withSession ? ', session_id' : '';
  const definitions: Definition[] = [
    ['f_ev', `arraySort(groupArray((ts_us, seq, ${mask}, ${excluded}${session})))`],
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
