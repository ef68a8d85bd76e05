import { COUNTER_BITS, MAX_COLLECTOR_ID } from '../store/clickhouse/arrival-seq.ts';
import type { ClickHouseClient } from '../store/clickhouse/client.ts';
import { sqlNumber } from '../store/clickhouse/literal.ts';
import { SESSION_GAP_MS, type Sessionizer } from './enrich/sessions.ts';

/**
 * Seeds the sessionizer from what this collector shipped in the last 30 minutes, as a DuckDB
 * collector does from its database, so a restart (a rolling deploy) does not split running visits.
 * Only this collector's own events (its id in their arrival numbers): its visitor ids come from its
 * own salts, so other collectors' visitors would never match, and reading them all would cost memory
 * in proportion to the whole cluster's traffic.
 */
export async function restoreSessionsFromClickHouse(
  cluster: ClickHouseClient,
  collectorId: number,
  sessions: Sessionizer,
  now: number,
): Promise<number> {
  const where = `ts_us >= ${sqlNumber((now - SESSION_GAP_MS) * 1000)}
    AND bitAnd(bitShiftRight(seq, ${sqlNumber(COUNTER_BITS)}), ${sqlNumber(MAX_COLLECTOR_ID)}) = ${sqlNumber(collectorId)}`;
  const visits = await cluster.query<{ visitor_id: string; session_id: string; last_us: string }>(
    `SELECT visitor_id, argMax(session_id, ts_us) AS session_id, toString(max(ts_us)) AS last_us
     FROM events WHERE ${where} GROUP BY visitor_id`,
  );
  for (const visit of visits) sessions.seed(visit.visitor_id, visit.session_id, Number(visit.last_us) / 1000);
  // Page loads of those visits, so that server events naming one still join it after a restart.
  const pages = await cluster.query<{ site: string; page_id: string; visitor_id: string }>(
    `SELECT site, assumeNotNull(page_id) AS page_id, argMax(visitor_id, ts_us) AS visitor_id
     FROM events WHERE ${where} AND page_id IS NOT NULL GROUP BY site, page_id`,
  );
  for (const page of pages) sessions.notePage(page.site, page.page_id, page.visitor_id);
  return visits.length;
}
