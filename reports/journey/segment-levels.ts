import type { Store } from '../../store/index.ts';
import { JOURNEY_LIST } from '../funnel/units.ts';
import { DIMENSIONS, type Dimension, SESSION_LABELS, UNIT_SESSIONS } from '../unit-dimensions.ts';

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
 * Builds SEGMENT_LEVELS in one grouping-sets pass over every counted unit, for the breakdowns and
 * the cross-segment findings alike: a second pass for the combinations took 1.5 times as long as
 * the breakdowns' own on 10 M events. Combinations need no level (only started and converted), which
 * keeps their groups few.
 *
 * The pass groups integers: each distinct value of each dimension gets a code, each session its six
 * codes (1 M sessions against 8 M unit rows on 10 M events), and the units are grouped by their
 * session's codes and named at the end. The 12 grouping sets over the units' strings took 3 to 4
 * times the CPU time. (Grouping sessions by their levels in every journey packed into one integer
 * instead, packed-levels.ts, saved only 10 %: its result had to be unpacked into 10 M rows.)
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
  // A session without a campaign stands for '(none)', or for its visitor unit's touch campaign (as
  // UNIT_DIMENSIONS' campaign, in codes).
  const sessionValue = (name: Dimension, table = '') =>
    name === 'campaign' ? `coalesce(${table}campaign, '(none)')` : `${table}${name}`;
  const code = (name: Dimension, value: string) =>
    `join codes ${name} on ${name}.dimension = '${name}' and ${name}.value is not distinct from ${value}`;
  await store.query(`create or replace temporary table ${SEGMENT_LEVELS} as
    with codes as (${DIMENSIONS.map(
      (name) => `select '${name}' as dimension, value, (row_number() over ())::integer as code
        from (select distinct ${sessionValue(name)} as value from ${SESSION_LABELS})`,
    ).join(' union all ')}),
    session_codes as (select s.session_no, s.campaign is null as no_campaign,
        ${DIMENSIONS.map((name) => `${name}.code as ${name}`).join(', ')}
      from ${SESSION_LABELS} s ${DIMENSIONS.map((name) => code(name, sessionValue(name, 's.'))).join(' ')}),
    unit_codes as (select u.journey_index, u.level, u.steps, ${DIMENSIONS.map((name) =>
      name === 'campaign'
        ? 'case when s.no_campaign and u.touch_campaign is not null then touch.code else s.campaign end as campaign'
        : `s.${name}`,
    ).join(', ')}
      from ${UNIT_SESSIONS} u join session_codes s on s.session_no = u.session_no
      left join codes touch on touch.dimension = 'campaign' and touch.value = u.touch_campaign),
    grouped as (select journey_index,
      ${pick(([first]) => `'${first}'`)} as dimension,
      ${pick(([first]) => `${first}`)} as value,
      ${pick(([, second]) => (second === undefined ? 'null' : `'${second}'`))} as second,
      ${pick(([, second]) => (second === undefined ? 'null' : second))} as second_value,
      level, count(*) as units, count(*) filter (where level = steps) as converted
    from unit_codes
    group by grouping sets (${sets.map((set) => `(journey_index, ${set.join(', ')}${set.length === 1 ? ', level' : ''})`).join(', ')}))
    select j.journey, g.dimension, v.value, g.second, sv.value as second_value, g.level, j.steps, g.units, g.converted
    from grouped g join ${JOURNEY_LIST} j on j.journey_index = g.journey_index
    join codes v on v.dimension = g.dimension and v.code = g.value
    left join codes sv on sv.dimension = g.second and sv.code = g.second_value`);
}
