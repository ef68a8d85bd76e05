import type { Store } from '../../store/index.ts';
import type { CampaignDay } from '../model.ts';
import { SqlParams } from '../sql-params.ts';
import { valueSumSql } from '../value/tables.ts';
import { CAMPAIGN_SESSIONS, CAMPAIGN_VALUES } from './campaign-queries.ts';

/**
 * Sessions, visitors and value (of conversion events only, CAMPAIGN_VALUES) per local day of each
 * campaign (inside its period), by the day its sessions started, in one GROUP BY over the campaign
 * sessions computeReport has just built.
 */
export async function campaignDailyTrends(store: Store, timezone: string): Promise<Map<string, CampaignDay[]>> {
  const params = new SqlParams();
  const day = (column: string) =>
    `strftime(timezone(${params.bind(timezone, 'tz')}, timezone('UTC', ${column})), '%Y-%m-%d')`;
  const rows = await store.rows(
    'campaign days',
    `select d.campaign, d.day, d.sessions, d.visitors, coalesce(v.value, 0)::double as value
      from (select campaign, ${day('started_at')} as day,
          count(*)::integer as sessions, count(distinct visitor_id)::integer as visitors
        from ${CAMPAIGN_SESSIONS} group by all) d
      left join (select campaign, ${day('started_at')} as day, ${valueSumSql('amount')} as value
        from ${CAMPAIGN_VALUES} group by all) v using (campaign, day)
      order by d.campaign, d.day`,
    { campaign: 'string', day: 'string', sessions: 'integer', visitors: 'integer', value: 'number' },
    params.values,
  );
  const trends = new Map<string, CampaignDay[]>();
  for (const row of rows) {
    const { campaign, ...day } = row;
    const days = trends.get(campaign) ?? [];
    days.push(day);
    trends.set(campaign, days);
  }
  return trends;
}
