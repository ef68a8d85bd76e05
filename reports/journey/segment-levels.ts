import type { Store } from '../../store/index.ts';
import { withUnitPerfectHash } from '../funnel/perfect-hash.ts';
import { JOURNEY_LIST } from '../funnel/units.ts';
import { DIMENSIONS, type Dimension, SESSION_LABELS, UNIT_SESSIONS } from '../unit-dimensions.ts';
import { MIN_TESTED_UNITS } from '../worse-than-rest.ts';
import {
  levelInPack,
  PACK,
  PACKED_LEVELS,
  type PackedJourney,
  packedJourneys,
  packOf,
  unitLevelsSql,
} from './packed-levels.ts';

/**
 * Temporary table of segment counts: units per (journey, breakdown value, level) for the breakdowns
 * (`second` null), and units and converted units per (journey, combination of two values) for
 * cross-segments.ts (`level` null), only the combinations with enough units to be tested
 * (MIN_TESTED_UNITS: on 10 M events 0.9 M combinations, most of a few units, were written and never
 * read). Small: one row per group. Columns: journey, dimension, value, second, second_value, level,
 * steps, units, converted.
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
 * It groups integers, and groups sessions rather than (journey, unit) rows. A session is a unit of
 * nearly every session journey, and a visitor unit is described by one session (UNIT_SESSIONS), so
 * each session's levels in every journey are packed into one integer (packed-levels.ts) first:
 * 1.5 M rows instead of 8 M on 10 M events, grouped by session number in a perfect hash table.
 * Each distinct value of each dimension gets a code and each session its six codes. Every set is
 * then counted from those rows (setCountsSql) and named at the end. Writing a row of codes per
 * (journey, unit) and grouping those took 1.9 to 3.5 s on 10 M events; this takes 1.5 to 1.8 s
 * (bench/RESULTS.md).
 */
export async function computeSegmentLevels(store: Store): Promise<void> {
  const sets: (readonly [Dimension] | readonly [Dimension, Dimension])[] = [
    ...DIMENSIONS.map((name) => [name] as const),
    ...CROSS_DIMENSIONS,
  ];
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
  const journeys = await packedJourneys(store);
  await computeSessionLevels(store, journeys);
  // Written to a table so that each code column has statistics (its bounds), in the narrowest
  // integer type its values fit.
  const widths = await codeTypes(store);
  await store.query(`create or replace temporary table ${UNIT_CODES} as
    with session_codes as (select s.session_no, s.campaign is null as no_campaign,
        ${DIMENSIONS.map((name) => `${name}.code as ${name}`).join(', ')}
      from ${SESSION_LABELS} s ${DIMENSIONS.map((name) => code(name, sessionValue(name, 's.'))).join(' ')})
    select p.pack, p.levels,
      ${DIMENSIONS.map((name) =>
        name === 'campaign'
          ? `(case when s.no_campaign and p.touch_code is not null then p.touch_code else s.campaign end)::${widths.campaign} as campaign`
          : `s.${name}::${widths[name]} as ${name}`,
      ).join(', ')}
    from ${SESSION_LEVELS} p join session_codes s on s.session_no = p.session_no`);
  await store.query(`drop table ${SESSION_LEVELS}`);
  const counted = sets.map((columns, index) => setCountsSql(index, columns, journeys));
  const setNames = `(values ${sets
    .map(([first, second], index) => `(${index}, '${first}', ${second === undefined ? 'null' : `'${second}'`})`)
    .join(', ')}) s(set_no, dimension, second)`;
  await store.query(`create or replace temporary table ${SEGMENT_LEVELS} as
    select j.journey, s.dimension, v.value, s.second, sv.value as second_value, g.count.level, j.steps,
      g.count.units, g.count.converted
    from (${counted.join(' union all ')}) g
    join ${JOURNEY_LIST} j on j.journey_index = g.count.journey_index
    join ${setNames} on s.set_no = g.set_no
    join ${SEGMENT_CODES} v on v.dimension = s.dimension and v.code = g.value
    left join ${SEGMENT_CODES} sv on sv.dimension = s.second and sv.code = g.second_value
    where g.count.units >= case when g.set_no < ${DIMENSIONS.length} then 1 else ${MIN_TESTED_UNITS} end`);
  await store.query(`drop table ${UNIT_CODES}`);
}

