import { column, type ImportSource, jsonText, type PresentColumns, type Props, scalarProps, text } from './source.ts';

/** Top-level fields of the GA4 BigQuery export (`events_YYYYMMDD`). */
const FIELDS = `event_date event_timestamp event_name event_params event_previous_timestamp event_value_in_usd
event_bundle_sequence_id event_server_timestamp_offset user_id user_pseudo_id privacy_info user_properties
user_first_touch_timestamp user_ltv device geo app_info traffic_source stream_id platform event_dimensions ecommerce
items collected_traffic_source is_active_user batch_event_index batch_page_id batch_ordering_id
session_traffic_source_last_click publisher`.split(/\s+/);

/** Params that become columns (or are GA4's own bookkeeping), not props. */
const READ_PARAMS = new Set([
  'page_location',
  'page_referrer',
  'ga_session_id',
  'ga_session_number',
  'page_title',
  'engagement_time_msec',
  'session_engaged',
  'engaged_session_event',
  'entrances',
  'ignore_referrer',
  'batch_page_id',
  'batch_ordering_id',
  'campaign',
  'source',
  'medium',
  'term',
  'content',
]);

/** One event_params entry's value as text: GA4 fills exactly one of the four. */
const PARAM_TYPE = `'[{"key": "VARCHAR", "value": {"string_value": "VARCHAR", "int_value": "VARCHAR", "double_value": "VARCHAR", "float_value": "VARCHAR"}}]'`;
const param = (params: string, key: string) =>
  `(list_filter(json_transform(${params}, ${PARAM_TYPE}), p -> p.key = '${key}')[1].value)`;
const paramText = (params: string, key: string) => {
  const value = param(params, key);
  return `coalesce(${value}.string_value, ${value}.int_value, ${value}.double_value, ${value}.float_value)`;
};

/**
 * The GA4 BigQuery export, as NDJSON (`bq extract --destination_format NEWLINE_DELIMITED_JSON`) or
 * Parquet. Times are microseconds; `page_location`, `page_referrer` and `ga_session_id` are
 * event_params; a session is `ga_session_id` within `user_pseudo_id` (the id alone is a start time
 * in seconds, shared by other users). Campaign fields come from the page URL's utm_* and, where it has
 * none, from `collected_traffic_source` (the event's own); `traffic_source` is the user's first
 * acquisition, not this visit's, and is not read. The export has no event id: one is derived from
 * the fields that identify an event (so a re-import adds nothing). The site is the `stream_id`.
 */
export const ga4Source: ImportSource = {
  name: 'ga4',
  formats: ['ndjson', 'parquet'],
  required: ['event_name', 'event_timestamp', 'user_pseudo_id'],
  known: FIELDS,
  labels: {
    id: 'event_timestamp',
    ts: 'event_timestamp',
    name: 'event_name',
    visitor: 'user_pseudo_id',
    site: 'stream_id',
  },
  ids: 'derive',
  needsVisitor: true,
  siteKey: 'id',
  select(present: PresentColumns): string {
    const t = (name: string) => text(present, name);
    const params = `coalesce(${t('event_params')}, '[]')`;
    const traffic = t('collected_traffic_source');
    const device = t('device');
    const micros = `try_cast(${t('event_timestamp')} as bigint)`;
    const identity = [
      'user_pseudo_id',
      'event_timestamp',
      'event_name',
      'event_bundle_sequence_id',
      'batch_event_index',
      'batch_ordering_id',
      'batch_page_id',
    ]
      .map((name) => `coalesce(${t(name)}, '')`)
      .join(", '|', ");
    const session = paramText(params, 'ga_session_id');
    return `case when ${t('event_name')} is null or ${t('event_timestamp')} is null then null else concat(${identity}) end as id_key,
      ${t('event_timestamp')} as ts_text, make_timestamp(${micros}) as ts,
      make_timestamp(${micros} + coalesce(try_cast(${column(present, 'event_server_timestamp_offset')} as bigint), 0)) as received_at,
      ${t('stream_id')} as site_key,
      case when ${t('event_name')} = 'page_view' then 'pageview' else ${t('event_name')} end as name,
      nullif(${paramText(params, 'page_location')}, '') as url, null::varchar as path, null::varchar as hostname,
      nullif(${paramText(params, 'page_referrer')}, '') as referrer, null::varchar as referrer_host,
      ${jsonText(traffic, '$.manual_source')} as utm_source, ${jsonText(traffic, '$.manual_medium')} as utm_medium,
      ${jsonText(traffic, '$.manual_campaign_name')} as utm_campaign, ${jsonText(traffic, '$.manual_term')} as utm_term,
      ${jsonText(traffic, '$.manual_content')} as utm_content,
      case when ${jsonText(traffic, '$.gclid')} is not null then 'gclid' end as click_id, null::varchar as channel,
      nullif(${t('user_pseudo_id')}, '') as visitor,
      case when ${session} is not null then ${t('user_pseudo_id')} || '-' || ${session} end as session,
      null::varchar as page_id, null::varchar as user_agent, ${jsonText(device, '$.category')} as device,
      ${jsonText(device, '$.web_info.browser')} as browser, ${jsonText(device, '$.operating_system')} as os,
      null::varchar as country, null::varchar as time_zone, ${params} as props,
      try_cast(${jsonText(t('ecommerce'), '$.purchase_revenue')} as double) as value`;
  },
  props(raw: string | null): Props | null {
    if (raw === null) return null;
    const entries = (JSON.parse(raw) as { key?: unknown; value?: Record<string, unknown> | null }[])
      .filter((entry) => typeof entry.key === 'string' && !READ_PARAMS.has(entry.key))
      .map(({ key, value }): [string, unknown] => {
        const v = value ?? {};
        const number = v.int_value ?? v.double_value ?? v.float_value;
        return [key as string, v.string_value ?? (number === undefined || number === null ? null : Number(number))];
      });
    return scalarProps(entries);
  },
};
