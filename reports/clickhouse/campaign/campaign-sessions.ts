/**
 * The campaign sessions and campaign values of reports/campaign/campaign-queries.ts
 * (CAMPAIGN_SESSIONS, CAMPAIGN_VALUES) as SQL over a ClickHouse report run, for the campaign metric
 * queries to aggregate on the shards.
 *
 * 18.16 allows one JOIN per SELECT, and a query over a Distributed table keeps its per-shard work
 * only in the SELECT that names that table. So the two small replicated tables (campaign periods,
 * campaign value rules: one row per campaign) are read as arrays by scalar subqueries over their
 * local copies and looked up per session, and the one JOIN is left for the per-unit conversion
 * values, which each shard joins against its own sessions (`_local`: a visitor's sessions and events
 * live on one shard).
 *
 * Two 18.16 faults shape the lookups: a column used only inside a lambda is "unknown", and the
 * initiator writes `tuple.N[i]` of a scalar subquery's result in a form the shards cannot parse. So
 * each scalar subquery gives one plain array, every array sorted by campaign (aligned with each other),
 * and a session finds its campaign's place with indexOf (0: not there; arrayElement(…, 0) is 0 or '').
 */
import type { ClickHouseReportRun } from '../run-tables.ts';

/** One column of a replicated per-campaign table as an array, in campaign order. */
function byCampaign(table: string, expression: string): string {
  return `(SELECT arraySort((value, campaign) -> campaign, groupArray(${expression}), groupArray(campaign)) FROM ${table})`;
}

/**
 * "`time` lies inside the period of the campaign `campaign`" (SQL expressions, the campaign not
 * null): a campaign without a configured period, or a bound left open, lets every time in, as
 * DuckDB's left join to campaign_periods does.
 */
export function inCampaignPeriod(run: ClickHouseReportRun, campaign: string, time: string): string {
  const periods = run.local('campaign_periods');
  const at = `indexOf(${byCampaign(periods, 'campaign')}, ${campaign})`;
  // groupArray drops nulls: an open bound is a flag beside a placeholder.
  const bound = (column: string, compare: '>=' | '<') =>
    `(arrayElement(${byCampaign(periods, `isNull(${column})`)}, ${at})
      OR ${time} ${compare} arrayElement(${byCampaign(periods, `ifNull(${column}, 0)`)}, ${at}))`;
  return `(${at} = 0 OR (${bound('starts_us', '>=')} AND ${bound('ends_us', '<')}))`;
}

/** "`campaign` is a configured campaign" (one with a row in campaign_periods, as DuckDB's inner join asks). */
export function isConfiguredCampaign(run: ClickHouseReportRun, campaign: string): string {
  return `has(${byCampaign(run.local('campaign_periods'), 'campaign')}, ${campaign})`;
}

/**
 * "The session's campaign is set and the session started inside that campaign's period" over
 * session_facts columns: CAMPAIGN_SESSIONS.
 */
export function campaignSessionCondition(run: ClickHouseReportRun): string {
  return `(campaign IS NOT NULL AND ${inCampaignPeriod(run, "ifNull(campaign, '')", 'started_us')})`;
}

/**
 * FROM and WHERE of the campaign values (one row per conversion event of a campaign session, by the
 * campaign's value rule): session_facts columns plus the event's `rule` and `amount`. Group by
 * anything of these in the same SELECT (the shards then aggregate their own rows).
 */
export function campaignValuesFrom(run: ClickHouseReportRun): string {
  const rules = run.local('campaign_value_rules');
  const ruleOfCampaign = `arrayElement(${byCampaign(rules, 'rule')}, indexOf(${byCampaign(rules, 'campaign')}, ifNull(campaign, '')))`;
  return `FROM ${run.distributed('session_facts')}
    ALL INNER JOIN (SELECT session_id, site, rule, amount FROM ${run.local('conversion_values')}
      WHERE rule IN (SELECT rule FROM ${rules})) AS conversions USING (session_id, site)
    WHERE ${campaignSessionCondition(run)} AND rule = ${ruleOfCampaign}`;
}
