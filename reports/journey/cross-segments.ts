import type { RowOf, Store } from '../../store/index.ts';
import type { CrossSegments } from '../model.ts';
import { ratio, wilson } from '../stats.ts';
import type { Dimension } from '../unit-dimensions.ts';
import { FALSE_DISCOVERY_RATE, MIN_TESTED_UNITS, worseThanRest } from '../worse-than-rest.ts';
import { SEGMENT_LEVELS } from './segment-levels.ts';

export const CROSS_SEGMENT_SHAPE = {
  journey: 'string',
  first: 'string',
  second: 'string',
  first_value: 'string',
  second_value: 'string',
  started: 'integer',
  converted: 'integer',
} as const;
export type CrossSegmentRow = RowOf<typeof CROSS_SEGMENT_SHAPE>;

/**
 * Started and converted units of every (journey, pair of dimensions, pair of values) with enough
 * started units to be tested, from SEGMENT_LEVELS' two-dimension rows (all journeys and pairs).
 */
export function crossSegmentCounts(store: Store): Promise<CrossSegmentRow[]> {
  return store.rows(
    'cross-segment counts',
    // SEGMENT_LEVELS holds one row per combination (its grouping set has no level), so no grouping here.
    `select journey, dimension as first, second, value as first_value, second_value,
      units::integer as started, converted::integer as converted
    from ${SEGMENT_LEVELS} where second is not null and units >= ${MIN_TESTED_UNITS}
    order by all`,
    CROSS_SEGMENT_SHAPE,
  );
}

/**
 * One journey's combinations that convert significantly worse than the rest of its units
 * (worse-than-rest.ts). `singles`: the journey's breakdown rows (units per step of each
 * one-dimension segment).
 */
export function assembleCrossSegments(
  rows: CrossSegmentRow[],
  singles: readonly { dimension: string; value: string; steps: number[] }[],
  started: number,
  converted: number,
): CrossSegments {
  const single = new Map(singles.map((row) => [`${row.dimension}\u0000${row.value}`, row.steps[0] ?? 0]));
  const sameAs = (dimension: string, value: string, units: number) =>
    single.get(`${dimension}\u0000${value}`) === units;
  // A combination with the same units as one of its values alone (every mobile session landed on
  // /a) is that breakdown's segment, flagged there already.
  const combinations = rows
    .filter(
      (row) => !sameAs(row.first, row.first_value, row.started) && !sameAs(row.second, row.second_value, row.started),
    )
    .map((row) => ({
      dimensions: [row.first as Dimension, row.second as Dimension] as [Dimension, Dimension],
      values: [row.first_value, row.second_value] as [string, string],
      started: row.started,
      converted: row.converted,
      conversion: ratio(row.converted, row.started),
      interval: wilson(row.converted, row.started),
    }));
  const { tested, found } = worseThanRest(combinations, { started, converted }, (combination) =>
    [...combination.dimensions, ...combination.values].join('\u0000'),
  );
  return { tested, minUnits: MIN_TESTED_UNITS, falseDiscoveryRate: FALSE_DISCOVERY_RATE, findings: found };
}
