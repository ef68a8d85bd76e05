import type { PolkuConfig, RevenueConfig } from '../../../config/index.ts';
import { sqlFloat64, sqlString } from '../../../store/clickhouse/literal.ts';
import { normaliseCampaign } from '../../campaign/campaign-queries.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { SESSION_FACTS } from '../../session-facts.ts';
import {
  campaignValueSource,
  JOURNEYS_RULE,
  journeyRule,
  REVENUE_RULE,
  ruleOf,
} from '../../value/conversion-values.ts';
import { CAMPAIGN_VALUE_RULES, CONVERSION_VALUES } from '../../value/tables.ts';
import { clickHouseMatchCondition } from '../match-conditions.ts';
import { clickHouseRangeCondition } from '../range-condition.ts';
import { RUN_TABLES } from '../run-schema.ts';
import {
  type ClickHouseReportRun,
  createPerUnitTable,
  createReplicatedTable,
  fillPerUnitTable,
  insertReplicated,
  sitesCondition,
} from '../run-tables.ts';

/**
 * Fills the run's `conversion_values` on every shard from its own events, and the replicated
 * `campaign_value_rules` from the run's session facts (so it runs after clickHouseSessionFacts), as
 * reports/value/conversion-values.ts's computeConversionValues: the revenue rule's events, each
 * journey's last-step events with a value, and each of those once more under the `journeys` rule.
 */
export async function clickHouseConversionValues(
  run: ClickHouseReportRun,
  config: PolkuConfig,
  range: ReportRange,
): Promise<void> {
  const where = `${sitesCondition(run)} AND ${clickHouseRangeCondition(range)}`;
  const columns = 'id, session_id, site, visitor_id';
  const parts: string[] = [];
  if (config.revenue !== undefined) {
    const amount = await revenueAmountSql(run, config.revenue, where);
    if (amount !== null) {
      parts.push(`SELECT ${sqlString(REVENUE_RULE)} AS rule, ${columns}, ${amount} AS amount
        FROM events_local FINAL WHERE ${where} AND ${clickHouseMatchCondition(config.revenue)}`);
    }
  }
  // Every journey's last step in one scan: each event carries the rules of the journeys it ends.
  const lastSteps = config.journeys.flatMap((journey) => {
    const last = journey.steps.at(-1);
    if (last === undefined) return [];
    return [
      `if(site = ${sqlString(journey.site)} AND ${clickHouseMatchCondition(last)}, ${sqlString(journeyRule(journey.id))}, '')`,
    ];
  });
  if (lastSteps.length > 0) {
    const ended = `SELECT ${columns}, value, arrayFilter(rule -> rule != '', [${lastSteps.join(', ')}]) AS rules
      FROM events_local FINAL WHERE value IS NOT NULL AND ${where}`;
    // An event that ends two journeys (both end in "purchase") is one conversion under `journeys`.
    parts.push(
      `SELECT arrayJoin(arrayPushBack(rules, ${sqlString(JOURNEYS_RULE)})) AS rule, ${columns}, value AS amount
      FROM (${ended}) WHERE notEmpty(rules)`,
    );
  }
  await createPerUnitTable(run, CONVERSION_VALUES, RUN_TABLES.conversion_values.columns);
  if (parts.length > 0) {
    await fillPerUnitTable(
      run,
      CONVERSION_VALUES,
      `SELECT rule, toString(id), session_id, site, visitor_id, assumeNotNull(amount)
      FROM (${parts.join(' UNION ALL ')}) WHERE amount IS NOT NULL`,
    );
  }
  await clickHouseCampaignValueRules(run, config);
}

/**
 * The amount of a revenue event: its `value`, or the number DuckDB's try_cast reads from the
 * `valueProp` property's text. ClickHouse 18.16 parses decimal text inexactly, so the shards' distinct
 * texts of that property are read here (few: prices), parsed as DuckDB parses them (duckDbDouble), and
 * looked up with their exact bits; text that is no number gives null, as in DuckDB. Null when no
 * event has a number there (then no revenue row at all).
 */
