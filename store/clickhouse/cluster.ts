/**
 * The cluster a maintenance command works on, from the shard URLs `--clickhouse` names: the first
 * shard takes queries and inserts (it holds the Distributed `events`), and every shard is written
 * to directly where the Distributed table cannot (schema, ALTER … DELETE).
 *
 * Before any work every shard must answer and the URLs must cover the whole cluster: a purge that
 * skipped a shard would report a count that is not true, and an export would miss events.
 */
import { type ClickHouseClient, ClickHouseError, clickHouseClient } from './client.ts';
import { sqlString } from './literal.ts';
import { DEFAULT_CLUSTER } from './schema.ts';

export interface ClickHouseShards {
  /** Shard 1, which takes queries (Distributed `events`) and inserts. */
  readonly first: ClickHouseClient;
  /** Every shard, in the order `--clickhouse` named them. */
  readonly shards: readonly ClickHouseClient[];
  /** The cluster name in the servers' `remote_servers`. */
  readonly cluster: string;
}

/** "shard 2 (http://…/)": how messages name a shard. */
export function shardName(shards: readonly ClickHouseClient[], shard: ClickHouseClient): string {
  return `shard ${shards.indexOf(shard) + 1} (${shard.url})`;
}

/** Clients for the given URLs, without contacting them (a bad URL fails here). */
export function shardClients(urls: readonly string[]): ClickHouseClient[] {
  if (urls.length === 0) throw new ClickHouseError('no ClickHouse URL given: pass --clickhouse URL[,URL…]', null, '');
  return urls.map((url) => clickHouseClient(url));
}

/** Shards that do not answer /ping, by name; empty when all do. */
export async function unreachableShards(shards: readonly ClickHouseClient[]): Promise<string[]> {
  const answers = await Promise.all(shards.map((shard) => shard.ping()));
  return shards.filter((_, index) => !answers[index]).map((shard) => shardName(shards, shard));
}

/** How many shards the cluster definition on `first` has (0: it has no such cluster). */
export async function definedShardCount(first: ClickHouseClient, cluster: string): Promise<number> {
  const rows = await first.query<{ shards: string }>(
    `SELECT uniqExact(shard_num) AS shards FROM system.clusters WHERE cluster = ${sqlString(cluster)}`,
  );
  return Number(rows[0]?.shards ?? 0);
}

/**
 * Connects to every shard and checks that they answer and that the URLs name the whole cluster;
 * throws a ClickHouseError naming what is wrong and how to fix it.
 */
export async function connectShards(urls: readonly string[], cluster = DEFAULT_CLUSTER): Promise<ClickHouseShards> {
  const shards = shardClients(urls);
  const first = shards[0] as ClickHouseClient;
  const down = await unreachableShards(shards);
  if (down.length > 0) {
    throw new ClickHouseError(
      `ClickHouse ${down.join(' and ')} does not answer: start it (or fix its URL in --clickhouse) and run the command again`,
      null,
      first.url,
    );
  }
  const defined = await definedShardCount(first, cluster);
  if (defined === 0) {
    throw new ClickHouseError(
      `ClickHouse at ${first.url} has no cluster "${cluster}" in its remote_servers: add it to the server config (see docs/clickhouse.md)`,
      null,
      first.url,
    );
  }
  if (defined !== shards.length) {
    throw new ClickHouseError(
      `cluster "${cluster}" has ${defined} shard(s) but --clickhouse names ${shards.length}: ` +
        `give every shard's HTTP URL, comma-separated, the one holding the Distributed table first`,
      null,
      first.url,
    );
  }
  return { first, shards, cluster };
}

/** Throws unless `events_local` is on every shard and `events` on the first (a command that reads needs them). */
export async function requireSchema({ first, shards }: ClickHouseShards): Promise<void> {
  for (const shard of shards) {
    const tables = await tablesOn(shard);
    const missing = ['events_local', ...(shard === first ? ['events'] : [])].filter((name) => !tables.has(name));
    if (missing.length > 0) {
      throw new ClickHouseError(
        `ClickHouse ${shardName(shards, shard)} has no table ${missing.join(', ')}: ` +
          "send events first with 'polku collect --backend clickhouse' or 'polku import --backend clickhouse'",
        null,
        shard.url,
      );
    }
  }
}

/** The tables of the current database on one shard. */
export async function tablesOn(shard: ClickHouseClient): Promise<Set<string>> {
  const rows = await shard.query<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase()');
  return new Set(rows.map((row) => row.name));
}
