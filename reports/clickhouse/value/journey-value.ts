import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { valueSum } from './value-sum.ts';

/**
 * reports/value/journey-value.ts's journeyValues on a ClickHouse report run: the value of each
 * journey's last-step events (rule `journey:<id>`), journey id → total.
 */
export async function clickHouseJourneyValues(run: ClickHouseReportRun): Promise<Map<string, number>> {
  const rows = await clickHouseRows(
    run.shards.first,
    'journey values',
    `SELECT substring(rule, 9) AS journey, ${valueSum('amount')} AS total
    FROM ${run.distributed('conversion_values')} WHERE startsWith(rule, 'journey:') GROUP BY rule`,
    { journey: 'string', total: 'number' },
  );
  return new Map(rows.map((row) => [row.journey, row.total]));
}
