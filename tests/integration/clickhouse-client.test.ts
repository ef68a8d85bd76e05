// The ClickHouse client against a real server: an error that comes after the first rows (HTTP 200
// already sent) is an error, never a partial result; a refused insert's message quotes no row data;
// the schema is refused when a shard's URL is left out.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ClickHouseError, clickHouseClient } from '../../store/clickhouse/client.ts';
import { ensureClickHouseSchema } from '../../store/clickhouse/schema.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';

let cluster: ClickHouseCluster;

describeClickHouse('the ClickHouse client', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
  });
  afterAll(() => cluster?.stop());

  it('throws when the query fails after its first rows were sent', async () => {
    const client = clickHouseClient(cluster.url);
    const failing = 'SELECT number, throwIf(number = 150000) AS boom FROM system.numbers LIMIT 200000';
    const settings = { max_block_size: 1000 };
    const error = await client.query(failing, settings).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClickHouseError);
    expect((error as ClickHouseError).code).toBe(395);
    expect((error as ClickHouseError).message).toMatch(
      /^ClickHouse at http:\/\/127\.0\.0\.1:\d+\/ refused "SELECT number/,
    );
  });

  it("a refused insert names the error but quotes none of the rows' data", async () => {
    const client = clickHouseClient(cluster.url);
    await client.command('CREATE TABLE t (n UInt32) ENGINE = Memory');
    const secret = 'https://shop.example/checkout?email=visitor%40example.com';
    const error = await client.insertJsonLines('t', `{"n":1}\n{"n":"${secret}"}\n`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ClickHouseError);
    expect((error as ClickHouseError).message).toContain('refused "INSERT INTO t FORMAT JSONEachRow"');
    expect((error as ClickHouseError).message).not.toContain('visitor%40example.com');
    expect((error as ClickHouseError).message).not.toContain('shop.example');
  });

  it('creating the schema with one shard of two left out is refused, naming the fix', async () => {
    await expect(ensureClickHouseSchema([clickHouseClient(cluster.url)])).rejects.toThrow(
      'cluster "polku" has 2 shard(s) but 1 URL(s) were given: give every shard\'s HTTP URL in --clickhouse, comma-separated, the one holding the Distributed table first',
    );
    await expect(
      ensureClickHouseSchema(cluster.shardUrls.map((url) => clickHouseClient(url))),
    ).resolves.toBeUndefined();
  });
});
