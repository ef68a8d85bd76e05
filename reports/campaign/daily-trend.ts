import type { Store } from '../../store/index.ts';
import type { CampaignDay } from '../model.ts';
import { SqlParams } from '../sql-params.ts';
import { CAMPAIGN_SESSIONS } from './campaign-queries.ts';

/**
 * Sessions, visitors and value per local day of each campaign (inside its period), in one GROUP BY
 * over the campaign sessions computeReport has just built.
 */
export async function campaignDailyTrends(store: Store, timezone: string): Promise<Map<string, CampaignDay[]>> {
  const params = new SqlParams();
  const rows = await store.rows(
    'campaign days',
    `select campaign, strftime(timezone(${params.bind(timezone, 'tz')}, timezone('UTC', started_at)), '%Y-%m-%d') as day,
        count(*)::integer as sessions, count(distinct visitor_id)::integer as visitors, sum(value)::double as value
      from ${CAMPAIGN_SESSIONS} group by all order by campaign, day`,
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
