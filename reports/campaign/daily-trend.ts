import type { Store } from '../../store/index.ts';
import { SqlParams } from '../sql-params.ts';
import { CAMPAIGN_SESSIONS } from './campaign-queries.ts';

export interface CampaignDay {
  /** Local date in the report time zone. */
  day: string;
  sessions: number;
  visitors: number;
  value: number;
}

/**
 * Sessions, visitors and value per local day of each campaign (inside its period), in one GROUP BY.
 * It reads the temporary tables `computeReport` leaves on the store's connection, so it must run
 * right after it on the same store. Kept out of the report model (version 2) until that adds it.
 */
export async function campaignDailyTrends(store: Store, timezone: string): Promise<Map<string, CampaignDay[]>> {
  const params = new SqlParams();
  const rows = await store.query(
    `select campaign, strftime(timezone(${params.bind(timezone, 'tz')}, timezone('UTC', started_at)), '%Y-%m-%d') as day,
        count(*)::integer as sessions, count(distinct visitor_id)::integer as visitors, sum(value)::double as value
      from ${CAMPAIGN_SESSIONS} group by all order by campaign, day`,
    params.values,
  );
  const trends = new Map<string, CampaignDay[]>();
  for (const row of rows) {
    const campaign = String(row.campaign);
    const days = trends.get(campaign) ?? [];
    days.push({
      day: String(row.day),
      sessions: Number(row.sessions),
      visitors: Number(row.visitors),
      value: Number(row.value),
    });
    trends.set(campaign, days);
  }
  return trends;
}
