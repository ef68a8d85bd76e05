import type { RowOf, Store } from '../../store/index.ts';
import type { CrossSegments } from '../model.ts';
import { ratio, wilson } from '../stats.ts';
import { type Dimension, UNIT_DIMENSIONS } from '../unit-dimensions.ts';
import { FALSE_DISCOVERY_RATE, MIN_TESTED_UNITS, worseThanRest } from '../worse-than-rest.ts';

/**
 * The pairs of breakdown dimensions whose combinations are tested: how visitors came (channel,
 * campaign) against what they used (device) and where they landed. source_medium is left out: it
 * restates channel and campaign in finer words, and would multiply the tests without new findings.
 */
export const CROSS_DIMENSIONS: readonly (readonly [Dimension, Dimension])[] = [
  ['device', 'channel'],
  ['device', 'campaign'],
  ['device', 'landing_page'],
  ['device', 'country'],
  ['channel', 'landing_page'],
  ['campaign', 'landing_page'],
];

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
 * started units to be tested: one grouping-sets pass over UNIT_DIMENSIONS for all journeys and pairs.
 */
export function crossSegmentCounts(store: Store): Promise<CrossSegmentRow[]> {
  const sets = CROSS_DIMENSIONS.map(([a, b]) => `(journey, ${a}, ${b})`).join(', ');
  const when = (pick: (pair: readonly [Dimension, Dimension]) => Dimension, asValue: boolean) =>
    CROSS_DIMENSIONS.map(
      (pair) =>
        `when grouping(${pair[0]}) = 0 and grouping(${pair[1]}) = 0 then ${asValue ? pick(pair) : `'${pick(pair)}'`}`,
    ).join(' ');
  return store.rows(
    'cross-segment counts',
    `select journey, case ${when(([a]) => a, false)} end as first, case ${when(([, b]) => b, false)} end as second,
      case ${when(([a]) => a, true)} end as first_value, case ${when(([, b]) => b, true)} end as second_value,
      count(*)::integer as started, count(*) filter (where level = steps)::integer as converted
    from ${UNIT_DIMENSIONS}
    group by grouping sets (${sets})
    having count(*) >= ${MIN_TESTED_UNITS}
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
