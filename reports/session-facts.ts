import type { Store } from '../store/index.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import { orderKey } from './funnel/order-key.ts';
import { REPORT_EVENTS } from './report-events.ts';
import type { SqlParams } from './sql-params.ts';

/**
 * Temporary table: one row per session in the range, described by its first event; keyed by the
 * session's number (store/unit-numbers.ts), which stands for its (site, session_id).
 */
export const SESSION_FACTS = 'session_facts';

/** SQL for "the event is inside the report range", with the bounds bound in `params`. */
export function rangeCondition(range: ReportRange, params: SqlParams, column = 'ts'): string {
  const from = range.from === undefined ? 'true' : `${column} >= ${params.bind(range.from, 'from')}::timestamp`;
  const to = range.to === undefined ? 'true' : `${column} < ${params.bind(range.to, 'to')}::timestamp`;
  return `${from} and ${to}`;
}

/**
 * Builds SESSION_FACTS from the configured sites' events (REPORT_EVENTS, defined before). A
 * session's traffic source is that of its first event (docs/report-model.md: campaign attribution is the
 * campaign of the session's first event), and a campaign is its `utm_campaign` trimmed and
 * lower-cased (`campaign_raw` keeps the spelling, to report variants).
 * A bounce is a session with one page view and no other event. No value here: only conversion
 * events carry value (reports/value/conversion-values.ts), never a session's every event.
 */
export async function computeSessionFacts(store: Store, params: SqlParams, range: ReportRange): Promise<void> {
  // (ts, seq) packed into one integer (funnel/order-key.ts): the same order as the struct, compared
  // faster by every arg_min. Its macros are defined with the report (openDuckDbReportEngine).
  const first = (column: string) => `arg_min(${column}, order_key)`;
  await store.query(
    `create or replace temporary table ${SESSION_FACTS} as
    select session_no, any_value(session_id) as session_id, any_value(site) as site,
      ${first('visitor_no')} as visitor_no, ${first('visitor_id')} as visitor_id,
      min(ts) as started_at, max(ts) as ended_at,
      nullif(lower(trim(${first('utm_campaign')})), '') as campaign,
      ${first('utm_campaign')} as campaign_raw,
      ${first('utm_source')} as source, ${first('utm_medium')} as medium,
      ${first('utm_content')} as content, ${first('utm_term')} as term,
      coalesce(${first('channel')}, 'Direct') as channel,
      coalesce(${first('device')}, 'unknown') as device,
      coalesce(${first('country')}, 'unknown') as country,
      ${first("case when name = 'pageview' then path end")} as landing_page,
      count(*) filter (where name = 'pageview')::integer as pageviews,
      count(*)::integer as events
    from (select *, ${orderKey('epoch_us(ts)', 'seq')} as order_key
      from ${REPORT_EVENTS} where ${rangeCondition(range, params)})
    group by session_no`,
    params.values,
  );
}
