import { type ClickHouseClient, clickHouseClient } from '../../store/clickhouse/client.ts';
import { clickHouseEventRow } from '../../store/clickhouse/event-rows.ts';
import { insertEventRows } from '../../store/clickhouse/insert-event-rows.ts';
import { ensureClickHouseSchema } from '../../store/clickhouse/schema.ts';
import type { StoredEvent } from '../../store/index.ts';
import { type ClickHouseCluster, startClickHouseCluster } from './clickhouse-cluster.ts';

/**
 * A real 2-shard cluster with Polku's tables, for tests that load events into it: `client` talks to
 * shard 1 (which holds the Distributed `events`), `clear()` empties every shard between cases.
 */
export interface ClickHouseEventsCluster {
  cluster: ClickHouseCluster;
  client: ClickHouseClient;
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export async function startClickHouseEventsCluster(): Promise<ClickHouseEventsCluster> {
  const cluster = await startClickHouseCluster();
  const shards = cluster.shardUrls.map((url) => clickHouseClient(url));
  await ensureClickHouseSchema(shards);
  return {
    cluster,
    client: shards[0] as ClickHouseClient,
    async clear() {
      for (const shard of shards) await shard.command('TRUNCATE TABLE events_local');
    },
    stop: () => cluster.stop(),
  };
}

/**
 * Inserts the same stored events the DuckDB tests append (tests/support/seed-events.ts), as schema
 * rows through the Distributed table the way collectors and `polku import` do, synchronously (every row is on its shard when this returns).
 * Arrival order (`seq`) continues after the cluster's largest, in array order, as the DuckDB store
 * assigns it, so ties at equal timestamps break the same way on both engines.
 */
export async function insertClickHouseEvents(client: ClickHouseClient, events: readonly StoredEvent[]) {
  if (events.length === 0) return;
  const [row] = await client.query<{ next: string }>('SELECT max(seq) + 1 AS next FROM events');
  const first = BigInt(row?.next ?? 1);
  // The collectors' and the importer's insert (RowBinary): values arrive exactly as in the DuckDB file.
  const rows = events.map((event, index) => clickHouseEventRow(event, first + BigInt(index)));
  await insertEventRows(client, rows, { insert_distributed_sync: 1 });
}
