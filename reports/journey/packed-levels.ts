import type { Store } from '../../store/index.ts';
import { JOURNEY_LIST, JOURNEY_UNITS } from '../funnel/units.ts';

/**
 * Levels of many journeys packed into one BIGINT, LEVEL_BITS per journey (0: not a unit of that
 * journey, or not a row that counts). Journeys share most of their units (a session is a unit of
 * nearly every session journey), so a query that would group or join every (journey, unit) row can
 * group the units once, by their packed levels, and unpack only its small result per journey.
 */
/** A journey has at most 20 steps (config/schema.ts): levels 0..20 fit in 5 bits. */
const LEVEL_BITS = 5;
/** Journeys per BIGINT (its sign bit unused); journey index i is in pack i // JOURNEYS_PER_PACK. */
const JOURNEYS_PER_PACK = Math.floor(63 / LEVEL_BITS);

/** The pack of journey index `index`. */
export function packOf(index: number): number {
  return Math.floor(index / JOURNEYS_PER_PACK);
}

/** SQL: the level of journey index `index` in a `levels` column of its pack. */
export function levelInPack(index: number): string {
  return `((levels >> ${(index % JOURNEYS_PER_PACK) * LEVEL_BITS}) & ${2 ** LEVEL_BITS - 1})`;
}

/** SQL: the pack of the row's journey (group by it beside the unit). */
export const PACK = `journey_index // ${JOURNEYS_PER_PACK}`;

/** SQL: the row's level shifted to its journey's place in its pack. */
const LEVEL_IN_PACK = `level::bigint << ((journey_index % ${JOURNEYS_PER_PACK}) * ${LEVEL_BITS})`;

/** SQL aggregate: the packed levels of a group of rows with `journey_index` and `level` columns. */
export const PACKED_LEVELS = `bit_or(${LEVEL_IN_PACK})`;

/** SQL aggregate: PACKED_LEVELS of the group's rows in pack `pack` only (null when it has none). */
export function packedLevelsOf(pack: number): string {
  return `bit_or(case when ${PACK} = ${pack} then ${LEVEL_IN_PACK} end)`;
}

/** How many packs the report's journeys take (JOURNEY_LIST is filled by then). */
export async function packCount(store: Store): Promise<number> {
  const [row] = await store.rows('journey packs', `select count(*)::integer as journeys from ${JOURNEY_LIST}`, {
    journeys: 'integer',
  });
  return Math.ceil((row?.journeys ?? 0) / JOURNEYS_PER_PACK);
}

/**
 * SQL from-clause item named `alias`: the rows of `source` (with columns `pack` and `levels`), each
 * once per journey of its pack with a level above 0 in it, with that journey's `journey`,
 * `journey_index`, `steps` and `level`.
 */
export function unpackLevels(source: string, alias: string): string {
  return `(select packed.*, j.journey, j.journey_index, j.steps,
      (packed.levels >> ((j.journey_index % ${JOURNEYS_PER_PACK}) * ${LEVEL_BITS})) & ${2 ** LEVEL_BITS - 1} as level
    from ${source} packed join ${JOURNEY_LIST} j on j.journey_index // ${JOURNEYS_PER_PACK} = packed.pack
    where level > 0) ${alias}`;
}

/** A report journey as the packing queries need it. */
export type PackedJourney = { journey_index: number; steps: number; unit_kind: string };

/** The report's journeys (JOURNEY_LIST is filled by then), by journey index. */
export function packedJourneys(store: Store): Promise<PackedJourney[]> {
  return store.rows(
    'journey kinds',
    `select journey_index, steps, unit_kind from ${JOURNEY_LIST} order by journey_index`,
    { journey_index: 'integer', steps: 'integer', unit_kind: 'string' },
  );
}

/**
 * SQL: per unit of kind `unitKind` and pack, the packed levels of its rows in JOURNEY_UNITS that
 * meet `condition` (columns unit, pack, levels; no row for a unit none of whose rows meets it).
 * Grouped per pack by the unit number alone, which DuckDB does in a perfect hash table when the
 * numbers fit (funnel/perfect-hash.ts): a computed pack column among the groups would lose the bounds.
 */
export function unitLevelsSql(journeys: readonly PackedJourney[], unitKind: string, condition = 'true'): string[] {
  const indices = journeys.filter((journey) => journey.unit_kind === unitKind).map((journey) => journey.journey_index);
  return [...new Set(indices.map(packOf))].map(
    (pack) => `select unit, ${pack} as pack, ${PACKED_LEVELS} as levels from ${JOURNEY_UNITS}
      where journey_index in (${indices.filter((index) => packOf(index) === pack).join(', ')}) and ${condition}
      group by unit`,
  );
}