async function revenueAmountSql(
  run: ClickHouseReportRun,
  revenue: RevenueConfig,
  where: string,
): Promise<string | null> {
  if (revenue.valueProp === undefined) return 'value';
  const key = sqlString(revenue.valueProp);
  const text = `prop_values[indexOf(prop_keys, ${key})]`;
  const texts = await run.shards.first.query<{ text: string }>(
    `SELECT DISTINCT ${text} AS text FROM events
    WHERE ${where} AND ${clickHouseMatchCondition(revenue)} AND has(prop_keys, ${key})`,
  );
  const numbers = texts.flatMap(({ text }) => {
    const number = duckDbDouble(text);
    return number === null ? [] : [[text, number] as const];
  });
  if (numbers.length === 0) return null;
  const index = `indexOf([${numbers.map(([text]) => sqlString(text)).join(', ')}], ${text})`;
  return `if(has(prop_keys, ${key}) AND ${index} > 0, [${numbers.map(([, number]) => sqlFloat64(number)).join(', ')}][${index}], NULL)`;
}

/** DuckDB's number grammar for try_cast(text as double): digits with single underscores between them. */
const DIGITS = '\\d+(?:_\\d+)*';
const DECIMAL = new RegExp(`^\\+?-?(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`);
const SPECIAL = /^\+?(-?)(inf|infinity|nan)$/i;

/**
 * The double DuckDB's `try_cast(text as double)` gives, or null: surrounding ASCII whitespace ignored,
 * a `+` before an optional `-`, `_` between digits, `inf`/`infinity`/`nan` in any case, out of range
 * to ±Infinity or 0 (checked against DuckDB in tests/integration/clickhouse-report-stages.test.ts).
 */
export function duckDbDouble(text: string): number | null {
  const trimmed = text.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  const special = SPECIAL.exec(trimmed);
  if (special !== null) {
    const value = special[2]?.toLowerCase() === 'nan' ? Number.NaN : Number.POSITIVE_INFINITY;
    return special[1] === '-' ? -value : value;
  }
  if (!DECIMAL.test(trimmed)) return null;
  return Number(trimmed.replace(/^\+/, '').replaceAll('_', ''));
}

/**
 * The replicated `campaign_value_rules`: each campaign in the session facts with its rule, the
 * configured campaigns' by name (normalised), the others the default (computeCampaignValueRules).
 * The distinct campaigns are few; their rules are config logic, done here.
 */
async function clickHouseCampaignValueRules(run: ClickHouseReportRun, config: PolkuConfig): Promise<void> {
  await createReplicatedTable(run, CAMPAIGN_VALUE_RULES, RUN_TABLES.campaign_value_rules.columns);
  const configured = Object.entries(config.campaigns).flatMap(([name, campaign]) => {
    const rule = ruleOf(campaignValueSource(config, campaign), campaign.journey);
    return rule === null ? [] : [[normaliseCampaign(name), rule] as const];
  });
  const fallback = ruleOf(campaignValueSource(config, undefined), undefined);
  // Not aliased `campaign`: ClickHouse would read the WHERE's `campaign` as the alias, never null.
  const seen = await run.shards.first.query<{ name: string }>(
    `SELECT DISTINCT assumeNotNull(campaign) AS name FROM ${run.distributed(SESSION_FACTS)} WHERE campaign IS NOT NULL`,
  );
  const rows = new Map<string, { campaign: string; rule: string }>();
  for (const { name: campaign } of seen) {
    const rules = configured.filter(([name]) => name === campaign).map(([, rule]) => rule);
    for (const rule of rules.length > 0 ? rules : fallback === null ? [] : [fallback]) {
      rows.set(JSON.stringify([campaign, rule]), { campaign, rule });
    }
  }
  await insertReplicated(run, CAMPAIGN_VALUE_RULES, [...rows.values()]);
}
