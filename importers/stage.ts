import type { DuckDBConnection } from '@duckdb/node-api';
import { nearest } from '../config/nearest.ts';
import { StoreError } from '../store/index.ts';
import { type ImportFormat, READERS } from './format.ts';
import type { ImportSource, PresentColumns } from './sources/source.ts';

export interface IgnoredColumn {
  column: string;
  /** The nearest column of the source's shape, when one is close enough to be a typo. */
  suggestion: string | undefined;
}

export interface RowProblem {
  /** The row's place in the file, 1-based, in file order. */
  record: number;
  reason: string;
}

export interface Staged {
  /** Rows in the file. */
  read: number;
  /** Rows in `import_rows`, numbered 1… by `ord` in (time, file order). */
  usable: number;
  problems: RowProblem[];
  ignored: IgnoredColumn[];
}

/** A constant of ours as a SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A value from the file inside a message: quoted and cut short (the terminal escapes it later). */
const quoted = (expression: string) =>
  `'"' || (case when length(${expression}) > 60 then left(${expression}, 57) || '...' else ${expression} end) || '"'`;

/**
 * A UUID derived from the source and its id for an event, shaped as a version-5 UUID (SHA-256
 * instead of SHA-1): the same event imported again gets the same id, so the store's primary key
 * makes the re-import add nothing.
 */
const derivedId = (hash: string) =>
  `substr(${hash}, 1, 8) || '-' || substr(${hash}, 9, 4) || '-5' || substr(${hash}, 14, 3) || '-' ||
   substr('89ab', (('0x' || substr(${hash}, 17, 1))::integer % 4) + 1, 1) || substr(${hash}, 18, 3) || '-' ||
   substr(${hash}, 21, 12)`;

function idOf(source: ImportSource): string {
  const given = 'lower(try_cast(trim(id_key) as uuid)::varchar)';
  if (source.ids === 'uuid') return given;
  if (source.ids === 'derive') return derivedId('id_hash');
  return `coalesce(${given}, ${derivedId('id_hash')})`;
}

function problemOf(source: ImportSource, siteGiven: boolean): string {
  const { labels } = source;
  const cases = [
    `when ts is null and coalesce(trim(ts_text), '') = '' then ${literal(`no time (${labels.ts})`)}`,
    `when ts is null then ${literal(`${labels.ts} `)} || ${quoted('ts_text')} || ' is not a time'`,
    `when ts < timestamp '2000-01-01' or ts >= timestamp '2100-01-01'
       then ${literal(`${labels.ts} `)} || ${quoted('ts_text')} || ' is not between 2000 and 2100'`,
    `when coalesce(trim(name), '') = '' then ${literal(`no event name (${labels.name})`)}`,
    `when coalesce(trim(id_key), '') = '' then ${literal(`no event id (${labels.id})`)}`,
  ];
  if (source.ids === 'uuid') {
    cases.push(`when id is null then ${literal(`${labels.id} `)} || ${quoted('id_key')} || ' is not a UUID'`);
  }
  if (source.needsVisitor) {
    cases.push(`when visitor is null and session is null then ${literal(`no visitor id (${labels.visitor})`)}`);
  }
  if (!siteGiven) {
    cases.push(`when site_key is null then ${literal(`no site (${labels.site}); name one with --site ID`)}`);
  }
  return `case ${cases.join('\n')} end`;
}

/**
 * Reads a file of `source`'s shape with DuckDB into the temporary table `import_rows`: one row per
 * usable event, with the event id, visitor and session settled (sessions the file lacks are cut
 * after 30 minutes of inactivity, with ids derived from the data, so a re-import gives the same ids),
 * numbered by `ord` in time order (file order breaks ties, as arrival order does for collected
 * events). Rows that cannot be used are returned with their reason, never dropped silently.
 */
