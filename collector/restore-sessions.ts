import type { Ingest, SegmentSink, Store } from '../store/index.ts';
import { SESSION_GAP_MS, type Sessionizer } from './enrich/sessions.ts';

/**
 * Seeds the sessionizer with every visitor active in the last 30 minutes, from the database and
 * from spooled events not stored yet, so a restart does not split running sessions.
 */
export async function restoreSessions(
  ingest: Pick<Ingest<SegmentSink>, 'spooledActivity'>,
  store: Store | null,
  sessions: Sessionizer,
  now: number,
): Promise<number> {
  const since = now - SESSION_GAP_MS;
  let restored = 0;
  if (store) {
    const rows = await store.query(
      `select visitor_id, arg_max(session_id, ts) as session_id, epoch_ms(max(ts)) as last_ts
       from events where ts >= make_timestamp(($since * 1000)::bigint) group by visitor_id`,
      { since },
    );
    for (const row of rows) {
      sessions.seed(String(row.visitor_id), String(row.session_id), Number(row.last_ts));
      restored++;
    }
    // Page loads of those visits, so that server events naming one still join it after a restart.
    const pages = await store.query(
      `select site, page_id, arg_max(visitor_id, ts) as visitor_id
       from events where ts >= make_timestamp(($since * 1000)::bigint) and page_id is not null
       group by site, page_id`,
      { since },
    );
    for (const row of pages) {
      sessions.notePage(String(row.site), String(row.page_id), String(row.visitor_id));
    }
  }
  for (const { visitorId, sessionId, ts } of ingest.spooledActivity(since)) {
    sessions.seed(visitorId, sessionId, ts);
    restored++;
  }
  return restored;
}
