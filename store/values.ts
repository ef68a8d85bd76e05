import type { JS } from '@duckdb/node-api';

/** A row as reports see it: numbers, strings, booleans and nulls only (dates as ISO strings). */
export type PlainValue = string | number | boolean | null;
export type PlainRow = Record<string, PlainValue>;

/**
 * The single place where DuckDB's JS values become plain JSON-safe values, so no BigInt or Date leaks
 * into reports and no global BigInt.prototype.toJSON patch is needed.
 */
export function toPlainValue(value: JS): PlainValue {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError(`integer ${value} does not fit a JavaScript number; cast it in SQL`);
    }
    return Number(value);
  }
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, (_key, inner) => (typeof inner === 'bigint' ? Number(inner) : inner));
}

export function toPlainRow(row: Record<string, JS>): PlainRow {
  const plain: PlainRow = {};
  for (const [key, value] of Object.entries(row)) plain[key] = toPlainValue(value);
  return plain;
}
