import { type ImportSource, isoTime, jsonText, type PresentColumns, type Props, scalarProps, text } from './source.ts';

/** The columns of Snowplow's atomic events table (the enriched event), as warehouses load it. */
const ATOMIC = `app_id platform etl_tstamp collector_tstamp dvce_created_tstamp event event_id txn_id name_tracker
v_tracker v_collector v_etl user_id user_ipaddress user_fingerprint domain_userid domain_sessionidx network_userid
geo_country geo_region geo_city geo_zipcode geo_latitude geo_longitude geo_region_name ip_isp ip_organization
ip_domain ip_netspeed page_url page_title page_referrer page_urlscheme page_urlhost page_urlport page_urlpath
page_urlquery page_urlfragment refr_urlscheme refr_urlhost refr_urlport refr_urlpath refr_urlquery refr_urlfragment
refr_medium refr_source refr_term mkt_medium mkt_source mkt_term mkt_content mkt_campaign contexts se_category
se_action se_label se_property se_value unstruct_event tr_orderid tr_affiliation tr_total tr_tax tr_shipping tr_city
tr_state tr_country ti_orderid ti_sku ti_name ti_category ti_price ti_quantity pp_xoffset_min pp_xoffset_max
pp_yoffset_min pp_yoffset_max useragent br_name br_family br_version br_type br_renderengine br_lang br_features_pdf
br_features_flash br_features_java br_features_director br_features_quicktime br_features_realplayer
br_features_windowsmedia br_features_gears br_features_silverlight br_cookies br_colordepth br_viewwidth
br_viewheight os_name os_family os_manufacturer os_timezone dvce_type dvce_ismobile dvce_screenwidth
dvce_screenheight doc_charset doc_width doc_height tr_currency tr_total_base tr_tax_base tr_shipping_base
ti_currency ti_price_base base_currency geo_timezone mkt_clickid mkt_network etl_tags dvce_sent_tstamp
refr_domain_userid refr_dvce_tstamp derived_contexts domain_sessionid derived_tstamp event_vendor event_name
event_format event_version event_fingerprint true_tstamp load_tstamp`.split(/\s+/);

/** Self-describing parts, one column per schema (`contexts_com_acme_thing_1_0_0`). */
const ECOMMERCE = 'com_snowplowanalytics_snowplow_ecommerce';
const ACTION = `unstruct_event_${ECOMMERCE}_snowplow_ecommerce_action_1_0_0`;
const TRANSACTION = `contexts_${ECOMMERCE}_transaction_1_0_0`;
const CHECKOUT_STEP = `contexts_${ECOMMERCE}_checkout_step_1_0_0`;
const PRODUCT = `contexts_${ECOMMERCE}_product_1_0_0`;
const CLIENT_SESSION = 'contexts_com_snowplowanalytics_snowplow_client_session_1_0_1';
const WEB_PAGE = 'contexts_com_snowplowanalytics_snowplow_web_page_1_0_0';

/**
 * Snowplow's atomic events (CSV). Visitor `domain_userid` and session `domain_sessionid`, or the
 * client_session context's `userId`/`sessionId` where those are empty (trackers that keep the
 * session in local storage); time `derived_tstamp` (the tracker's clock corrected by Snowplow), else
 * `collector_tstamp`; the e-commerce action's `type` is the event name (`transaction`, …) and a
 * transaction's `revenue` its value. `geo_*` and `user_ipaddress` come from the IP address and are
 * not read: Polku takes the country from the browser's time zone (`os_timezone`).
 */
export const snowplowSource: ImportSource = {
  name: 'snowplow',
  formats: ['csv', 'ndjson', 'parquet'],
  required: ['event_id', 'collector_tstamp'],
  known: ATOMIC,
  knownPrefixes: ['contexts_', 'unstruct_event_', 'derived_contexts_'],
  labels: { id: 'event_id', ts: 'derived_tstamp', name: 'event_name', visitor: 'domain_userid', site: 'app_id' },
  ids: 'uuid-or-derive',
  needsVisitor: true,
  siteKey: 'id',
  select(present: PresentColumns): string {
    const t = (name: string) => text(present, name);
    const action = t(ACTION);
    const actionType = jsonText(action, '$.type');
    const transaction = t(TRANSACTION);
    const time = `coalesce(nullif(${t('derived_tstamp')}, ''), ${t('collector_tstamp')})`;
    return `${t('event_id')} as id_key, ${time} as ts_text, ${isoTime(time)} as ts,
      ${isoTime(t('collector_tstamp'))} as received_at, nullif(${t('app_id')}, '') as site_key,
      case when ${t('event')} = 'page_view' or ${t('event_name')} = 'page_view' then 'pageview'
           when ${actionType} is not null then ${actionType}
           when ${t('event')} = 'struct' then coalesce(nullif(${t('se_action')}, ''), 'struct')
           else coalesce(nullif(${t('event_name')}, ''), nullif(${t('event')}, '')) end as name,
      nullif(${t('page_url')}, '') as url, null::varchar as path, null::varchar as hostname,
      nullif(${t('page_referrer')}, '') as referrer, null::varchar as referrer_host,
      nullif(${t('mkt_source')}, '') as utm_source, nullif(${t('mkt_medium')}, '') as utm_medium,
      nullif(${t('mkt_campaign')}, '') as utm_campaign, nullif(${t('mkt_term')}, '') as utm_term,
      nullif(${t('mkt_content')}, '') as utm_content, null::varchar as click_id, null::varchar as channel,
      coalesce(nullif(${t('domain_userid')}, ''), ${jsonText(t(CLIENT_SESSION), '$[0].userId')}) as visitor,
      coalesce(nullif(${t('domain_sessionid')}, ''), ${jsonText(t(CLIENT_SESSION), '$[0].sessionId')}) as session,
      ${jsonText(t(WEB_PAGE), '$[0].id')} as page_id, nullif(${t('useragent')}, '') as user_agent,
      null::varchar as device, null::varchar as browser, null::varchar as os, null::varchar as country,
      nullif(${t('os_timezone')}, '') as time_zone,
      json_object('action', ${jsonText(action, '$.name')}, 'currency', ${jsonText(transaction, '$[0].currency')},
        'transaction_id', coalesce(${jsonText(transaction, '$[0].transaction_id')}, nullif(${t('tr_orderid')}, '')),
        'checkout_step', ${jsonText(t(CHECKOUT_STEP), '$[0].step')}, 'product_id', ${jsonText(t(PRODUCT), '$[0].id')},
        'category', nullif(${t('se_category')}, ''), 'label', nullif(${t('se_label')}, ''))::varchar as props,
      case when ${actionType} = 'transaction' then try_cast(${jsonText(transaction, '$[0].revenue')} as double)
           when ${t('event')} = 'transaction' then try_cast(${t('tr_total')} as double) end as value`;
  },
  props(raw: string | null): Props | null {
    if (raw === null) return null;
    return scalarProps(Object.entries(JSON.parse(raw) as Record<string, unknown>));
  },
};
