/**
 * `polku export` from the cluster, in exactly the DuckDB export's shape: ClickHouse streams the rows
 * (FINAL: one row per id even before merges), in arrival order, into a local NDJSON file; DuckDB
 * loads that into a scratch database with Polku's own schema, and the DuckDB export (export.ts)
 * writes the file. One writer of the export shape means a cluster's export and a DuckDB file's
 * export of the same events are the same file, Parquet types and JSON spelling included.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_COLUMNS, EVENT_INSERT_COLUMNS, type EventColumn } from '../event-columns.ts';
import { type ExportFormat, exportEvents } from '../export.ts';
import { Store } from '../store.ts';
import type { ClickHouseClient } from './client.ts';
import { sqlString } from './literal.ts';

const COLUMNS = EVENT_COLUMNS as readonly EventColumn[];

/** ClickHouse's select list: ids as text, times as µs integers, props as their text. */
const CLICKHOUSE_SELECT = COLUMNS.map((c) => {
  if (c.kind === 'uuid') return `toString(${c.name}) AS ${c.name}`;
  if (c.kind === 'time') return `${c.name}_us`;
  return c.name;
}).join(', ');

/** read_json's columns for the dump: every one typed, nothing guessed. */
const DUMP_COLUMNS = `{ ${COLUMNS.map((c) => {
  if (c.kind === 'time') return `${c.name}_us: 'bigint'`;
  if (c.kind === 'seq') return `${c.name}: 'ubigint'`;
  if (c.kind === 'uuid' || c.kind === 'json') return `${c.name}: 'varchar'`;
  return `${c.name}: '${c.kind}'`;
}).join(', ')} }`;

/**
 * The dump's columns as `events` rows, in the table's order; '' props (none) become null, and the
 * JSON text is written anew by DuckDB's json() as read_json writes it for collected events (1e21, not
 * 1e+21), so the export's text is the DuckDB file's.
 */
const DUMP_TO_EVENTS = COLUMNS.map((c) => {
  if (c.kind === 'uuid') return `${c.name}::uuid`;
  if (c.kind === 'time') return `make_timestamp(${c.name}_us)`;
  if (c.kind === 'json') return `json(nullif(${c.name}, ''))`;
  return c.name;
}).join(', ');

/** Writes the cluster's events (optionally of one site) to a Parquet or NDJSON file; returns the row count. */
export async function exportClusterEvents(
  first: ClickHouseClient,
  { out, format, site }: { out: string; format: ExportFormat; site?: string | undefined },
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-clickhouse-export-'));
  try {
    const dump = join(dir, 'events.ndjson');
    const where = site === undefined ? '' : `WHERE site = ${sqlString(site)}`;
    await first.queryToFile(`SELECT ${CLICKHOUSE_SELECT} FROM events FINAL ${where} ORDER BY seq, id`, dump, {
      output_format_json_quote_64bit_integers: 0,
    });
    const scratch = await Store.open(join(dir, 'scratch.duckdb'));
    try {
      // An empty dump (no events) has no rows to read, and read_json would refuse it.
      if (statSync(dump).size > 0) {
        await scratch.exclusive((connection) =>
          connection.run(
            // No unit numbers: this scratch file is only exported, never reported on.
            `insert into events ${EVENT_INSERT_COLUMNS} select ${DUMP_TO_EVENTS}
           from read_json($dump, format = 'newline_delimited', columns = ${DUMP_COLUMNS})`,
            { dump },
          ),
        );
      }
      return await exportEvents(scratch, { out, format });
    } finally {
      await scratch.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
