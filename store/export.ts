import type { Store } from './store.ts';

export type ExportFormat = 'parquet' | 'ndjson';

/** The export shape, also what `polku import` reads: one row per event, ids as text, times in UTC. */
const EXPORT_COLUMNS = `
  id::varchar as id, ts, received_at, site, name, url, path, hostname, referrer, referrer_host,
  utm_source, utm_medium, utm_campaign, utm_term, utm_content, channel, visitor_id, session_id,
  page_id, device, browser, os, country, props, value`;

/** Writes events (optionally of one site) to a Parquet or NDJSON file; returns the row count. */
export async function exportEvents(
  store: Store,
  { out, format, site }: { out: string; format: ExportFormat; site?: string },
): Promise<number> {
  const options = format === 'parquet' ? '(format parquet, compression zstd)' : '(format json)';
  const where = site === undefined ? '' : 'where site = $site';
  return store.exclusive(async (connection) => {
    await connection.run("set TimeZone = 'UTC'");
    const result = await connection.run(
      `copy (select ${EXPORT_COLUMNS} from events ${where} order by seq) to $out ${options}`,
      site === undefined ? { out } : { out, site },
    );
    return Number(result.rowsChanged);
  });
}
