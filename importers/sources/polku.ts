import { EVENT_COLUMNS } from '../../store/event-columns.ts';
import { column, type ImportSource, type PresentColumns, type Props, text } from './source.ts';

/** A timestamp given as ISO 8601 text or epoch seconds/milliseconds (< 10¹¹ means seconds), as UTC. */
export const flexibleTime = (expression: string) => `case
  when ${expression} ~ '^[0-9]+(\\.[0-9]+)?$'
    then make_timestamp((${expression}::double * (case when ${expression}::double < 1e11 then 1e6 else 1e3 end))::bigint)
  else try_cast(${expression} as timestamptz) at time zone 'UTC' end`;

/** Polku's own export shape (`polku export`): every event column but `seq`, which the import assigns. */
export const polkuSource: ImportSource = {
  name: 'polku',
  formats: ['ndjson', 'csv', 'parquet'],
  required: ['id', 'ts', 'site', 'name'],
  known: EVENT_COLUMNS.filter((c) => c.kind !== 'seq').map((c) => c.name),
  labels: { id: 'id', ts: 'ts', name: 'name', visitor: 'visitor_id', site: 'site' },
  ids: 'uuid',
  needsVisitor: false,
  siteKey: 'id',
  select(present: PresentColumns): string {
    const t = (name: string) => text(present, name);
    return `${t('id')} as id_key, ${t('ts')} as ts_text, ${flexibleTime(t('ts'))} as ts,
      ${flexibleTime(t('received_at'))} as received_at, ${t('site')} as site_key, ${t('name')} as name,
      ${t('url')} as url, ${t('path')} as path, ${t('hostname')} as hostname, ${t('referrer')} as referrer,
      ${t('referrer_host')} as referrer_host, ${t('utm_source')} as utm_source, ${t('utm_medium')} as utm_medium,
      ${t('utm_campaign')} as utm_campaign, ${t('utm_term')} as utm_term, ${t('utm_content')} as utm_content,
      null::varchar as click_id, ${t('channel')} as channel, ${t('visitor_id')} as visitor,
      ${t('session_id')} as session, ${t('page_id')} as page_id, null::varchar as user_agent,
      ${t('device')} as device, ${t('browser')} as browser, ${t('os')} as os, ${t('country')} as country,
      null::varchar as time_zone, ${t('props')} as props, try_cast(${column(present, 'value')} as double) as value`;
  },
  props(raw: string | null): Props | null {
    if (raw === null) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      // DuckDB reads an NDJSON export's props as one STRUCT of every key seen in the file, so each
      // event's props come back with the other events' keys as null. Collected props never hold
      // null (the collector takes strings, numbers and booleans), so a null is one of those.
      return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== null)) as Props;
    } catch {
      return null;
    }
  },
};
