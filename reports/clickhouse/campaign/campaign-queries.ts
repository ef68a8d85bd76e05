/**
 * reports/campaign/campaign-queries.ts's metric queries on a ClickHouse report run: the same rows
 * from the run tables session_facts, conversion_values, campaign_value_rules and campaign_periods.
 */
import {
  CAMPAIGN_RANKING_SHAPE,
  CAMPAIGN_TOTALS_SHAPE,
  type CampaignPeriodRow,
  type CampaignRankingRow,
  type CampaignTotalsRow,
  SITE_AVERAGE_SHAPE,
  type SiteAverageRow,
} from '../../campaign/campaign-queries.ts';
import { clickHouseRows } from '../rows.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';
import { valueSum } from '../value/value-sum.ts';
import { campaignSessionCondition, campaignValuesFrom } from './campaign-sessions.ts';

/** Visitors, sessions, bounces, page views and value (of its conversion events only) per campaign. */
export async function clickHouseCampaignTotals(run: ClickHouseReportRun): Promise<CampaignTotalsRow[]> {
  const client = run.shards.first;
  const sessions = await clickHouseRows(
    client,
    'campaign totals',
    // (An aggregate named like the column it reads is refused by 18.16: hence page_views, renamed outside.)
    `SELECT campaign, visitors, sessions, bounces, page_views AS pageviews, 0 AS value
    FROM (SELECT campaign, uniqExact(visitor_id) AS visitors, count() AS sessions,
        countIf(pageviews = 1 AND events = 1) AS bounces, sum(pageviews) AS page_views
      FROM ${run.distributed('session_facts')} WHERE ${campaignSessionCondition(run)} GROUP BY campaign)`,
    CAMPAIGN_TOTALS_SHAPE,
  );
  // Two GROUP BYs merged here rather than a join: each one's partials merge across shards by themselves.
  const values = await campaignValueTotals(run);
  return sessions.map((row) => ({ ...row, value: values.get(row.campaign) ?? 0 }));
}

async function campaignValueTotals(run: ClickHouseReportRun): Promise<Map<string, number>> {
  const rows = await clickHouseRows(
    run.shards.first,
    'campaign value totals',
    `SELECT campaign, ${valueSum('amount')} AS value ${campaignValuesFrom(run)} GROUP BY campaign`,
    { campaign: 'string', value: 'number' },
  );
  return new Map(rows.map((row) => [row.campaign, row.value]));
}

/** The campaign-session columns campaignRankings counts values of, by kind (DuckDB's UNPIVOT names). */
const RANKED = [
  ['landing_page', 'landing_page'],
  ['source', 'source'],
  ['medium', 'medium'],
  ['content', 'content'],
  ['term', 'term'],
  ['variant', 'campaign_raw'],
  ['site', 'toNullable(site)'],
] as const;

/**
 * Sessions per landing page, source, medium, content, term, raw spelling and site of every campaign;
 * like UNPIVOT, a null value has no row.
 */
export function clickHouseCampaignRankings(run: ClickHouseReportRun): Promise<CampaignRankingRow[]> {
  const kinds = `[${RANKED.map(([kind]) => `'${kind}'`).join(', ')}]`;
  const values = `[${RANKED.map(([, column]) => column).join(', ')}]`;
  return clickHouseRows(
    run.shards.first,
    'campaign rankings',
    `SELECT campaign, kind, assumeNotNull(ranked) AS value, count() AS sessions
    FROM ${run.distributed('session_facts')} ARRAY JOIN ${kinds} AS kind, ${values} AS ranked
    WHERE ${campaignSessionCondition(run)} AND ranked IS NOT NULL
    GROUP BY campaign, kind, ranked`,
    CAMPAIGN_RANKING_SHAPE,
  );
}

/** Bounce rate and pages per session of all sessions, per site. */
export function clickHouseSiteAverages(run: ClickHouseReportRun): Promise<SiteAverageRow[]> {
  return clickHouseRows(
    run.shards.first,
    'site averages',
    `SELECT site, sessions, bounces, page_views AS pageviews
    FROM (SELECT site, count() AS sessions, countIf(pageviews = 1 AND events = 1) AS bounces, sum(pageviews) AS page_views
      FROM ${run.distributed('session_facts')} GROUP BY site)`,
    SITE_AVERAGE_SHAPE,
  );
}

/** Each configured campaign's elapsed share of its period; bounds as ISO strings, as DuckDB's timestamps arrive. */
export async function clickHouseCampaignPeriods(run: ClickHouseReportRun): Promise<CampaignPeriodRow[]> {
  const rows = await clickHouseRows(
    run.shards.first,
    'campaign periods',
    `SELECT campaign, starts_us, ends_us, elapsed FROM ${run.local('campaign_periods')}`,
    { campaign: 'string', starts_us: 'integer?', ends_us: 'integer?', elapsed: 'number?' },
  );
  // As @duckdb/node-api makes a Date of a TIMESTAMP: whole milliseconds, truncated (BigInt division).
  const iso = (us: number | null) => (us === null ? null : new Date(Math.trunc(us / 1000)).toISOString());
  return rows.map((row) => ({
    campaign: row.campaign,
    starts_at: iso(row.starts_us),
    ends_at: iso(row.ends_us),
    elapsed: row.elapsed,
  }));
}
