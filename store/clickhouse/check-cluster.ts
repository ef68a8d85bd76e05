/**
 * `polku check` on a cluster: what the DuckDB check says that makes sense here — is every shard
 * there, is the schema there, which sites have events and how fresh they are — as findings (an
 * error fails the check) and facts (printed as they are). The config's journeys and campaigns against
 * the data are reports/clickhouse/check-queries.ts's, once this finds no error.
 */
import type { ClickHouseClient } from './client.ts';
import { definedShardCount, shardClients, shardName, tablesOn } from './cluster.ts';
import { clickHouseColumns, DEFAULT_CLUSTER } from './schema.ts';

export interface ClusterFinding {
  level: 'error' | 'warning';
  /** What it is about: `shard 2 (http://…)`, `site "shop"`, `cluster "polku"`. */
  path: string;
  message: string;
}

export interface ClusterCheck {
  findings: ClusterFinding[];
  /** One line per shard and per site: events and the newest event's time. */
  facts: string[];
}

/** Checks the shards at `urls` (the first holds the Distributed `events`) against `sites` from the config. */
export async function checkCluster(
  urls: readonly string[],
  sites: readonly string[],
  cluster = DEFAULT_CLUSTER,
): Promise<ClusterCheck> {
  const shards = shardClients(urls);
  const first = shards[0] as ClickHouseClient;
  const findings: ClusterFinding[] = [];
  const facts: string[] = [];
  const answers = await Promise.all(shards.map((shard) => shard.ping()));
  const up = shards.filter((_, index) => answers[index]);
  for (const shard of shards) {
    if (!up.includes(shard)) {
      findings.push({
        level: 'error',
        path: shardName(shards, shard),
        message: 'does not answer: start it, or fix its URL in --clickhouse',
      });
    }
  }
  if (!up.includes(first)) return { findings, facts };

  const defined = await definedShardCount(first, cluster);
  if (defined === 0) {
    findings.push({
      level: 'error',
      path: `cluster "${cluster}"`,
      message: `is not in the remote_servers of ${first.url}: add it to the server config (see docs/clickhouse.md)`,
    });
  } else if (defined !== shards.length) {
    findings.push({
      level: 'error',
      path: `cluster "${cluster}"`,
      message: `has ${defined} shard(s) but --clickhouse names ${shards.length}: give every shard's HTTP URL, comma-separated`,
    });
  }

  let schemaComplete = true;
  for (const shard of up) {
    const problems = await schemaProblems(shard, shard === first);
    schemaComplete &&= problems.length === 0;
    for (const message of problems) findings.push({ level: 'error', path: shardName(shards, shard), message });
  }
  // The Distributed table fails as a whole when one shard is down: no partial numbers.
  if (!schemaComplete || up.length < shards.length) return { findings, facts };

  for (const shard of shards) {
    const [row] = await shard.query<{ n: string }>('SELECT count() AS n FROM events_local FINAL');
    facts.push(`${shardName(shards, shard)}: ${Number(row?.n ?? 0)} events`);
  }
  const perSite = await first.query<{ site: string; events: string; newest: string }>(
    'SELECT site, count() AS events, toString(max(ts_us)) AS newest FROM events FINAL GROUP BY site ORDER BY site',
  );
  for (const row of perSite) {
    const newest = new Date(Number(BigInt(row.newest) / 1000n)).toISOString();
    facts.push(`site "${row.site}": ${Number(row.events)} events, newest ${newest}`);
  }
  const seen = new Set(perSite.map((row) => row.site));
  for (const site of sites) {
    if (!seen.has(site))
      findings.push({ level: 'warning', path: `site "${site}"`, message: 'has no events on the cluster' });
  }
  const configured = new Set(sites);
  for (const row of perSite) {
    if (!configured.has(row.site)) {
      findings.push({
        level: 'warning',
        path: `site "${row.site}"`,
        message: 'has events on the cluster but is not in the config: its events are in no report',
      });
    }
  }
  return { findings, facts };
}

/** What is missing or different in one shard's tables, as messages. */
async function schemaProblems(shard: ClickHouseClient, holdsDistributed: boolean): Promise<string[]> {
  const tables = await tablesOn(shard);
  const problems: string[] = [];
  for (const table of ['events_local', ...(holdsDistributed ? ['events'] : [])]) {
    if (!tables.has(table)) {
      problems.push(
        `has no table ${table}: send events with 'polku import --backend clickhouse' or 'polku collect --backend clickhouse', which create it`,
      );
      continue;
    }
    const rows = await shard.query<{ name: string; type: string }>(
      `SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = '${table}'`,
    );
    const present = new Map(rows.map((row) => [row.name, row.type]));
    const wrong = clickHouseColumns()
      .filter((column) => present.get(column.name) !== column.type)
      .map((column) => `${column.name} ${column.type} (${present.get(column.name) ?? 'missing'})`);
    if (wrong.length > 0) problems.push(`table ${table} differs from Polku's schema: ${wrong.join(', ')}`);
  }
  return problems;
}