/**
 * SQL: the counts of grouping set `setNo` over the dimension codes `columns`, one row per (codes,
 * journey, level) in a struct column `count` (journey_index, level, units, converted; rows with no
 * units are dropped by the caller). The sessions are grouped by codes and packed levels first (few
 * distinct ones), then by codes alone with a filtered sum per journey (and level): no row is ever
 * unpacked per journey before grouping. A one-dimension set counts units per level; a combination
 * (two columns) counts started and converted units only.
 */
function setCountsSql(setNo: number, columns: readonly Dimension[], journeys: readonly PackedJourney[]): string {
  const codes = columns.join(', ');
  const sum = (index: number, condition: string) =>
    `coalesce(sum(units) filter (where pack = ${packOf(index)} and ${levelInPack(index)} ${condition}), 0)::bigint`;
  const counts = journeys.flatMap(({ journey_index: index, steps }) =>
    columns.length === 1
      ? Array.from({ length: steps }, (_, offset) => {
          const level = offset + 1;
          const units = sum(index, `= ${level}`);
          return `{journey_index: ${index}, level: ${level}, units: ${units}, converted: ${level === steps ? units : '0::bigint'}}`;
        })
      : [
          `{journey_index: ${index}, level: null::integer, units: ${sum(index, '> 0')}, converted: ${sum(index, `= ${steps}`)}}`,
        ],
  );
  return `select ${setNo} as set_no, ${columns[0]} as value, ${columns[1] ?? 'null'}::integer as second_value,
      unnest([${counts.join(', ')}]) as count
    from (select pack, levels, ${codes}, count(*) as units from ${UNIT_CODES} group by pack, levels, ${codes})
    group by ${codes}`;
}

/**
 * Writes SESSION_LEVELS: per session (UNIT_SESSIONS' `session_no`) and pack, the packed levels of
 * the units it describes, with the touch campaign of its visitor units (null for session units; for
 * visitor units a function of the session, so it splits no session). Session units are grouped by
 * their own number, which DuckDB does in a perfect hash table when the numbers fit (perfect-hash.ts).
 */
async function computeSessionLevels(store: Store, journeys: readonly PackedJourney[]): Promise<void> {
  const sessionParts = unitLevelsSql(journeys, 'session').map(
    (sql) => `select unit as session_no, null::integer as touch_code, pack, levels from (${sql})`,
  );
  const visitorIndices = journeys
    .filter((journey) => journey.unit_kind === 'visitor')
    .map((journey) => journey.journey_index);
  const visitorParts =
    visitorIndices.length === 0
      ? []
      : [
          `select p.session_no, touch.code as touch_code, p.pack, p.levels
        from (select session_no, touch_campaign, ${PACK} as pack, ${PACKED_LEVELS} as levels
          from ${UNIT_SESSIONS} where journey_index in (${visitorIndices.join(', ')})
          group by session_no, touch_campaign, pack) p
        left join ${SEGMENT_CODES} touch on touch.dimension = 'campaign' and touch.value = p.touch_campaign`,
        ];
  const parts = [...sessionParts, ...visitorParts];
  const sql = `create or replace temporary table ${SESSION_LEVELS} as ${
    parts.length === 0
      ? 'select null::bigint as session_no, null::integer as touch_code, 0 as pack, 0::bigint as levels where false'
      : parts.join(' union all ')
  }`;
  await withUnitPerfectHash(store, 'session_no', () => store.query(sql));
}

const SEGMENT_CODES = 'segment_codes';
const UNIT_CODES = 'segment_unit_codes';
const SESSION_LEVELS = 'segment_session_levels';

/** The narrowest unsigned integer type for each code column of UNIT_CODES (codes count from 1). */
async function codeTypes(store: Store): Promise<Record<Dimension, string>> {
  const rows = await store.rows(
    'segment code widths',
    `select dimension, max(code)::integer as most from ${SEGMENT_CODES} group by dimension`,
    { dimension: 'string', most: 'integer' },
  );
  const most = new Map(rows.map((row) => [row.dimension, row.most]));
  const type = (largest: number) => (largest < 2 ** 8 ? 'utinyint' : largest < 2 ** 16 ? 'usmallint' : 'uinteger');
  return Object.fromEntries(DIMENSIONS.map((name) => [name, type(most.get(name) ?? 0)])) as Record<Dimension, string>;
}
