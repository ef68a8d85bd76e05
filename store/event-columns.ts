/**
 * The columns of `events`, declared once. The StoredEvent type, the spool line, the spool loader
 * (`read_json`), export and import are all derived from this list, so a new column is one entry
 * here plus a migration that adds it (see migrations.ts; shipped migrations never change).
 */
export interface EventColumn {
  /** The column's name in `events`, in spool lines, in exports and in imported files. */
  readonly name: string;
  /**
   * - `uuid`: text on the wire, a UUID in the database;
   * - `time`: epoch milliseconds on the wire (and in StoredEvent), a UTC `timestamp` in the database;
   * - `seq`: assigned by the store in arrival order, never on the wire;
   * - `json`: a small flat map (props);
   * - `varchar`, `double`: the same on the wire and in the database.
   */
  readonly kind: 'uuid' | 'time' | 'seq' | 'varchar' | 'json' | 'double';
  /** The StoredEvent field that holds the value (every kind but `seq`). */
  readonly field?: string;
  /** Never null (`not null` in the table). */
  readonly required?: boolean;
}

/** In the table's order: every derived statement lists them in this order. */
export const EVENT_COLUMNS = [
  { name: 'id', kind: 'uuid', field: 'id', required: true }, // made by the client, kept across retries
  { name: 'seq', kind: 'seq' }, // arrival order, breaks ties between equal timestamps
  { name: 'ts', kind: 'time', field: 'ts', required: true }, // client time corrected for skew
  { name: 'received_at', kind: 'time', field: 'receivedAt', required: true },
  { name: 'site', kind: 'varchar', field: 'site', required: true },
  { name: 'name', kind: 'varchar', field: 'name', required: true }, // 'pageview' or a custom event name
  { name: 'url', kind: 'varchar', field: 'url' }, // null for events without a page (server events)
  { name: 'path', kind: 'varchar', field: 'path' }, // null for events without a page (server events)
  { name: 'hostname', kind: 'varchar', field: 'hostname' }, // null for events without a page (server events)
  { name: 'referrer', kind: 'varchar', field: 'referrer' },
  { name: 'referrer_host', kind: 'varchar', field: 'referrerHost' },
  { name: 'utm_source', kind: 'varchar', field: 'utmSource' },
  { name: 'utm_medium', kind: 'varchar', field: 'utmMedium' },
  { name: 'utm_campaign', kind: 'varchar', field: 'utmCampaign' },
  { name: 'utm_term', kind: 'varchar', field: 'utmTerm' },
  { name: 'utm_content', kind: 'varchar', field: 'utmContent' },
  { name: 'channel', kind: 'varchar', field: 'channel' },
  { name: 'visitor_id', kind: 'varchar', field: 'visitorId', required: true },
  { name: 'session_id', kind: 'varchar', field: 'sessionId', required: true },
  { name: 'page_id', kind: 'varchar', field: 'pageId' },
  { name: 'device', kind: 'varchar', field: 'device' },
  { name: 'browser', kind: 'varchar', field: 'browser' },
  { name: 'os', kind: 'varchar', field: 'os' },
  { name: 'country', kind: 'varchar', field: 'country' },
  { name: 'props', kind: 'json', field: 'props' },
  { name: 'value', kind: 'double', field: 'value' },
] as const satisfies readonly EventColumn[];

type Column = (typeof EVENT_COLUMNS)[number];
type StoredColumn = Extract<Column, { field: string }>;
type ValueOf<Kind> = Kind extends 'uuid' | 'varchar'
  ? string
  : Kind extends 'time' | 'double'
    ? number
    : Kind extends 'json'
      ? Record<string, string | number | boolean>
      : never;

/** One enriched event as the store writes it: the collector's output, the reports' input. */
export type StoredEvent = {
  [C in StoredColumn as C['field']]: C extends { required: true } ? ValueOf<C['kind']> : ValueOf<C['kind']> | null;
};

/** The columns that travel in spool lines (all but `seq`). */
export const SPOOLED_COLUMNS: readonly StoredColumn[] = EVENT_COLUMNS.filter((c): c is StoredColumn => 'field' in c);

/** The DuckDB type of a column as spool lines and imported files carry it. */
const wireType = (c: EventColumn): string =>
  c.kind === 'uuid' ? 'varchar' : c.kind === 'time' || c.kind === 'seq' ? 'bigint' : c.kind;

/** read_json's `columns` argument for spool lines: every column typed, so nothing is guessed from the data. */
export const SPOOL_READ_COLUMNS = `{ ${SPOOLED_COLUMNS.map((c) => `${c.name}: '${wireType(c)}'`).join(', ')} }`;

/** The select list that turns spool lines into `events` rows; `seq` is `$firstSeq + n - 1`. */
export const SPOOL_LOAD_SELECT = EVENT_COLUMNS.map((c: EventColumn) => {
  if (c.kind === 'seq') return '$firstSeq + n - 1';
  if (c.kind === 'uuid') return `${c.name}::uuid`;
  if (c.kind === 'time') return `make_timestamp(${c.name} * 1000)`;
  return c.name;
}).join(', ');

/**
 * The columns a statement inserts into `events`, named: the table also holds the store's own unit
 * numbers (unit-numbers.ts), which each load fills after its insert.
 */
export const EVENT_INSERT_COLUMNS = `(${EVENT_COLUMNS.map((c: EventColumn) => c.name).join(', ')})`;

/** The export shape, also what `polku import` reads: one row per event, ids as text, times in UTC. */
export const EXPORT_SELECT = EVENT_COLUMNS.filter((c: EventColumn) => c.kind !== 'seq')
  .map((c: EventColumn) => (c.kind === 'uuid' ? `${c.name}::varchar as ${c.name}` : c.name))
  .join(', ');
