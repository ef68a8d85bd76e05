import type { DuckDBValue } from '@duckdb/node-api';

/**
 * Bound parameters for one generated query. Every config or user value goes through `bind`, which
 * returns a `$name` placeholder, so no value is ever spliced into SQL text.
 */
export class SqlParams {
  readonly values: Record<string, DuckDBValue> = {};
  #next = 0;

  bind(value: DuckDBValue, hint = 'p'): string {
    const name = `${hint.replace(/[^a-z0-9_]/gi, '_')}_${this.#next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}
