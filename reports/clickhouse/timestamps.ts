/**
 * A time from ClickHouse (Int64 epoch µs, sent as a string or number) as the ISO string DuckDB's
 * timestamps become in report rows (store/values.ts): the node API truncates µs to ms toward zero
 * (`micros / 1000n`) and makes a Date of that.
 */
export function isoOfMicros(micros: string | number | bigint): string {
  return new Date(Number(BigInt(micros) / 1000n)).toISOString();
}
