import type { CampaignDay } from '../../model.ts';
import { localPeriodSql } from '../local-period.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { valueSum } from '../value/value-sum.ts';
import { campaignSessionCondition, campaignValuesFrom } from './campaign-sessions.ts';

/**
 * reports/campaign/daily-trend.ts's campaignDailyTrends on a ClickHouse report run: sessions,
 * visitors and value per local day of each campaign (inside its period), by the day its sessions
 * started, as the same Map (campaign → days in date order).
 */
export async function clickHouseCampaignDailyTrends(
  run: ClickHouseReportRun,
  timezone: string,
): Promise<Map<string, CampaignDay[]>> {
  // The local date in the report's zone, 'YYYY-MM-DD' as DuckDB's strftime gives it (DST included).
  const day = localPeriodSql('started_us', timezone, 'day');
  const client = run.shards.first;
  const days = await clickHouseRows(
    client,
    'campaign days',
    `SELECT campaign, ${day} AS day, count() AS sessions, uniqExact(visitor_id) AS visitors, 0 AS value
    FROM ${run.distributed('session_facts')} WHERE ${campaignSessionCondition(run)}
    GROUP BY campaign, day ORDER BY campaign, day`,
    { campaign: 'string', day: 'string', sessions: 'integer', visitors: 'integer', value: 'number' },
  );
  const values = await clickHouseRows(
    client,
    'campaign day values',
    `SELECT campaign, ${day} AS day, ${valueSum('amount')} AS value ${campaignValuesFrom(run)} GROUP BY campaign, day`,
    { campaign: 'string', day: 'string', value: 'number' },
  );
  const dayValues = new Map(values.map((row) => [JSON.stringify([row.campaign, row.day]), row.value]));
  const trends = new Map<string, CampaignDay[]>();
  for (const { campaign, ...row } of days) {
    const list = trends.get(campaign) ?? [];
    list.push({ ...row, value: dayValues.get(JSON.stringify([campaign, row.day])) ?? 0 });
    trends.set(campaign, list);
  }
  return trends;
}
