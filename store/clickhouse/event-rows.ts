/**
 * Events as rows of the ClickHouse `events` table (the columns of schema.ts), derived from the one
 * column list (store/event-columns.ts), for the two ways events reach a cluster:
 *
 * - a ClickHouse collector's spool line is the DuckDB collector's line with the arrival number in
 *   front, `{"seq":123…,"id":…}` — the number is made when the event is spooled (arrival-seq.ts), so a
 *   segment shipped twice gives identical rows (eventRowOfLine);
 * - `polku import` numbers a file's events after the cluster's largest seq (clickHouseEventLine).
 *
 * Both write the same values: `time` columns become `<name>_us` (epoch ms × 1000, Int64 µs UTC); props
 * stay as their JSON text (`''` when the event has none: the column is not Nullable, and export turns
 * `''` back into no props), plus `prop_keys` / `prop_values` holding what DuckDB's
 * `json_extract_string(props, '$."key"')` returns, so a step's property filter matches the same events
 * on both backends without JSON functions (18.16 has none). seq is a bigint: at 63 bits it does not
 * fit a JavaScript number.
 *
 * A row is its values (EventRow); insert-event-rows.ts sends them as RowBinary, so the `value` double
 * is stored bit for bit. The JSONEachRow text of a row (eventRowOfLine, clickHouseEventLine) is kept
 * for reading and for tests that insert rows by hand; on 18.16 its floats may arrive one bit off.
 */
import type { StoredEvent } from '../event.ts';
import { EVENT_COLUMNS, type EventColumn } from '../event-columns.ts';
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

/** One `events` row: ClickHouse column name → value, in the table's column order; seq a bigint. */
export type EventRow = Record<string, unknown>;

/** The row for a numbered spool line; SpoolLineError if it is not one. */
export function eventRowValuesOfLine(line: string): EventRow {
  const { seq, row } = checkedLine(line);
  const { id, ...rest } = row;
  return { id, seq: BigInt(seq), ...rest };
}

/** The JSONEachRow row (no trailing newline) for a numbered spool line; SpoolLineError if it is not one. */
export function eventRowOfLine(line: string): string {
  const { seq, row } = checkedLine(line);
  return `{"seq":${seq},${JSON.stringify(row).slice(1)}`;
}

/** A numbered spool line's arrival number (as its digits) and its other columns, checked. */
function checkedLine(line: string): { seq: string; row: Record<string, unknown> } {
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
  return { seq, row };
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
      return checkedPropsColumns(column.name, missing ? null : value);
  }
}

/** The props column of a spool line, checked, as the three ClickHouse values. */
function checkedPropsColumns(name: string, props: unknown): Record<string, unknown> {
  if (props !== null && (typeof props !== 'object' || Array.isArray(props))) {
    throw new SpoolLineError(`"${name}" is not a JSON object`);
  }
  const { props: text, prop_keys, prop_values } = propsColumns(props as StoredEvent['props']);
  return { [name]: text, prop_keys, prop_values };
}

/**
 * What DuckDB's json_extract_string returns for a prop's value: strings as they are, numbers as yyjson
 * writes them (exponents without "+": 1e21), anything else (an imported file's nested value) as its
 * JSON text. Null gives null there, and has no place in an Array(String): callers leave it out.
 */
export function propValueText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return JSON.stringify(value).replace('e+', 'e');
  return JSON.stringify(value);
}

/** The props column's three ClickHouse values; a key whose value is null is in the text only. */
export function propsColumns(props: StoredEvent['props']): {
  props: string;
  prop_keys: string[];
  prop_values: string[];
} {
  if (props === null) return { props: '', prop_keys: [], prop_values: [] };
  const entries = Object.entries(props as Record<string, unknown>).filter(([, value]) => value !== null);
  return {
    props: JSON.stringify(props),
    prop_keys: entries.map(([key]) => key),
    prop_values: entries.map(([, value]) => propValueText(value)),
  };
}

/** The row of a stored event with its arrival number (polku import, tests). */
export function clickHouseEventRow(event: StoredEvent, seq: bigint): EventRow {
  const row: EventRow = {};
  for (const column of EVENT_COLUMNS as readonly EventColumn[]) {
    if (column.kind === 'seq') {
      row[column.name] = seq;
      continue;
    }
    const value = (event as Record<string, unknown>)[column.field as string];
    if (column.kind === 'time') {
      row[`${column.name}_us`] = Math.round(value as number) * 1000;
    } else if (column.kind === 'json') {
      const { props, prop_keys, prop_values } = propsColumns(value as StoredEvent['props']);
      Object.assign(row, { [column.name]: props, prop_keys, prop_values });
    } else {
      row[column.name] = value ?? null;
    }
  }
  return row;
}

/** One JSONEachRow line (with its newline) for `events`. */
export function clickHouseEventLine(event: StoredEvent, seq: bigint): string {
  const parts = Object.entries(clickHouseEventRow(event, seq)).map(
    ([name, value]) => `"${name}":${typeof value === 'bigint' ? value.toString() : JSON.stringify(value)}`,
  );
  return `{${parts.join(',')}}\n`;
}
