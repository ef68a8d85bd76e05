/**
 * Polku's tables on a ClickHouse cluster, derived from the one column list (store/event-columns.ts):
 *
 * - `events_local` on every shard: a ReplacingMergeTree keyed by the event id, so a segment shipped
 *   twice (a retry after a lost answer) collapses to one row per id. Merges collapse it eventually;
 *   reads that must be exact use `FINAL` (or group by id) until then.
 * - `events` on the shard the reports talk to: a Distributed table over `events_local`, sharded by
 *   `cityHash64(visitor_id)`, so every event of a visitor (and so of a session) lives on one shard and
 *   per-unit work (funnels, sessions) runs there; only small aggregates travel.
 *
 * The SQL runs on Debian's 18.16 and on current servers: no DateTime64 (times are Int64 microseconds
 * since the epoch, UTC), no JSON functions (props are kept as their JSON text and as two arrays of keys
 * and values, the values as DuckDB's json_extract_string gives them), no ON CLUSTER (that needs
 * ZooKeeper): the DDL is applied to each shard's HTTP URL.
 */
import { EVENT_COLUMNS, type EventColumn } from '../event-columns.ts';
import type { ClickHouseClient } from './client.ts';
import { sqlIdentifier, sqlString } from './literal.ts';

/** The cluster name in the servers' `remote_servers` (scripts/clickhouse-cluster.sh writes `polku`). */
export const DEFAULT_CLUSTER = 'polku';

/** One ClickHouse column per event column; `time` columns become `<name>_us`, `json` gets two arrays. */
export function clickHouseColumns(): { name: string; type: string }[] {
  return EVENT_COLUMNS.flatMap((c: EventColumn) => {
    const nullable = (type: string) => (c.required ? type : `Nullable(${type})`);
    switch (c.kind) {
      case 'uuid':
        return [{ name: c.name, type: 'UUID' }];
      case 'seq':
        return [{ name: c.name, type: 'UInt64' }];
      case 'time':
        return [{ name: `${c.name}_us`, type: 'Int64' }];
      case 'varchar':
        return [{ name: c.name, type: nullable('String') }];
      case 'double':
        return [{ name: c.name, type: nullable('Float64') }];
      default:
        // json: the text, and its keys and values for matching without JSON functions.
        return [
          { name: c.name, type: 'String' },
          { name: 'prop_keys', type: 'Array(String)' },
          { name: 'prop_values', type: 'Array(String)' },
        ];
    }
  });
}

/** CREATE TABLE for `events_local`, run on every shard. */
export function localEventsTableSql(): string {
  const columns = clickHouseColumns()
    .map((c) => `  ${c.name} ${c.type}`)
    .join(',\n');
  return `CREATE TABLE IF NOT EXISTS events_local (
${columns}
) ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(toDateTime(intDiv(ts_us, 1000000)))
ORDER BY (site, visitor_id, session_id, id)`;
}

/** CREATE TABLE for the Distributed `events`, run on the shard(s) the reports and collectors talk to. */
export function distributedEventsTableSql(cluster = DEFAULT_CLUSTER): string {
  return `CREATE TABLE IF NOT EXISTS events AS events_local
ENGINE = Distributed(${sqlIdentifier(cluster)}, currentDatabase(), events_local, cityHash64(visitor_id))`;
}

/**
 * Creates the tables where missing: `events_local` on each shard, `events` on the first (and on any
 * other shard too, so any of them can take queries). Idempotent.
 */
export async function ensureClickHouseSchema(shards: readonly ClickHouseClient[], cluster = DEFAULT_CLUSTER) {
  if (shards.length === 0) throw new RangeError('no ClickHouse shard given');
  const [first] = shards;
  const known = await (first as ClickHouseClient).query<{ shards: string }>(
    `SELECT uniqExact(shard_num) AS shards FROM system.clusters WHERE cluster = ${sqlString(cluster)}`,
  );
  if (Number(known[0]?.shards ?? 0) === 0) {
    throw new Error(
      `ClickHouse at ${(first as ClickHouseClient).url} has no cluster "${cluster}" in its remote_servers: ` +
        'add it to the server config (see docs/clickhouse.md)',
    );
  }
  if (Number(known[0]?.shards) !== shards.length) {
    // A shard left out would never get events_local, and every insert routed to it would fail with
    // a message that names no URL of ours.
    throw new Error(
      `cluster "${cluster}" has ${known[0]?.shards} shard(s) but ${shards.length} URL(s) were given: ` +
        "give every shard's HTTP URL in --clickhouse, comma-separated, the one holding the Distributed table first",
    );
  }
  for (const shard of shards) await shard.command(localEventsTableSql());
  for (const shard of shards) await shard.command(distributedEventsTableSql(cluster));
}
