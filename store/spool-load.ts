import { type DuckDBConnection, listValue } from '@duckdb/node-api';
import { EVENT_INSERT_COLUMNS, SPOOL_LOAD_SELECT, SPOOL_READ_COLUMNS } from './event-columns.ts';
import { numberNewUnits } from './unit-numbers.ts';

const REPLAY_COLUMNS = `{ site: 'varchar', page_id: 'varchar', seq: 'integer', received_at: 'bigint', data: 'varchar' }`;

/**
 * How to read a segment: `strict` fails on any line DuckDB cannot read, so nothing is skipped
 * silently; `lenient` (the fallback after a strict failure) skips such lines as all-null rows.
 */
export type ReadMode = 'strict' | 'lenient';

const readJson = (columns: string, mode: ReadMode) =>
  `read_json($files, format = 'newline_delimited', ignore_errors = ${mode === 'lenient'}, columns = ${columns})`;

/** Lines of event segments that DuckDB cannot read (counted only on the lenient path). */
export async function unreadableEventLines(connection: DuckDBConnection, paths: readonly string[]): Promise<number> {
  const reader = await connection.runAndReadAll(
    `select count(*)::integer as n from ${readJson(SPOOL_READ_COLUMNS, 'lenient')} where id is null or ts is null`,
    { files: listValue([...paths]) },
  );
  return Number(reader.getRowObjectsJS()[0]?.n ?? 0);
}

/**
 * How a load treats event ids that are already stored or repeated within the load: `fail` (the
 * common case: a plain insert, which DuckDB does at about half the cost of `insert or ignore`)
 * throws a constraint error, after which the caller rolls back and loads again with `skip`.
 */
export type Duplicates = 'fail' | 'skip';

/** The constraint error a `fail` load throws when an id is already stored or repeated. */
export function isDuplicateKeyError(error: unknown): boolean {
  return /^Constraint Error: .*duplicate key/i.test((error as Error).message);
}

/**
 * Moves spooled event lines into `events` in one statement; with `skip`, ids already stored (a
 * retried batch, a replayed spool) are skipped. Arrival order continues from `firstSeq` in file
 * order (the caller advances it by the line count), and the new rows get their session and visitor
 * numbers (unit-numbers.ts) in the same transaction. Returns the rows that were new.
 */
export async function loadEventSegments(
  connection: DuckDBConnection,
  paths: readonly string[],
  firstSeq: number,
  mode: ReadMode = 'strict',
  duplicates: Duplicates = 'skip',
): Promise<number> {
  const result = await connection.run(
    `insert ${duplicates === 'skip' ? 'or ignore ' : ''}into events ${EVENT_INSERT_COLUMNS}
     select ${SPOOL_LOAD_SELECT}
     from (
       select *, row_number() over () as n
       from ${readJson(SPOOL_READ_COLUMNS, mode)}
     )
     where id is not null and ts is not null
     ${
       duplicates === 'skip'
         ? // one statement may not insert the same key twice: keep the first arrival of a repeated id
           'qualify row_number() over (partition by id order by n) = 1'
         : ''
     }`,
    { files: listValue([...paths]), firstSeq },
  );
  await numberNewUnits(connection, firstSeq);
  return Number(result.rowsChanged);
}

/** Moves spooled replay chunks into `replay_chunks`; (site, page_id, seq) makes a resend harmless. */
export async function loadReplaySegments(
  connection: DuckDBConnection,
  paths: readonly string[],
  mode: ReadMode = 'strict',
): Promise<number> {
  const result = await connection.run(
    `insert or ignore into replay_chunks
     select site, page_id, seq, make_timestamp(received_at * 1000), from_base64(data)
     from ${readJson(REPLAY_COLUMNS, mode)}
     where site is not null and data is not null
     qualify row_number() over (partition by site, page_id, seq) = 1`,
    { files: listValue([...paths]) },
  );
  return Number(result.rowsChanged);
}
