import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Every session and visitor gets a dense integer, written beside its text id on each of its events
 * (`events.session_no`, `events.visitor_no`) when the events are stored. Reports group and join
 * units by these numbers: session ids are 36-character UUIDs and visitor ids 22-character keyed
 * hashes, which DuckDB stores out of line and hashes and compares byte by byte. On 10 M events
 * with such ids the 4-step funnel took 1.45 s by text id and 0.80 s by number (bench/RESULTS.md).
 * A number stands for one (site, id) pair, so it also replaces the site in joins. The tables
 * `session_numbers` and `visitor_numbers` hold the pairs, so a report can show the text id again.
 */
export const UNIT_NUMBER_KINDS = [
  { table: 'session_numbers', id: 'session_id', no: 'session_no' },
  { table: 'visitor_numbers', id: 'visitor_id', no: 'visitor_no' },
] as const;

/** Scratch tables of one numbering, in the connection: the load's pairs, the known ones, the new ones. */
const PAIRS = 'numbering_pairs';
const KNOWN = 'numbering_known';
const FRESH = 'numbering_fresh';

/**
 * SQL numbering the events that have no numbers yet (with `fromSeq`, only those with seq ≥ $fromSeq:
 * a load's own rows, found through the seq zone maps instead of a scan of every event). New pairs
 * are numbered on from the largest number given, in order of their first event.
 *
 * Finding a load's pairs among those stored must not cost a pass over every stored id (a load
 * touches a few thousand; a store holds millions): the number tables keep `h`, a hash of the pair
 * (53 bits, so any reader can take it as a number), which is read alone to find candidate numbers;
 * the text ids are compared only for the candidates, which keeps it exact on a collision.
 */
export function numberNewUnitsSql({ fromSeq = false } = {}): string[] {
  const fresh = (no: string, events = '') => `${events}${no} is null${fromSeq ? ` and ${events}seq >= $fromSeq` : ''}`;
  return UNIT_NUMBER_KINDS.flatMap(({ table, id, no }) => [
    `create or replace temporary table ${PAIRS} as
      select site, ${id}, (hash(site, ${id}) >> 11)::bigint as h, min(seq) as first_seq from events where ${fresh(no)} group by site, ${id}`,
    `create or replace temporary table ${KNOWN} as
      select t.site, t.${id}, t.no from ${table} t semi join ${PAIRS} p using (site, ${id})
      where t.no in (select no from ${table} where h in (select h from ${PAIRS}))`,
    `create or replace temporary table ${FRESH} as
      select p.site, p.${id}, p.h, (select coalesce(max(no), 0) from ${table}) + row_number() over (order by p.first_seq) as no
      from ${PAIRS} p anti join ${KNOWN} k using (site, ${id})`,
    `insert into ${table} (site, ${id}, no, h) select site, ${id}, no, h from ${FRESH}`,
    `update events set ${no} = k.no
      from (select site, ${id}, no from ${KNOWN} union all select site, ${id}, no from ${FRESH}) k
      where ${fresh(no, 'events.')} and k.site = events.site and k.${id} = events.${id}`,
    `drop table ${PAIRS}`,
    `drop table ${KNOWN}`,
    `drop table ${FRESH}`,
  ]);
}

/**
 * Numbers the events that have none yet; with `fromSeq`, only those a load just stored (seq ≥
 * fromSeq). Runs in the caller's transaction. One statement at a time: a parameter binds to one.
 */
export async function numberNewUnits(connection: DuckDBConnection, fromSeq?: number): Promise<void> {
  for (const statement of numberNewUnitsSql({ fromSeq: fromSeq !== undefined }))
    await connection.run(statement, fromSeq === undefined || !statement.includes('$fromSeq') ? {} : { fromSeq });
}

/**
 * SQL forgetting the numbers of sessions and visitors that have no events left (after a purge):
 * an erased visitor's id must not stay behind in a side table.
 */
export const FORGET_ORPHAN_NUMBERS_SQL = UNIT_NUMBER_KINDS.map(
  ({ table, no }) => `delete from ${table} where no not in (select ${no} from events where ${no} is not null);`,
).join('\n');
