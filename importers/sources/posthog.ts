import { type ImportSource, isoTime, jsonText, type PresentColumns, type Props, scalarProps, text } from './source.ts';

/** Columns of PostHog's events table as its export writes them. */
const COLUMNS = `uuid event properties timestamp distinct_id elements_chain created_at team_id person_id
person_properties person_created_at person_mode $session_id $window_id $group_0 $group_1 $group_2 $group_3 $group_4
group0_properties group1_properties group2_properties group3_properties group4_properties`.split(/\s+/);

/** Properties that become columns, or are PostHog's own bookkeeping; the rest (without `$`) are props. */
const READ_PROPERTIES = new Set(['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'revenue']);

/**
 * PostHog's event export (CSV, or NDJSON): `properties` is a JSON object with the page
 * (`$current_url`, `$referrer`), the session (`$session_id`) and the device (`$device_type`, `$browser`,
 * `$os`, `$raw_user_agent` where kept). `distinct_id` becomes the visitor through a hash: after
 * `posthog.identify()` it is the site's own user id, often an e-mail address, which Polku never
 * stores. Without --site, the page's origin picks the configured site whose `origins` list it.
 * A numeric `revenue` property is the event's value.
 */
export const posthogSource: ImportSource = {
  name: 'posthog',
  formats: ['csv', 'ndjson'],
  required: ['uuid', 'event', 'timestamp', 'distinct_id', 'properties'],
  known: COLUMNS,
  labels: { id: 'uuid', ts: 'timestamp', name: 'event', visitor: 'distinct_id', site: '$current_url' },
  ids: 'uuid-or-derive',
  needsVisitor: true,
  siteKey: 'origin',
  select(present: PresentColumns): string {
    const t = (name: string) => text(present, name);
    const p = (key: string) => jsonText(`${t('properties')}`, `$."${key}"`);
    const referrer = `case when ${p('$referrer')} <> '$direct' then ${p('$referrer')} end`;
    return `${t('uuid')} as id_key, ${t('timestamp')} as ts_text, ${isoTime(t('timestamp'))} as ts,
      ${isoTime(t('created_at'))} as received_at,
      lower(regexp_extract(${p('$current_url')}, '^(https?://[^/?#]+)', 1)) as site_key,
      case when ${t('event')} = '$pageview' then 'pageview' else nullif(${t('event')}, '') end as name,
      ${p('$current_url')} as url, null::varchar as path, null::varchar as hostname,
      ${referrer} as referrer, null::varchar as referrer_host,
      ${p('utm_source')} as utm_source, ${p('utm_medium')} as utm_medium, ${p('utm_campaign')} as utm_campaign,
      ${p('utm_term')} as utm_term, ${p('utm_content')} as utm_content, null::varchar as click_id,
      null::varchar as channel, substr(sha256(nullif(${t('distinct_id')}, '')), 1, 32) as visitor,
      coalesce(${p('$session_id')}, nullif(${t('$session_id')}, '')) as session, null::varchar as page_id,
      ${p('$raw_user_agent')} as user_agent, ${p('$device_type')} as device, ${p('$browser')} as browser,
      ${p('$os')} as os, null::varchar as country, ${p('$timezone')} as time_zone, ${t('properties')} as props,
      try_cast(${p('revenue')} as double) as value`;
  },
  props(raw: string | null): Props | null {
    if (raw === null) return null;
    const properties = JSON.parse(raw) as Record<string, unknown>;
    return scalarProps(Object.entries(properties).filter(([key]) => !key.startsWith('$') && !READ_PROPERTIES.has(key)));
  },
};
