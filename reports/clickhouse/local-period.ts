import { sqlString } from '../../store/clickhouse/literal.ts';

/**
 * The local day, or the Monday starting the local week, of an epoch-microsecond time in `timezone`,
 * as YYYY-MM-DD text: what DuckDB's `strftime(date_trunc(granularity, timezone(tz,
 * to_timestamp(us / 1e6))), '%Y-%m-%d')` gives (its week starts on Monday too). Whole seconds are
 * enough: every local midnight falls on a whole second (on a quarter hour, in every zone in use).
 * Checked against DuckDB for every quarter hour of 2020–2030 in zones with DST and with :30 and :45
 * offsets (tests/integration/clickhouse-report-segments.test.ts).
 */
export function localPeriodSql(micros: string, timezone: string, granularity: 'day' | 'week'): string {
  const time = `toDateTime(intDiv(${micros}, 1000000))`;
  const day =
    granularity === 'week' ? `toMonday(${time}, ${sqlString(timezone)})` : `toDate(${time}, ${sqlString(timezone)})`;
  return `toString(${day})`;
}
