import { EXPORT_SELECT } from './event-columns.ts';
import type { Store } from './store.ts';

export type ExportFormat = 'parquet' | 'ndjson';

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
      `copy (select ${EXPORT_SELECT} from events ${where} order by seq) to $out ${options}`,
      site === undefined ? { out } : { out, site },
    );
    return Number(result.rowsChanged);
  });
}
