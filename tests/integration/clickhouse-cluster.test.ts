// The local 2-shard cluster the ClickHouse tests run against: both shards answer, each is named in the
// `polku` cluster, and a Distributed table over them spreads rows by the sharding key.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';

let cluster: ClickHouseCluster;

async function query(url: string, sql: string): Promise<string> {
  const response = await fetch(url, { method: 'POST', body: sql });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url}: ${text}`);
  return text;
}

describeClickHouse('scripts/clickhouse-cluster.sh', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
  });
  afterAll(() => cluster?.stop());

  it('starts two shards named in one cluster, and a Distributed table spreads rows over both', async () => {
    expect(cluster.shardUrls).toHaveLength(2);
    expect(cluster.url).toBe(cluster.shardUrls[0]);
    for (const url of cluster.shardUrls) {
      expect(await query(url, "SELECT shard_num FROM system.clusters WHERE cluster = 'polku' ORDER BY shard_num")).toBe(
        '1\n2\n',
      );
      await query(url, 'CREATE TABLE t_local (k UInt32) ENGINE = MergeTree ORDER BY k');
    }
    await query(cluster.url, 'CREATE TABLE t AS t_local ENGINE = Distributed(polku, default, t_local, k)');
    await query(`${cluster.url}?insert_distributed_sync=1`, 'INSERT INTO t VALUES (1), (2), (3), (4)');
    // The sharding key modulo the number of shards picks the shard: even keys on shard 1, odd on shard 2.
    expect(await query(cluster.shardUrls[0] as string, 'SELECT k FROM t_local ORDER BY k')).toBe('2\n4\n');
    expect(await query(cluster.shardUrls[1] as string, 'SELECT k FROM t_local ORDER BY k')).toBe('1\n3\n');
    expect(await query(cluster.url, 'SELECT sum(k) FROM t')).toBe('10\n');
  });

  it('stops one shard and resumes it with its data', async () => {
    await cluster.stopShard(2);
    await expect(query(cluster.url, 'SELECT sum(k) FROM t')).rejects.toThrow(/Connection refused/);
    await cluster.resume(2);
    expect(await query(cluster.url, 'SELECT sum(k) FROM t')).toBe('10\n');
  });
});
