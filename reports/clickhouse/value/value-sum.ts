import { MAX_COUNTED_AMOUNT, VALUE_UNITS } from '../../value/tables.ts';

/**
 * Value sums as reports/value/tables.ts adds them in DuckDB (valueUnitsSql, valueSumSql): amounts
 * as whole millionths (Int64; 0 beyond ±10^12 or not a number), added exactly, divided once at the
 * end, so the same double comes out of either engine whatever order the rows are added in. ClickHouse
 * sums Int64 in Int64 (DuckDB in HUGEINT): equal while a group's value stays within ±9.2·10^12.
 */
export function valueUnits(amount: string): string {
  return `if(abs(${amount}) <= ${MAX_COUNTED_AMOUNT}, toInt64(floor(${amount} * ${VALUE_UNITS} + 0.5)), toInt64(0))`;
}

/** The exact sum of amounts (valueUnits), Float64. */
export function valueSum(amount: string): string {
  return `(sum(${valueUnits(amount)}) / ${VALUE_UNITS})`;
}
