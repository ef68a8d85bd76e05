import type { RowOf } from '../../store/index.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { clickHouseRangeCondition } from './range-condition.ts';
import { clickHouseRows } from './rows.ts';
import { type ClickHouseReportRun, sitesCondition } from './run-tables.ts';

/** The shape of computeReport's first query (reports/report.ts): events in the range, first and last. */
export const REPORT_SUMMARY_SHAPE = { events: 'integer', first: 'string?', last: 'string?' } as const;
export type ReportSummaryRow = RowOf<typeof REPORT_SUMMARY_SHAPE>;

/**
 * The report summary from the cluster: how many of the report's sites' events lie in the range, and
 * the first and last event's time as the ISO strings DuckDB's timestamps become (store/values.ts:
 * a JavaScript Date's toISOString, so milliseconds, `Z`), null without events.
 */
export async function clickHouseReportSummary(run: ClickHouseReportRun, range: ReportRange): Promise<ReportSummaryRow> {
  // Times as text: an Int64 travels as a string anyway, and BigInt keeps every microsecond.
  const [row] = await clickHouseRows(
    run.shards.first,
    'report summary',
    `SELECT toUInt32(count()) AS events, toString(min(ts_us)) AS first, toString(max(ts_us)) AS last
    FROM events FINAL WHERE ${sitesCondition(run)} AND ${clickHouseRangeCondition(range)}`,
    REPORT_SUMMARY_SHAPE,
  );
  if (row === undefined || row.events === 0) return { events: 0, first: null, last: null };
  return { events: row.events, first: isoOfMicros(row.first), last: isoOfMicros(row.last) };
}

/** Epoch microseconds (as text) to the ISO string a DuckDB timestamp becomes (a Date: whole milliseconds). */
function isoOfMicros(micros: string | null): string | null {
  if (micros === null) return null;
  const us = BigInt(micros);
  // Floor to the millisecond, as the Date DuckDB's driver makes of the timestamp.
  const ms = us >= 0n ? us / 1000n : -((-us + 999n) / 1000n);
  return new Date(Number(ms)).toISOString();
}
