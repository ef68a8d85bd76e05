import { sqlString } from '../../store/clickhouse/literal.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { SESSION_FACTS } from '../session-facts.ts';
import { clickHouseDuckDbLower } from './duckdb-lower.ts';
import { clickHouseRangeCondition } from './range-condition.ts';
import { RUN_TABLES } from './run-schema.ts';
import { type ClickHouseReportRun, createPerUnitTable, fillPerUnitTable, sitesCondition } from './run-tables.ts';

/**
 * DuckDB's `lower(trim(text))` in ClickHouse, for a non-null String. DuckDB's trim strips the Unicode
 * space separators (category Zs: U+0020, U+00A0, U+2000–U+200A, U+3000, …), not tabs or newlines, and
 * ClickHouse's RE2 knows the same class; its lower case is clickHouseDuckDbLower's.
 */
export function clickHouseTrimLower(expression: string): string {
  return clickHouseDuckDbLower(`replaceRegexpAll(${expression}, ${sqlString('^\\p{Zs}+|\\p{Zs}+$')}, '')`);
}

/**
 * Fills the run's `session_facts` on every shard from its own events, as reports/session-facts.ts's
 * computeSessionFacts: one row per session of the report's sites in the range, labelled by its first
 * event in (ts, seq) order. Like DuckDB's arg_min, ClickHouse's argMin skips rows whose value is null,
 * so a label is that of the first event that has one (the first page view's path is the landing page).
 */
export async function clickHouseSessionFacts(run: ClickHouseReportRun, range: ReportRange): Promise<void> {
  const first = (column: string) => `argMin(${column}, (ts_us, seq))`;
  await createPerUnitTable(run, SESSION_FACTS, RUN_TABLES.session_facts.columns);
  await fillPerUnitTable(
    run,
    SESSION_FACTS,
    `SELECT session_id, site, ${first('visitor_id')} AS visitor_id,
      min(ts_us) AS started_us, max(ts_us) AS ended_us,
      nullIf(${clickHouseTrimLower(`ifNull(${first('utm_campaign')}, '')`)}, '') AS campaign,
      ${first('utm_campaign')} AS campaign_raw,
      ${first('utm_source')} AS source, ${first('utm_medium')} AS medium,
      ${first('utm_content')} AS content, ${first('utm_term')} AS term,
      ifNull(${first('channel')}, 'Direct') AS channel,
      ifNull(${first('device')}, 'unknown') AS device,
      ifNull(${first('country')}, 'unknown') AS country,
      ${first("if(name = 'pageview', path, NULL)")} AS landing_page,
      toUInt32(countIf(name = 'pageview')) AS pageviews,
      toUInt32(count()) AS events
    FROM events_local FINAL
    WHERE ${sitesCondition(run)} AND ${clickHouseRangeCondition(range)}
    GROUP BY session_id, site`,
  );
}
