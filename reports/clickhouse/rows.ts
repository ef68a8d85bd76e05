import type { ClickHouseClient } from '../../store/clickhouse/client.ts';
import { decodeRows, type RowOf, type RowShape } from '../../store/index.ts';
import type { PlainRow, PlainValue } from '../../store/values.ts';

/**
 * Runs a ClickHouse SELECT and checks its rows against `shape`, as Store.rows does for DuckDB, so a
 * metric query gives the very row type its DuckDB original gives. ClickHouse sends 64-bit integers as
 * strings and lists as JSON arrays: those become numbers and the JSON text rows.ts decodes.
 */
export async function clickHouseRows<S extends RowShape>(
  client: ClickHouseClient,
  label: string,
  sql: string,
  shape: S,
  settings: Record<string, string | number> = {},
): Promise<RowOf<S>[]> {
  const rows = await client.query<Record<string, unknown>>(sql, settings);
  return decodeRows(
    rows.map((row) => plainRow(row, shape, label)),
    shape,
    label,
  );
}

function plainRow(row: Record<string, unknown>, shape: RowShape, label: string): PlainRow {
  const plain: PlainRow = {};
  for (const [column, value] of Object.entries(row)) {
    const type = shape[column];
    plain[column] = type === undefined ? null : plainValue(value, type, `${label}: column "${column}"`);
  }
  return plain;
}

function plainValue(value: unknown, type: string, where: string): PlainValue {
  if (type === 'integer[]') return Array.isArray(value) ? JSON.stringify(value.map(Number)) : (value as PlainValue);
  if ((type.startsWith('integer') || type.startsWith('number')) && typeof value === 'string') {
    const number = Number(value);
    if (type.startsWith('integer') && !Number.isSafeInteger(number)) {
      throw new RangeError(`${where} is ${value}, which does not fit a JavaScript number`);
    }
    return number;
  }
  if (type.startsWith('boolean') && typeof value === 'number') return value !== 0;
  return value as PlainValue;
}
