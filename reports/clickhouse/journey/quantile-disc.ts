import { sqlNumber } from '../../../store/clickhouse/literal.ts';

/**
 * ClickHouse SQL for DuckDB's `quantile_disc(x, q)` over the aggregated `values` (an expression
 * that aggregates, like `groupArray(seconds)`): the element at 1-based position
 * max(1, n - floor(n - n·q)) of the sorted values, the very formula (in doubles) of DuckDB's discrete
 * interpolator. ClickHouse's quantileExact picks position floor(n·q) + 1 instead (for n = 2, q = 0.5
 * the larger value, DuckDB the smaller), so the values are gathered and indexed here. The sorted
 * array is bound once as a lambda parameter, not pasted twice as an alias would be.
 */
export function quantileDiscSql(values: string, q: number): string {
  const n = 'length(sorted)';
  return `arrayMap(sorted -> sorted[toUInt64(greatest(1, ${n} - floor(${n} - ${n} * ${sqlNumber(q)})))], [arraySort(${values})])[1]`;
}
