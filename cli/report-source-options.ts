/**
 * The events `polku report` and `polku build` read: the DuckDB file (read-only) or the ClickHouse
 * cluster `--backend clickhouse --clickhouse URLS` names. Every shard must answer and hold the schema
 * before any query, so a shard that is down stops the command with its name before a file is written.
 */
import { clickHouseReportSource } from '../reports/clickhouse/report-source.ts';
import { duckDbReportSource, type ReportSource } from '../reports/index.ts';
import { connectShards, requireSchema } from '../store/clickhouse/cluster.ts';
import { Store } from '../store/index.ts';
import type { BackendChoice } from './backend-options.ts';

export interface OpenReportSource {
  source: ReportSource;
  /** The DuckDB store, when the events are in one (a build may set its memory limit). */
  store: Store | null;
  /** What the events were read from, for messages: the file or the first shard's URL. */
  where: string;
  close(): Promise<void>;
}

export async function openReportSource(choice: BackendChoice, db: string): Promise<OpenReportSource> {
  if (choice.kind === 'clickhouse') {
    const shards = await connectShards(choice.urls);
    await requireSchema(shards);
    const source = clickHouseReportSource(shards);
    return { source, store: null, where: `the ClickHouse cluster at ${shards.first.url}`, close: () => source.close() };
  }
  const store = await Store.open(db, { readOnly: true });
  const source = duckDbReportSource(store);
  return {
    source,
    store,
    where: db,
    async close() {
      await source.close();
      await store.close();
    },
  };
}
