import { readFileSync } from 'node:fs';
import type { Ingest } from '../store/index.ts';
import { SESSION_GAP_MS, type Sessionizer } from './enrich/sessions.ts';

/**
 * Seeds the sessionizer with every visitor active in the last 30 minutes, from the database and
 * from spool lines not stored yet, so a restart does not split running sessions.
 */
export async function restoreSessions(ingest: Ingest, sessions: Sessionizer, now: number): Promise<number> {
  const since = now - SESSION_GAP_MS;
  let restored = 0;
  if (ingest.store) {
    const rows = await ingest.store.query(
      `select visitor_id, arg_max(session_id, ts) as session_id, epoch_ms(max(ts)) as last_ts
       from events where ts >= make_timestamp(($since * 1000)::bigint) group by visitor_id`,
      { since },
    );
    for (const row of rows) {
      sessions.seed(String(row.visitor_id), String(row.session_id), Number(row.last_ts));
      restored++;
    }
  }
  for (const file of ingest.spooledEventFiles) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const event = parseLine(line);
      if (event && event.ts >= since) {
        sessions.seed(event.visitor_id, event.session_id, event.ts);
        restored++;
      }
    }
  }
  return restored;
}

function parseLine(line: string): { visitor_id: string; session_id: string; ts: number } | null {
  try {
    const event = JSON.parse(line) as { visitor_id?: unknown; session_id?: unknown; ts?: unknown };
    if (typeof event.visitor_id !== 'string' || typeof event.session_id !== 'string') return null;
    if (typeof event.ts !== 'number') return null;
    return { visitor_id: event.visitor_id, session_id: event.session_id, ts: event.ts };
  } catch {
    // A line cut in half by a crash was never acknowledged.
    return null;
  }
}