export async function stageFile(
  connection: DuckDBConnection,
  file: string,
  format: ImportFormat,
  source: ImportSource,
  siteGiven: boolean,
): Promise<Staged> {
  await connection.run("set TimeZone = 'UTC'");
  const reader = READERS[format];
  const present = await columnsOf(connection, reader, file);
  const required = source.required.filter((name) => !(siteGiven && name === source.labels.site));
  const missing = required.filter((name) => !present.has(name));
  if (missing.length > 0) {
    throw new StoreError(
      `${file}: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ` +
        `--from ${source.name} reads ${describe(source)}, which needs ${required.join(', ')}`,
    );
  }
  const known = new Set(source.known);
  const ignored = [...present.keys()]
    .filter((name) => !known.has(name) && !source.knownPrefixes?.some((prefix) => name.startsWith(prefix)))
    .map((column) => ({ column, suggestion: nearest(column, source.known) }));

  // The table keeps insertion order, so rowid is the row's place in the file.
  await connection.run(`create or replace temporary table import_raw as select * from ${reader}`, { file });
  const prefix = source.name === 'polku' ? '' : `${source.name}:`;
  const own = (expression: string) => (prefix === '' ? expression : `${literal(prefix)} || ${expression}`);
  await connection.run(`create or replace temporary table import_checked as
    with staged as (
      select rowid + 1 as record, ${source.select(present)} from import_raw
    ), keyed as (
      select *, sha256(${literal(`polku-import:${source.name}:`)} || coalesce(id_key, '')) as id_hash from staged
    ), identified as (
      select * exclude (id_hash), ${idOf(source)} as id from keyed
    )
    select *, ${problemOf(source, siteGiven)} as problem from identified`);
  await connection.run(`create or replace temporary table import_rows as
    with valid as (
      select * exclude (visitor, session, problem),
             ${own("nullif(session, '')")} as given_session,
             coalesce(${own("nullif(visitor, '')")}, ${own("nullif(session, '')")}, 'import-' || md5(id_key)) as visitor
      from import_checked where problem is null
    ), cut as (
      select *, case when ts - lag(ts) over (partition by visitor order by ts, record) <= interval 30 minutes
                     then 0 else 1 end as new_session
      from valid
    ), numbered as (
      select *, sum(new_session) over (partition by visitor order by ts, record rows unbounded preceding) as session_no
      from cut
    )
    select * exclude (given_session, new_session, session_no),
           coalesce(given_session, ${literal(`${prefix}import-`)} || md5(visitor || ':' || session_no::varchar)) as session,
           row_number() over (order by ts, record) as ord
    from numbered`);
  const counts = await connection.runAndReadAll(
    `select (select count(*) from import_checked)::integer as read, (select count(*) from import_rows)::integer as usable`,
  );
  const problems = await connection.runAndReadAll(
    'select record::integer as record, problem from import_checked where problem is not null order by record',
  );
  await connection.run('drop table import_raw; drop table import_checked');
  const row = counts.getRowObjectsJS()[0] ?? {};
  return {
    read: Number(row.read ?? 0),
    usable: Number(row.usable ?? 0),
    problems: problems.getRowObjectsJS().map((p) => ({ record: Number(p.record), reason: String(p.problem) })),
    ignored,
  };
}

/** The staged rows numbered (from, to], in order, with times as epoch milliseconds. */
export async function stagedRows(
  connection: DuckDBConnection,
  from: number,
  to: number,
): Promise<Record<string, unknown>[]> {
  const reader = await connection.runAndReadAll(
    `select * exclude (ts, received_at), epoch_ms(ts) as ts_ms, epoch_ms(received_at) as received_ms
     from import_rows where ord > $from and ord <= $to order by ord`,
    { from, to },
  );
  return reader.getRowObjectsJS();
}

export async function dropStaged(connection: DuckDBConnection): Promise<void> {
  await connection.run('drop table if exists import_rows');
}

const describe = (source: ImportSource) =>
  source.name === 'polku' ? 'the export shape (polku export)' : `the ${source.name} export`;

async function columnsOf(connection: DuckDBConnection, reader: string, file: string): Promise<PresentColumns> {
  try {
    const result = await connection.runAndReadAll(`describe select * from ${reader}`, { file });
    return new Map(result.getRowObjectsJS().map((row) => [String(row.column_name), String(row.column_type)]));
  } catch (error) {
    throw new StoreError(`${file}: cannot read it: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
}
