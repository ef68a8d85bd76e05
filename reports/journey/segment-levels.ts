import type { Store } from '../../store/index.ts';
import { JOURNEY_LIST } from '../funnel/units.ts';
import { DIMENSIONS, type Dimension, UNIT_DIMENSIONS } from '../unit-dimensions.ts';

/**
 * Temporary table of segment counts: units per (journey, breakdown value, level) for the breakdowns
 * (`second` null), and units and converted units per (journey, combination of two values) for
 * cross-segments.ts (`level` null). Small: one row per group. Columns: journey, dimension, value,
 * second, second_value, level, steps, units, converted.
 */
export const SEGMENT_LEVELS = 'segment_levels';

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

/**
 * Builds SEGMENT_LEVELS in one grouping-sets pass over UNIT_DIMENSIONS (a view whose joins are most
 * of the cost), for the breakdowns and the cross-segment findings alike: a second pass for the
 * combinations took 1.5 times as long as the breakdowns' own on 10 M events. Combinations need no
 * level (only started and converted), which keeps their groups few.
 */
export async function computeSegmentLevels(store: Store): Promise<void> {
  const sets: Dimension[][] = [...DIMENSIONS.map((name) => [name]), ...CROSS_DIMENSIONS.map((pair) => [...pair])];
  // GROUPING(all dimensions) has a 1 bit for each dimension a set leaves out, the first one highest.
  const mask = (set: Dimension[]) =>
    DIMENSIONS.reduce(
      (bits, name, index) => (set.includes(name) ? bits : bits | (1 << (DIMENSIONS.length - 1 - index))),
      0,
    );
  const pick = (column: (set: Dimension[]) => string) =>
    `case grouping(${DIMENSIONS.join(', ')}) ${sets.map((set) => `when ${mask(set)} then ${column(set)}`).join(' ')} end`;
  // Grouped by the journey's integer index and named at the end: cheaper than the id in 13 sets.
  await store.query(`create or replace temporary table ${SEGMENT_LEVELS} as
    select j.journey, s.dimension, s.value, s.second, s.second_value, s.level, j.steps, s.units, s.converted
    from (select journey_index,
      ${pick(([first]) => `'${first}'`)} as dimension,
      ${pick(([first]) => `${first}`)} as value,
      ${pick(([, second]) => (second === undefined ? 'null' : `'${second}'`))} as second,
      ${pick(([, second]) => (second === undefined ? 'null' : second))} as second_value,
      level, count(*) as units, count(*) filter (where level = steps) as converted
    from ${UNIT_DIMENSIONS}
    group by grouping sets (${sets.map((set) => `(journey_index, ${set.join(', ')}${set.length === 1 ? ', level' : ''})`).join(', ')})
    ) s join ${JOURNEY_LIST} j on j.journey_index = s.journey_index`);
}
