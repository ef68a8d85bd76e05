import type { Store } from '../../store/index.ts';
import { withPerfectHash } from '../funnel/perfect-hash.ts';
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
 * Builds SEGMENT_LEVELS from every counted unit, for the breakdowns and the cross-segment findings
 * alike. Combinations need no level (only started and converted), which keeps their groups few.
 *
 * It groups integers: each distinct value of each dimension gets a code, each session its six codes
 * (1 M sessions against 8 M unit rows on 10 M events), and the units are grouped by their session's
 * codes and named at the end (grouping the units' strings took 3 to 4 times the CPU time). The units'
 * codes are written to a temporary table first, so that DuckDB knows each column's bounds and groups
 * every set in a perfect hash table (an array indexed by the codes): 12 such aggregates over the 8 M
 * rows took a fifth of one GROUPING SETS pass, which hashes every set (bench/RESULTS.md). A set whose
 * codes need more than PERFECT_HASH_BITS hashes as usual.
 */
export async function computeSegmentLevels(store: Store): Promise<void> {
  const sets: Dimension[][] = [...DIMENSIONS.map((name) => [name]), ...CROSS_DIMENSIONS.map((pair) => [...pair])];
  // A session without a campaign stands for '(none)', or for its visitor unit's touch campaign (as
  // UNIT_DIMENSIONS' campaign, in codes).
  const sessionValue = (name: Dimension, table = '') =>
    name === 'campaign' ? `coalesce(${table}campaign, '(none)')` : `${table}${name}`;
  const code = (name: Dimension, value: string) =>
    `join ${SEGMENT_CODES} ${name} on ${name}.dimension = '${name}' and ${name}.value is not distinct from ${value}`;
  await store.query(
    `create or replace temporary table ${SEGMENT_CODES} as ${DIMENSIONS.map(
      (name) => `select '${name}' as dimension, value, (row_number() over ())::integer as code
      from (select distinct ${sessionValue(name)} as value from ${SESSION_LABELS})`,
    ).join(' union all ')}`,
  );
  // Written to a table so that each code column has statistics (its bounds): DuckDB then groups
  // each set below in a perfect hash table, an array indexed by the codes. Each column in the
  // narrowest integer type its values fit: the table has a row per (journey, unit), and writing 8 M
  // rows of 4-byte integers cost more than all 12 aggregates over them (bench/RESULTS.md).
  const widths = await codeTypes(store);
  await store.query(`create or replace temporary table ${UNIT_CODES} as
    with session_codes as (select s.session_no, s.campaign is null as no_campaign,
        ${DIMENSIONS.map((name) => `${name}.code as ${name}`).join(', ')}
      from ${SESSION_LABELS} s ${DIMENSIONS.map((name) => code(name, sessionValue(name, 's.'))).join(' ')})
    select u.journey_index::${widths.journey} as journey_index, u.level::utinyint as level, u.level = u.steps as converted,
      ${DIMENSIONS.map((name) =>
        name === 'campaign'
          ? `(case when s.no_campaign and u.touch_campaign is not null then touch.code else s.campaign end)::${widths.campaign} as campaign`
          : `s.${name}::${widths[name]} as ${name}`,
      ).join(', ')}
    from ${UNIT_SESSIONS} u join session_codes s on s.session_no = u.session_no
    left join ${SEGMENT_CODES} touch on touch.dimension = 'campaign' and touch.value = u.touch_campaign`);
  const grouped = sets.map(([first, second]) => {
    const columns = ['journey_index', first, ...(second === undefined ? ['level'] : [second])];
    return `select journey_index, '${first}' as dimension, ${first} as value,
        ${second === undefined ? 'null::varchar' : `'${second}'`} as second, ${second ?? 'null::integer'} as second_value,
        ${second === undefined ? 'level' : 'null::integer'} as level, count(*) as units, count(*) filter (where converted) as converted
      from ${UNIT_CODES} group by ${columns.join(', ')}`;
  });
  await withPerfectHash(store, PERFECT_HASH_BITS, () =>
    store.query(`create or replace temporary table ${SEGMENT_LEVELS} as
      select j.journey, g.dimension, v.value, g.second, sv.value as second_value, g.level, j.steps, g.units, g.converted
      from (${grouped.join(' union all ')}) g join ${JOURNEY_LIST} j on j.journey_index = g.journey_index
      join ${SEGMENT_CODES} v on v.dimension = g.dimension and v.code = g.value
      left join ${SEGMENT_CODES} sv on sv.dimension = g.second and sv.code = g.second_value`),
  );
  await store.query(`drop table ${UNIT_CODES}`);
}

const SEGMENT_CODES = 'segment_codes';
const UNIT_CODES = 'segment_unit_codes';
/**
 * Perfect hash tables up to 2^21 slots (about 35 MB per set and thread): the benchmark's campaigns by
 * landing pages per journey need 21 bits (4 + 8 + 9).
 */
const PERFECT_HASH_BITS = 21;

/**
 * The narrowest unsigned integer type for each code column of UNIT_CODES (codes count from 1) and
 * for the journey index (from 0). Levels are at most 20 (config/schema.ts): always UTINYINT.
 */
async function codeTypes(store: Store): Promise<Record<Dimension | 'journey', string>> {
  const rows = await store.rows(
    'segment code widths',
    `select dimension, max(code)::integer as most from ${SEGMENT_CODES} group by dimension
    union all select 'journey', coalesce(max(journey_index), 0)::integer from ${JOURNEY_LIST}`,
    { dimension: 'string', most: 'integer' },
  );
  const most = new Map(rows.map((row) => [row.dimension, row.most]));
  const type = (largest: number) => (largest < 2 ** 8 ? 'utinyint' : largest < 2 ** 16 ? 'usmallint' : 'uinteger');
  return Object.fromEntries(
    [...DIMENSIONS, 'journey' as const].map((name) => [name, type(most.get(name) ?? 0)]),
  ) as Record<Dimension | 'journey', string>;
}
