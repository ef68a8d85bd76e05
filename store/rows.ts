import type { PlainRow, PlainValue } from './values.ts';

/**
 * The type a query promises for each column it selects. `?` allows null. `integer` must be a whole
 * number; dates arrive as ISO strings (see values.ts). `integer[]` is a list of whole numbers, which
 * arrives as JSON text (values.ts) and is decoded here, so no caller parses it by hand.
 */
export type ColumnType =
  | 'integer'
  | 'number'
  | 'string'
  | 'boolean'
  | 'integer?'
  | 'number?'
  | 'string?'
  | 'boolean?'
  | 'integer[]';
export type RowShape = Readonly<Record<string, ColumnType>>;

type Base<T extends ColumnType> = T extends 'integer[]'
  ? number[]
  : T extends 'integer' | 'number' | 'integer?' | 'number?'
    ? number
    : T extends 'string' | 'string?'
      ? string
      : boolean;
/** The row type a shape describes: `{ units: 'integer', median: 'number?' }` → `{ units: number; median: number | null }`. */
export type RowOf<S extends RowShape> = { [K in keyof S]: S[K] extends `${string}?` ? Base<S[K]> | null : Base<S[K]> };

/** A query's rows did not have the columns or types its shape promised: a bug in the query, never data. */
export class RowShapeError extends Error {
  override name = 'RowShapeError';
}

function matches(value: PlainValue, type: ColumnType): boolean {
  if (value === null) return type.endsWith('?');
  switch (type.replace('?', '')) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    default:
      return typeof value === 'boolean';
  }
}

/** A list column's JSON text as whole numbers, or undefined when it is anything else. */
function integerList(value: PlainValue): number[] | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  return Array.isArray(parsed) && parsed.every((item) => Number.isInteger(item)) ? (parsed as number[]) : undefined;
}

/**
 * Checks every row against the shape and returns them typed. A missing or mistyped column throws,
 * naming the query, the column and what came instead, so a renamed column fails loudly instead of
 * reading as 0. Columns the shape does not name are dropped.
 */
export function decodeRows<S extends RowShape>(rows: readonly PlainRow[], shape: S, query: string): RowOf<S>[] {
  const columns = Object.entries(shape);
  return rows.map((row, index) => {
    const typed: Record<string, PlainValue | number[]> = {};
    for (const [column, type] of columns) {
      if (!(column in row)) {
        throw new RowShapeError(
          `${query}: row ${index + 1} has no column "${column}" (it has ${Object.keys(row).join(', ') || 'none'})`,
        );
      }
      const value = row[column] as PlainValue;
      const decoded = type === 'integer[]' ? integerList(value) : matches(value, type) ? value : undefined;
      if (decoded === undefined) {
        throw new RowShapeError(
          `${query}: column "${column}" of row ${index + 1} is ${JSON.stringify(value)}, not ${type}`,
        );
      }
      typed[column] = decoded;
    }
    return typed as RowOf<S>;
  });
}
