import type { PolkuConfig } from '../../config/index.ts';
import type { RowOf, Store } from '../../store/index.ts';
import { SESSION_FACTS } from '../session-facts.ts';
import { SqlParams } from '../sql-params.ts';
import { CAMPAIGN_VALUE_RULES, CONVERSION_VALUES, valueSumSql } from '../value/tables.ts';

/** Temporary table: each configured campaign's period as UTC instants and the share of it elapsed. */
export const CAMPAIGN_PERIODS = 'campaign_periods';
/** Campaign sessions inside their campaign's period (the whole range when it has none). */
export const CAMPAIGN_SESSIONS = `(select s.* from ${SESSION_FACTS} s left join ${CAMPAIGN_PERIODS} p using (campaign)
  where s.campaign is not null and (p.starts_at is null or s.started_at >= p.starts_at)
    and (p.ends_at is null or s.started_at < p.ends_at))`;
/**
 * Each conversion event of a campaign's sessions (inside its period) with its amount, by the
 * campaign's value rule (reports/value/conversion-values.ts): the only value a campaign counts.
 */
export const CAMPAIGN_VALUES = `(select s.campaign, s.session_id, s.visitor_id, s.started_at, c.amount
  from ${CAMPAIGN_SESSIONS} s join ${CAMPAIGN_VALUE_RULES} r on r.campaign = s.campaign
  join ${CONVERSION_VALUES} c on c.session_no = s.session_no and c.rule = r.rule)`;

/** Normalises a campaign name the way the data is normalised: trimmed, lower-cased. */
export function normaliseCampaign(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Builds CAMPAIGN_PERIODS. Period dates are local dates in the report time zone, `to` inclusive.
 * `elapsed` is how much of the period lies before `now` (0..1): the basis of pace. `now` is the
 * newest event in the report's range, so a report of a past range (`--to`) paces campaigns as
 * they stood then, not as they stand when the report happens to be built.
 */
export async function computeCampaignPeriods(store: Store, config: PolkuConfig, now: string | null): Promise<void> {
  const params = new SqlParams();
  const nowSql = now === null ? 'null::timestamp' : `${params.bind(now, 'now')}::timestamptz at time zone 'UTC'`;
  const tz = params.bind(config.report.timezone, 'tz');
  const rows = Object.entries(config.campaigns).map(([name, campaign]) => {
    const from = campaign.from === undefined ? 'null' : `${params.bind(campaign.from, 'from')}::date`;
    const to = campaign.to === undefined ? 'null' : `${params.bind(campaign.to, 'to')}::date + 1`;
    return `(${params.bind(normaliseCampaign(name), 'campaign')}, ${from}, ${to})`;
  });
  const values = rows.length === 0 ? '(null::varchar, null::date, null::date)' : rows.join(', ');
  await store.query(
    `create or replace temporary table ${CAMPAIGN_PERIODS} as
    select campaign, starts_at, ends_at,
      case when starts_at is null or ends_at is null then null
        else greatest(0, least(1, (epoch(${nowSql}) - epoch(starts_at)) / (epoch(ends_at) - epoch(starts_at))))
      end as elapsed
    from (select campaign,
        timezone('UTC', timezone(${tz}, local_from::timestamp)) as starts_at,
        timezone('UTC', timezone(${tz}, local_to::timestamp)) as ends_at
      from (values ${values}) v(campaign, local_from, local_to) where campaign is not null)`,
    params.values,
  );
}

export const CAMPAIGN_TOTALS_SHAPE = {
  campaign: 'string',
  visitors: 'integer',
  sessions: 'integer',
  bounces: 'integer',
  pageviews: 'integer',
  value: 'number',
} as const;
export type CampaignTotalsRow = RowOf<typeof CAMPAIGN_TOTALS_SHAPE>;
/** `kind`: landing_page, source, medium, content, term, variant or site; UNPIVOT drops null values. */
export const CAMPAIGN_RANKING_SHAPE = {
  campaign: 'string',
  kind: 'string',
  value: 'string',
  sessions: 'integer',
} as const;
export type CampaignRankingRow = RowOf<typeof CAMPAIGN_RANKING_SHAPE>;
export const SITE_AVERAGE_SHAPE = {
  site: 'string',
  sessions: 'integer',
  bounces: 'integer',
  pageviews: 'integer',
} as const;
export type SiteAverageRow = RowOf<typeof SITE_AVERAGE_SHAPE>;
/** A campaign without `from` and `to` has no period: null bounds and elapsed share. Bounds are ISO strings. */
export const CAMPAIGN_PERIOD_SHAPE = {
  campaign: 'string',
  starts_at: 'string?',
  ends_at: 'string?',
  elapsed: 'number?',
} as const;
export type CampaignPeriodRow = RowOf<typeof CAMPAIGN_PERIOD_SHAPE>;

/** Visitors, sessions, bounces, page views and value (of its conversion events only) per campaign. */
export function campaignTotals(store: Store): Promise<CampaignTotalsRow[]> {
  return store.rows(
    'campaign totals',
    `select t.campaign, visitors, sessions, bounces, pageviews, coalesce(v.value, 0)::double as value
    from (select campaign, count(distinct visitor_id)::integer as visitors, count(*)::integer as sessions,
        count(*) filter (where pageviews = 1 and events = 1)::integer as bounces, sum(pageviews)::integer as pageviews
      from ${CAMPAIGN_SESSIONS} group by campaign) t
    left join (select campaign, ${valueSumSql('amount')} as value from ${CAMPAIGN_VALUES} group by campaign) v using (campaign)`,
    CAMPAIGN_TOTALS_SHAPE,
  );
}

/**
 * Sessions per landing page, source, medium, content, term, raw spelling and site of every campaign
 * (the site: which sessions make the "site average" of a campaign without a journey).
 */
export function campaignRankings(store: Store): Promise<CampaignRankingRow[]> {
  return store.rows(
    'campaign rankings',
    `select campaign, kind, value, count(*)::integer as sessions
    from (unpivot (select campaign, landing_page, source, medium, content, term, campaign_raw as variant, site
        from ${CAMPAIGN_SESSIONS})
      on landing_page, source, medium, content, term, variant, site into name kind value value)
    group by all`,
    CAMPAIGN_RANKING_SHAPE,
  );
}

/** Bounce rate and pages per session of all sessions, per site: the "site average" campaigns are compared with. */
export function siteAverages(store: Store): Promise<SiteAverageRow[]> {
  return store.rows(
    'site averages',
    `select site, count(*)::integer as sessions,
      count(*) filter (where pageviews = 1 and events = 1)::integer as bounces, sum(pageviews)::integer as pageviews
    from ${SESSION_FACTS} group by site`,
    SITE_AVERAGE_SHAPE,
  );
}

/** Each configured campaign's elapsed share of its period. */
export function campaignPeriods(store: Store): Promise<CampaignPeriodRow[]> {
  return store.rows(
    'campaign periods',
    `select campaign, starts_at, ends_at, elapsed::double as elapsed from ${CAMPAIGN_PERIODS}`,
    CAMPAIGN_PERIOD_SHAPE,
  );
}
