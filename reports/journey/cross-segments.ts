import type { RowOf, Store } from '../../store/index.ts';
import type { CrossSegment, CrossSegments } from '../model.ts';
import { benjaminiHochberg, lowerTailPValue, ratio, wilson } from '../stats.ts';
import { type Dimension, UNIT_DIMENSIONS } from '../unit-dimensions.ts';

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
/** A combination needs this many started units to be tested at all (as a breakdown's segment to be ranked). */
export const CROSS_MIN_UNITS = 30;
/** Benjamini–Hochberg false discovery rate: at most this share of the listed findings are expected to be chance. */
export const CROSS_FALSE_DISCOVERY_RATE = 0.05;
/** Findings listed per journey, strongest evidence first. */
export const CROSS_MAX_FINDINGS = 5;

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
 * Started and converted units of every (journey, pair of dimensions, pair of values) with at least
 * CROSS_MIN_UNITS started units: one grouping-sets pass over UNIT_DIMENSIONS for all journeys and pairs.
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
    having count(*) >= ${CROSS_MIN_UNITS}
    order by all`,
    CROSS_SEGMENT_SHAPE,
  );
}

/**
 * One journey's combinations that convert significantly worse than the rest of its units: each
 * tested one-sided against all the journey's other units, then Benjamini–Hochberg over every
 * combination tested for the journey, so that testing many of them does not turn noise into findings.
 * `singles`: the journey's breakdown rows (units per step of each one-dimension segment).
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
  // /a) is that breakdown's segment, flagged there already; one holding every unit has no rest.
  const tested = rows.filter(
    (row) =>
      row.started < started &&
      !sameAs(row.first, row.first_value, row.started) &&
      !sameAs(row.second, row.second_value, row.started),
  );
  const pValues = tested.map((row) =>
    lowerTailPValue(row.converted, row.started, converted - row.converted, started - row.started),
  );
  const adjusted = benjaminiHochberg(pValues);
  const findings = tested
    .map((row, index): CrossSegment & { p: number } => {
      const restStarted = started - row.started;
      const restConverted = converted - row.converted;
      return {
        dimensions: [row.first as Dimension, row.second as Dimension],
        values: [row.first_value, row.second_value],
        started: row.started,
        converted: row.converted,
        conversion: ratio(row.converted, row.started),
        interval: wilson(row.converted, row.started),
        rest: { started: restStarted, converted: restConverted, conversion: ratio(restConverted, restStarted) },
        pValue: significant(pValues[index] ?? 1),
        adjustedPValue: significant(adjusted[index] ?? 1),
        p: pValues[index] ?? 1,
      };
    })
    .filter((finding) => finding.adjustedPValue <= CROSS_FALSE_DISCOVERY_RATE)
    // Strongest evidence first; the exact p-value (not the rounded one) breaks near-ties, then the names.
    .sort(
      (a, b) =>
        a.p - b.p ||
        a.dimensions.join().localeCompare(b.dimensions.join()) ||
        a.values.join('\u0000').localeCompare(b.values.join('\u0000')),
    )
    .slice(0, CROSS_MAX_FINDINGS)
    .map(({ p: _p, ...finding }) => finding);
  return {
    tested: tested.length,
    minUnits: CROSS_MIN_UNITS,
    falseDiscoveryRate: CROSS_FALSE_DISCOVERY_RATE,
    findings,
  };
}

/** P-values span many orders of magnitude: four significant digits keep them comparable and diffable. */
function significant(p: number): number {
  return Number(p.toPrecision(4));
}
