import { sqlBigInt } from '../../store/clickhouse/literal.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { rangeMicros } from './funnel/journey-source.ts';

/**
 * ClickHouse condition for "the event is inside the report range", as reports/session-facts.ts's
 * rangeCondition for DuckDB (`from` inclusive, `to` exclusive), over an epoch-µs column.
 */
export function clickHouseRangeCondition(range: ReportRange, column = 'ts_us'): string {
  const conditions: string[] = [];
  if (range.from !== undefined) conditions.push(`${column} >= ${sqlBigInt(rangeMicros(range.from, 'from'))}`);
  if (range.to !== undefined) conditions.push(`${column} < ${sqlBigInt(rangeMicros(range.to, 'to'))}`);
  return conditions.length === 0 ? '1' : conditions.join(' AND ');
}
