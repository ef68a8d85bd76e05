/**
 * A ClickHouse collector's spool line and the `events` row made from it (JSONEachRow, the columns of
 * schema.ts), both derived from the one column list (store/event-columns.ts):
 *
 * - the spool line is the DuckDB collector's line with the arrival number in front:
 *   `{"seq":123…,"id":…}` — the number is made when the event is spooled (arrival-seq.ts), so a
 *   segment shipped twice gives identical rows;
 * - `time` columns become `<name>_us`: epoch ms × 1000, Int64 microseconds UTC;
 * - props stay as their JSON text, plus `prop_keys` / `prop_values` holding, for each key, what
 *   DuckDB's `json_extract_string(props, '$."key"')` returns: strings as they are, numbers and
 *   booleans as JSON text (`1.5`, `true`; DuckDB writes `1e21` where JavaScript writes `1e+21`).
 *
 * seq travels as text: at 63 bits it does not fit a JavaScript number, and JSON.parse would round it.
 */
import { EVENT_COLUMNS, type EventColumn, type StoredEvent } from '../event-columns.ts';
import { eventLine } from '../spool-lines.ts';

/** A spool line that cannot become a row; the writer keeps its segment for an operator. */
export class SpoolLineError extends Error {
  override name = 'SpoolLineError';
}

/** The spool line of one event with its arrival number (ends in "\n"). */
export function numberedEventLine(event: StoredEvent, seq: bigint): string {
  return `{"seq":${seq},${eventLine(event).slice(1)}`;
}

const SEQ_PREFIX = /^\{"seq":(\d{1,19}),/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JSONEachRow row (no trailing newline) for a numbered spool line; SpoolLineError if it is not one. */
export function eventRowOfLine(line: string): string {
  const seq = SEQ_PREFIX.exec(line)?.[1];
  if (seq === undefined) {
    throw new SpoolLineError('the line has no arrival number ("seq"): it was not spooled by a ClickHouse collector');
  }
  let fields: unknown;
  try {
    fields = JSON.parse(line);
  } catch {
    throw new SpoolLineError('the line is not JSON');
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new SpoolLineError('the line is not a JSON object');
  }
  const row: Record<string, unknown> = {};
  for (const column of EVENT_COLUMNS as readonly EventColumn[]) {
    if (column.kind !== 'seq')
      Object.assign(row, columnValues(column, (fields as Record<string, unknown>)[column.name]));
  }
  return `{"seq":${seq},${JSON.stringify(row).slice(1)}`;
}

/** The row for an event as the collector spools it (for tests and importers). */
export function eventRow(event: StoredEvent, seq: bigint): string {
  return eventRowOfLine(numberedEventLine(event, seq));
}

/** One event column's ClickHouse column(s) and value(s). */
function columnValues(column: EventColumn, value: unknown): Record<string, unknown> {
  const missing = value === undefined || value === null;
  if (missing && column.required) throw new SpoolLineError(`"${column.name}" is missing`);
  switch (column.kind) {
    case 'uuid':
      if (typeof value !== 'string' || !UUID.test(value)) throw new SpoolLineError(`"${column.name}" is not a UUID`);
      return { [column.name]: value };
    case 'time':
      if (!Number.isSafeInteger(value) || !Number.isSafeInteger((value as number) * 1000)) {
        throw new SpoolLineError(`"${column.name}" is not whole epoch milliseconds`);
      }
      return { [`${column.name}_us`]: (value as number) * 1000 };
    case 'varchar':
      if (!missing && typeof value !== 'string') throw new SpoolLineError(`"${column.name}" is not text`);
      return { [column.name]: missing ? null : value };
    case 'double':
      if (!missing && typeof value !== 'number') throw new SpoolLineError(`"${column.name}" is not a number`);
      return { [column.name]: missing ? null : value };
    default:
      return propsColumns(column.name, missing ? null : value);
  }
}

/** `props` as JSON text (`{}` when there are none) and its keys and values as DuckDB reads them. */
function propsColumns(name: string, props: unknown): Record<string, unknown> {
  if (props !== null && (typeof props !== 'object' || Array.isArray(props))) {
    throw new SpoolLineError(`"${name}" is not a JSON object`);
  }
  const keys: string[] = [];
  const values: string[] = [];
  for (const [key, value] of Object.entries((props ?? {}) as Record<string, unknown>)) {
    // json_extract_string gives NULL for a JSON null: no value to match, so no entry.
    if (value === null) continue;
    keys.push(key);
    values.push(extractedString(value));
  }
  return { [name]: JSON.stringify(props ?? {}), prop_keys: keys, prop_values: values };
}

/** What DuckDB's json_extract_string returns for a value: a string as it is, anything else as JSON. */
function extractedString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return JSON.stringify(value).replace('e+', 'e');
  return JSON.stringify(value);
}
