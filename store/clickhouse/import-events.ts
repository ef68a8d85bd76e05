/**
 * Writes imported events to the cluster, with the DuckDB store's rules:
 *
 * - an id already on the cluster, or repeated in the file, is not written again (the first one in the
 *   staged order wins, as DuckDB's `insert or ignore` keeps it), so importing a file twice adds
 *   nothing and the command's "new" count is true. ReplacingMergeTree on the id would collapse a
 *   second copy anyway, but only at merge time, and it would keep the last copy, not the first;
 * - `seq` (arrival order) continues after the cluster's largest: imported events arrive after
 *   everything stored, in the file's row order (`firstSeq + record - 1`), so an export of the
 *   cluster lists them in the order the file did. Ties in time break by file order either way;
 * - inserts go through the Distributed `events` synchronously, so when the command says "imported",
 *   every shard has its rows.
 */
import type { StoredEvent } from '../event.ts';
import type { ClickHouseClient } from './client.ts';
import { clickHouseEventRow, type EventRow } from './event-rows.ts';
import { insertEventRows } from './insert-event-rows.ts';
import { sqlString } from './literal.ts';

/** The id look-up is one IN list of a whole chunk (20,000 ids ≈ 800 KB): above the 256 KiB default. */
const LOOKUP_SETTINGS = { max_query_size: 64 * 1024 * 1024 };

/** The first free arrival number: one past the largest `seq` on the cluster. */
export async function nextSeqOnCluster(first: ClickHouseClient): Promise<bigint> {
  const rows = await first.query<{ top: string }>('SELECT toString(max(seq)) AS top FROM events');
  return BigInt(rows[0]?.top ?? '0') + 1n;
}

/** The ids among `ids` that the cluster already has. */
export async function storedIds(
  first: ClickHouseClient,
  sites: readonly string[],
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await first.query<{ stored: string }>(
    `SELECT DISTINCT toString(id) AS stored FROM events
     WHERE site IN (${sites.map(sqlString).join(', ')}) AND toString(id) IN (${ids.map(sqlString).join(', ')})`,
    LOOKUP_SETTINGS,
  );
  return new Set(rows.map((row) => row.stored));
}

/**
 * A sink for one file's chunks (importers' ImportSink): writes the events that are new and returns
 * their count. `firstSeq` is the arrival number of the file's record 1.
 */
export function clickHouseImportSink(first: ClickHouseClient, firstSeq: bigint) {
  return async (events: readonly StoredEvent[], records: readonly number[]): Promise<number> => {
    const sites = [...new Set(events.map((event) => event.site))];
    const stored = await storedIds(first, sites, [...new Set(events.map((event) => event.id))]);
    const rows: EventRow[] = [];
    for (const [index, event] of events.entries()) {
      if (stored.has(event.id)) continue;
      stored.add(event.id);
      rows.push(clickHouseEventRow(event, firstSeq + BigInt((records[index] as number) - 1)));
    }
    // RowBinary (insert-event-rows.ts): the values are the staged doubles, bit for bit.
    await insertEventRows(first, rows, { insert_distributed_sync: 1 });
    return rows.length;
  };
}
