import { extname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from './errors.ts';
import { EVENT_COLUMNS, type EventColumn } from './event-columns.ts';
import type { Store } from './store.ts';

export type ImportFormat = 'ndjson' | 'csv' | 'parquet';

export interface ImportResult {
  /** Rows in the file. */
  read: number;
  /** Rows that became new events (ids already stored are skipped: importing twice adds nothing). */
  stored: number;
  /** Rows without a usable id, ts, site, name or url. */
  invalid: number;
}

/** The export shape (see event-columns.ts): every column is read when present; these are required. */
const REQUIRED = ['id', 'ts', 'site', 'name', 'url'] as const;
/** Every column of the export shape: the event columns but `seq`, which the import assigns. */
const IMPORTED = EVENT_COLUMNS.filter((c) => c.kind !== 'seq');

/** A timestamp given as ISO 8601 text or epoch seconds/milliseconds, as UTC. */
const toTimestamp = (column: string) => `case
  when ${column} ~ '^[0-9]+(\\.[0-9]+)?$'
    then make_timestamp((${column}::double * (case when ${column}::double < 1e11 then 1e6 else 1e3 end))::bigint)
  else try_cast(${column} as timestamptz) at time zone 'UTC' end`;

/**
 * What an imported row stores in each column, where it is more than the file's text: ids, times
 * and JSON are parsed, and the path, host, visitor and session are derived when the file has none.
 */
const DERIVED: Record<string, string> = {
  id: 'uid',
  seq: '(select coalesce(max(seq), 0) from events) + row_number() over (order by t, file_row)',
  ts: 't',
  received_at: `coalesce(${toTimestamp('received_at')}, t)`,
  path: "coalesce(path, nullif(regexp_extract(url, '^[a-z]+://[^/?#]+([^?#]*)', 1), ''), '/')",
  hostname: "coalesce(hostname, regexp_extract(url, '^[a-z]+://([^/:?#]+)', 1))",
  visitor_id: 'visitor',
  session_id: "coalesce(session_id, 'import-' || md5(visitor || ':' || session_no::varchar))",
};

/** The select list of the insert, in the table's column order. */
const storedValue = (c: EventColumn): string => {
  const derived = DERIVED[c.name];
  if (derived) return derived;
  if (c.kind === 'json') return `try_cast(${c.name} as json)`;
  if (c.kind === 'double') return `try_cast(${c.name} as double)`;
  if (c.kind === 'time') return toTimestamp(c.name);
  return c.name;
};

export function importFormatOf(file: string): ImportFormat | null {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl' || extension === '.json') return 'ndjson';
  if (extension === '.csv') return 'csv';
  if (extension === '.parquet') return 'parquet';
  return null;
}

const SOURCES: Record<ImportFormat, string> = {
  ndjson: `read_json($file, format = 'newline_delimited')`,
  csv: 'read_csv($file, header = true, all_varchar = true)',
  parquet: 'read_parquet($file)',
};

/**
 * Imports one file of events in the export shape. Visitor and session ids may be given (history
 * from other tools); without a visitor id each event is its own visitor, and without a session id
 * sessions are cut after 30 minutes of inactivity, with ids derived from the data, so a re-import
 * gives the same ids and, by event id, adds nothing.
 */
export async function importEvents(
  store: Store,
  file: string,
  format: ImportFormat,
  /** Called about twice a second with DuckDB's estimate of the running statement, 0–100. */
  onProgress?: (percent: number) => void,
): Promise<ImportResult> {
  return store.exclusive(async (connection) => {
    await connection.run("set TimeZone = 'UTC'");
    // DuckDB tracks a statement's progress only with its progress bar on; it must not print it.
    await connection.run('set enable_progress_bar = true');
    await connection.run('set enable_progress_bar_print = false');
    const poll = onProgress
      ? setInterval(() => {
          const percent = connection.progress.percentage;
          if (percent >= 0) onProgress(Math.round(percent));
        }, 500)
      : null;
    try {
      return await importRows(connection, file, format);
    } finally {
      if (poll) clearInterval(poll);
    }
  });
}

async function importRows(connection: DuckDBConnection, file: string, format: ImportFormat): Promise<ImportResult> {
  const present = await columnsOf(connection, SOURCES[format], file);
  const missing = REQUIRED.filter((column) => !present.has(column));
  if (missing.length > 0) {
    throw new StoreError(
      `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
        `the import reads the export shape (polku export), which needs ${REQUIRED.join(', ')}`,
    );
  }
  // Column names come from the fixed lists above, never from the file.
  const select = IMPORTED.map(({ name }) => asText(name, present.get(name))).join(', ');
  await connection.run(`create or replace temporary table import_rows as select ${select} from ${SOURCES[format]}`, {
    file,
  });
  const result = await connection.run(`
      insert or ignore into events
      with typed as (
        -- rowid is the row's place in the file (the table keeps insertion order): arrival order,
        -- which breaks timestamp ties as it does for collected events.
        select *, rowid as file_row, ${toTimestamp('ts')} as t, try_cast(id as uuid) as uid,
               coalesce(visitor_id, 'import-' || md5(id)) as visitor
        from import_rows
      ), valid as (
        select *, case when t - lag(t) over (partition by visitor order by t, file_row) <= interval 30 minutes
                       then 0 else 1 end as new_session
        from typed
        where uid is not null and t is not null and site is not null and name is not null and url is not null
      ), numbered as (
        select *, sum(new_session) over (partition by visitor order by t, file_row rows unbounded preceding) as session_no
        from valid
      )
      select ${EVENT_COLUMNS.map(storedValue).join(', ')}
      from numbered
      qualify row_number() over (partition by uid order by t, file_row) = 1`);
  const counts = await connection.runAndReadAll(`
      select count(*)::integer as read,
             count(*) filter (where try_cast(id as uuid) is null or ${toTimestamp('ts')} is null
                              or site is null or name is null or url is null)::integer as invalid
      from import_rows`);
  await connection.run('drop table import_rows');
  const row = counts.getRowObjectsJS()[0] ?? {};
  return { read: Number(row.read ?? 0), stored: Number(result.rowsChanged), invalid: Number(row.invalid ?? 0) };
}

/** A column as text; JSON read as a STRUCT or MAP (props from NDJSON) goes back to JSON text. */
function asText(column: string, type: string | undefined): string {
  if (type === undefined) return `null::varchar as ${column}`;
  if (/^(STRUCT|MAP)/.test(type)) return `to_json("${column}")::varchar as ${column}`;
  return `"${column}"::varchar as ${column}`;
}

async function columnsOf(connection: DuckDBConnection, source: string, file: string): Promise<Map<string, string>> {
  try {
    const reader = await connection.runAndReadAll(`describe select * from ${source}`, { file });
    return new Map(reader.getRowObjectsJS().map((row) => [String(row.column_name), String(row.column_type)]));
  } catch (error) {
    throw new StoreError(`${file}: cannot read it: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}
