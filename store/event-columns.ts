import type { StoredEvent } from './event.ts';

/**
 * The columns of `events`, declared once. The spool line, the spool loader (`read_json`), export
 * and import are all derived from this list, so a new column is one entry here plus a migration
 * that adds it (see migrations.ts; shipped migrations never change).
 */
export interface EventColumn {
  /** The column's name in `events`, in spool lines, in exports and in imported files. */
  readonly name: string;
  /**
   * - `uuid`: text on the wire, a UUID in the database;
   * - `time`: epoch milliseconds on the wire (and from StoredEvent), a UTC `timestamp` in the database;
   * - `seq`: assigned by the store in arrival order, never on the wire;
   * - the rest are the DuckDB type on the wire and in the database.
   */
  readonly kind: 'uuid' | 'time' | 'seq' | 'varchar' | 'json' | 'double';
  /** The StoredEvent field the value comes from (every kind but `seq`). */
  readonly field?: keyof StoredEvent;
}

const column = (name: string, kind: EventColumn['kind'], field?: keyof StoredEvent): EventColumn =>
  field ? { name, kind, field } : { name, kind };

/** In the table's order: every derived statement lists them in this order. */
export const EVENT_COLUMNS: readonly EventColumn[] = [
  column('id', 'uuid', 'id'),
  column('seq', 'seq'),
  column('ts', 'time', 'ts'),
  column('received_at', 'time', 'receivedAt'),
  column('site', 'varchar', 'site'),
  column('name', 'varchar', 'name'),
  column('url', 'varchar', 'url'),
  column('path', 'varchar', 'path'),
  column('hostname', 'varchar', 'hostname'),
  column('referrer', 'varchar', 'referrer'),
  column('referrer_host', 'varchar', 'referrerHost'),
  column('utm_source', 'varchar', 'utmSource'),
  column('utm_medium', 'varchar', 'utmMedium'),
  column('utm_campaign', 'varchar', 'utmCampaign'),
  column('utm_term', 'varchar', 'utmTerm'),
  column('utm_content', 'varchar', 'utmContent'),
  column('channel', 'varchar', 'channel'),
  column('visitor_id', 'varchar', 'visitorId'),
  column('session_id', 'varchar', 'sessionId'),
  column('page_id', 'varchar', 'pageId'),
  column('device', 'varchar', 'device'),
  column('browser', 'varchar', 'browser'),
  column('os', 'varchar', 'os'),
  column('country', 'varchar', 'country'),
  column('props', 'json', 'props'),
  column('value', 'double', 'value'),
];

/** The columns that travel in spool lines (all but `seq`), with the StoredEvent field of each. */
export const SPOOLED_COLUMNS = EVENT_COLUMNS.filter(
  (c): c is EventColumn & { field: keyof StoredEvent } => c.field !== undefined,
);

/** The DuckDB type of a column as spool lines and imported files carry it. */
const wireType = (c: EventColumn): string =>
  c.kind === 'uuid' ? 'varchar' : c.kind === 'time' || c.kind === 'seq' ? 'bigint' : c.kind;

/** read_json's `columns` argument for spool lines: every column typed, so nothing is guessed from the data. */
export const SPOOL_READ_COLUMNS = `{ ${SPOOLED_COLUMNS.map((c) => `${c.name}: '${wireType(c)}'`).join(', ')} }`;

/** The select list that turns spool lines into `events` rows; `seq` is `$firstSeq + n - 1`. */
export const SPOOL_LOAD_SELECT = EVENT_COLUMNS.map((c) => {
  if (c.kind === 'seq') return '$firstSeq + n - 1';
  if (c.kind === 'uuid') return `${c.name}::uuid`;
  if (c.kind === 'time') return `make_timestamp(${c.name} * 1000)`;
  return c.name;
}).join(', ');

/** The export shape, also what `polku import` reads: one row per event, ids as text, times in UTC. */
export const EXPORT_SELECT = EVENT_COLUMNS.filter((c) => c.kind !== 'seq')
  .map((c) => (c.kind === 'uuid' ? `${c.name}::varchar as ${c.name}` : c.name))
  .join(', ');
