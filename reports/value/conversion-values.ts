import type { PolkuConfig, RevenueConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { normaliseCampaign } from '../campaign/campaign-queries.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { REPORT_EVENTS } from '../report-events.ts';
import { rangeCondition, SESSION_FACTS } from '../session-facts.ts';
import { SqlParams } from '../sql-params.ts';
import { stepCondition } from '../step-match.ts';
import { CAMPAIGN_VALUE_RULES, CONVERSION_VALUES } from './tables.ts';

export const REVENUE_RULE = 'revenue';
/** Every event that is the last step of some journey, each event once. */
export const JOURNEYS_RULE = 'journeys';
export const journeyRule = (journey: string): string => `journey:${journey}`;

/**
 * Where a campaign's value comes from: the config's `revenue` definition when there is one (for
 * every campaign, configured or seen in the data); else the last step of the journey the campaign
 * drives; else, for a campaign that drives none, the last step of any journey (each event once);
 * without journeys, nowhere (no value: the page says so rather than showing 0 as a result).
 */
export function campaignValueSource(
  config: PolkuConfig,
  campaign: PolkuConfig['campaigns'][string] | undefined,
): 'revenue' | 'journey' | 'journeys' | null {
  if (config.revenue !== undefined) return 'revenue';
  if (campaign?.journey !== undefined) return 'journey';
  return config.journeys.length > 0 ? 'journeys' : null;
}

/**
 * Builds CONVERSION_VALUES from the report's events in `range` (one pass for the revenue rule, one
 * for every journey's last step, one for the events that end any journey) and the
 * campaign rules from SESSION_FACTS (so it runs after computeSessionFacts).
 */
export async function computeConversionValues(store: Store, config: PolkuConfig, range: ReportRange): Promise<void> {
  const params = new SqlParams();
  const parts: string[] = [];
  if (config.revenue !== undefined) {
    parts.push(
      `select ${params.bind(REVENUE_RULE, 'rule')} as rule, e.seq, e.session_no, e.visitor_id, ${amountSql(config.revenue, params)} as amount
      from ${REPORT_EVENTS} e where ${rangeCondition(range, params, 'e.ts')} and ${stepCondition(config.revenue, params, 'e')}`,
    );
  }
  // Every journey's last step in one scan: each event carries the rules of the journeys it ends.
  const lastSteps = config.journeys.flatMap((journey) => {
    const last = journey.steps.at(-1);
    if (last === undefined) return [];
    const condition = `(e.site = ${params.bind(journey.site, 'site')} and ${stepCondition(last, params, 'e')})`;
    return [{ rule: params.bind(journeyRule(journey.id), 'rule'), condition }];
  });
  if (lastSteps.length > 0) {
    parts.push(
      `select unnest(list_filter([${lastSteps.map(({ rule, condition }) => `case when ${condition} then ${rule} end`).join(', ')}], rule -> rule is not null)) as rule,
        e.seq, e.session_no, e.visitor_id, e.value as amount
      from ${REPORT_EVENTS} e where e.value is not null and ${rangeCondition(range, params, 'e.ts')}`,
    );
    // An event that ends two journeys (both end in "purchase") is one conversion, not two: the
    // JOURNEYS_RULE row of each event that ends any journey, from its own scan of the valued events
    // (cheaper than a DISTINCT over every journey's rows, 8 per purchase in the benchmark).
    parts.push(
      `select ${params.bind(JOURNEYS_RULE, 'rule')} as rule, e.seq, e.session_no, e.visitor_id, e.value as amount
      from ${REPORT_EVENTS} e where e.value is not null and ${rangeCondition(range, params, 'e.ts')}
        and coalesce(${lastSteps.map(({ condition }) => condition).join(' or ')}, false)`,
    );
  }
  const events =
    parts.length === 0
      ? 'select null::varchar as rule, null::bigint as seq, null::bigint as session_no, null::varchar as visitor_id, null::double as amount where false'
      : parts.join(' union all ');
  await store.query(
    `create or replace temporary table ${CONVERSION_VALUES} as
    select rule, seq, session_no, visitor_id, amount::double as amount from (${events}) where amount is not null`,
    params.values,
  );
  await computeCampaignValueRules(store, config);
}

/** The amount of a revenue event: its `value`, or the number in `valueProp` (text that is no number counts as none). */
function amountSql(revenue: RevenueConfig, params: SqlParams): string {
  if (revenue.valueProp === undefined) return 'e.value';
  const path = params.bind(`$."${revenue.valueProp.replace(/["\\]/g, '\\$&')}"`, 'prop');
  return `try_cast(json_extract_string(e.props, ${path}) as double)`;
}

/** The rule of a campaign whose value comes from `source` (and `journey`, its configured journey). */
export function ruleOf(source: ReturnType<typeof campaignValueSource>, journey: string | undefined): string | null {
  if (source === 'revenue') return REVENUE_RULE;
  if (source === 'journeys') return JOURNEYS_RULE;
  return source === 'journey' && journey !== undefined ? journeyRule(journey) : null;
}

/** One row per campaign in the sessions that has a value rule: the configured ones by name, the others by default. */
async function computeCampaignValueRules(store: Store, config: PolkuConfig): Promise<void> {
  const params = new SqlParams();
  const configured = Object.entries(config.campaigns).flatMap(([name, campaign]) => {
    const rule = ruleOf(campaignValueSource(config, campaign), campaign.journey);
    return rule === null ? [] : [`(${params.bind(normaliseCampaign(name), 'campaign')}, ${params.bind(rule, 'rule')})`];
  });
  const values = configured.length === 0 ? '(null::varchar, null::varchar)' : configured.join(', ');
  // Campaigns seen in the data but not configured drive no journey of their own.
  const fallbackRule = ruleOf(campaignValueSource(config, undefined), undefined);
  const fallback = fallbackRule === null ? 'null::varchar' : params.bind(fallbackRule, 'rule');
  await store.query(
    `create or replace temporary table ${CAMPAIGN_VALUE_RULES} as
    select campaign, rule from (
      select distinct s.campaign, coalesce(c.rule, ${fallback}) as rule
      from ${SESSION_FACTS} s left join (values ${values}) c(campaign, rule) on c.campaign = s.campaign
      where s.campaign is not null)
    where rule is not null`,
    params.values,
  );
}
