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

/**
 * SQL numbering the events that have no numbers yet (with `fromSeq`, only those with seq ≥ $fromSeq:
 * a load's own rows, found through the seq zone maps instead of a scan of every event). New pairs
 * are numbered on from the largest number given, in order of their first event.
 */
export function numberNewUnitsSql({ fromSeq = false } = {}): string[] {
  const fresh = (no: string, events = '') => `${events}${no} is null${fromSeq ? ` and ${events}seq >= $fromSeq` : ''}`;
  return UNIT_NUMBER_KINDS.flatMap(({ table, id, no }) => [
    `insert into ${table} (site, ${id}, no)
      select site, ${id}, (select coalesce(max(no), 0) from ${table}) + row_number() over (order by first_seq)
      from (select site, ${id}, min(seq) as first_seq from events where ${fresh(no)} group by site, ${id}) n
      anti join ${table} t using (site, ${id})`,
    `update events set ${no} = t.no from ${table} t
      where ${fresh(no, 'events.')} and t.site = events.site and t.${id} = events.${id}`,
  ]);
}

/**
 * Numbers the events that have none yet; with `fromSeq`, only those a load just stored (seq ≥
 * fromSeq). Runs in the caller's transaction. One statement at a time: a parameter binds to one.
 */
export async function numberNewUnits(connection: DuckDBConnection, fromSeq?: number): Promise<void> {
  for (const statement of numberNewUnitsSql({ fromSeq: fromSeq !== undefined }))
    await connection.run(statement, fromSeq === undefined ? {} : { fromSeq });
}

/**
 * SQL forgetting the numbers of sessions and visitors that have no events left (after a purge):
 * an erased visitor's id must not stay behind in a side table.
 */
export const FORGET_ORPHAN_NUMBERS_SQL = UNIT_NUMBER_KINDS.map(
  ({ table, no }) => `delete from ${table} where no not in (select ${no} from events where ${no} is not null);`,
).join('\n');
