/**
 * A stored event as one JSONEachRow line of the ClickHouse `events` table (schema.ts), derived from
 * the one column list like the DuckDB spool line (spool-lines.ts):
 *
 * - times: epoch milliseconds → `<name>_us`, Int64 microseconds (DuckDB keeps timestamps in µs too);
 * - `seq`: given by the caller, written as an integer literal so values past 2^53 stay exact;
 * - props: the JSON text (`''` when the event has none: the column is not Nullable), plus `prop_keys`
 *   and `prop_values` as DuckDB's `json_keys` / `json_extract_string` give them, so a step's property
 *   filter matches the same events on both backends without JSON functions (18.16 has none).
 *
 * Pure and small on purpose: collectors (shipping spool segments) and `polku import` both use it.
 */
import type { StoredEvent } from '../event.ts';
import { EVENT_COLUMNS, type EventColumn } from '../event-columns.ts';

type Props = NonNullable<StoredEvent['props']>;

/** What DuckDB's json_extract_string returns for a scalar: yyjson writes exponents without "+" (1e21). */
export function propValueText(value: Props[string]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value).replace('e+', 'e');
}

/** The props column's three ClickHouse values. */
export function propsColumns(props: StoredEvent['props']): {
  props: string;
  prop_keys: string[];
  prop_values: string[];
} {
  if (props === null) return { props: '', prop_keys: [], prop_values: [] };
  const keys = Object.keys(props);
  return {
    props: JSON.stringify(props),
    prop_keys: keys,
    prop_values: keys.map((key) => propValueText(props[key] as Props[string])),
  };
}

/** One JSONEachRow line (with its newline) for `events`. */
export function clickHouseEventLine(event: StoredEvent, seq: bigint): string {
  const parts: string[] = [];
  for (const column of EVENT_COLUMNS as readonly EventColumn[]) {
    if (column.kind === 'seq') {
      parts.push(`"${column.name}":${seq.toString()}`);
      continue;
    }
    const value = (event as Record<string, unknown>)[column.field as string];
    if (column.kind === 'time') {
      parts.push(`"${column.name}_us":${(Math.round(value as number) * 1000).toFixed(0)}`);
    } else if (column.kind === 'json') {
      const { props, prop_keys, prop_values } = propsColumns(value as StoredEvent['props']);
      parts.push(
        `"${column.name}":${JSON.stringify(props)}`,
        `"prop_keys":${JSON.stringify(prop_keys)}`,
        `"prop_values":${JSON.stringify(prop_values)}`,
      );
    } else {
      parts.push(`"${column.name}":${JSON.stringify(value ?? null)}`);
    }
  }
  return `{${parts.join(',')}}\n`;
}
