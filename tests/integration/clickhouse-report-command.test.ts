// `polku report` and `polku build` from a real 2-shard ClickHouse cluster, run as `polku` processes the
// way a user moves to the cluster: a DuckDB file's events exported and imported there, then the same
// report files from both, a built site from the cluster, and a shard that is down stopping both
// commands with its name before anything is written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';
import { runPolku } from '../support/polku-process.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfigInput, randomReportEvents } from '../support/random-report-events.ts';
import { expectSameReportFiles } from '../support/report-files.ts';
import { appendEvents } from '../support/seed-events.ts';

const events = randomReportEvents(seededRandom(20261206), 300);
let cluster: ClickHouseCluster;
let clickhouse: string[];
let dir: string;
let db: string;
let config: string;

describeClickHouse('polku report and polku build from a ClickHouse cluster', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
    clickhouse = ['--backend', 'clickhouse', '--clickhouse', cluster.shardUrls.join(',')];
    // One folder for the whole file (tempDir's are removed after each test).
    dir = mkdtempSync(join(tmpdir(), 'polku-clickhouse-report-'));
    db = join(dir, 'events.duckdb');
    const store = await Store.open(db);
    try {
      await appendEvents(store, events);
    } finally {
      await store.close();
    }
    config = join(dir, 'polku.config.json');
    writeFileSync(config, JSON.stringify(randomReportConfigInput()));
    const exported = join(dir, 'events.ndjson');
    expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', exported])).code).toBe(0);
    const imported = await runPolku(['import', ...clickhouse, exported]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  });
  afterAll(async () => {
    await cluster?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same report files as DuckDB, apart from meta.backend and the checksum over it', async () => {
    const fromDuckDb = join(dir, 'duckdb-report');
    const fromCluster = join(dir, 'cluster-report');
    const duckDbRun = await runPolku(['report', '--config', config, '--db', db, '--out', fromDuckDb]);
    const clusterRun = await runPolku(['report', '--config', config, ...clickhouse, '--out', fromCluster]);
    expect(clusterRun.stderr).toBe('');
    expect(clusterRun.code).toBe(0);
    expect(clusterRun.stdout).toBe(duckDbRun.stdout.replace(fromDuckDb, fromCluster));
    expect(clusterRun.stdout).toMatch(new RegExp(`^wrote \\d+ files for ${events.length} events into `));

    expect(expectSameReportFiles(fromCluster, fromDuckDb).length).toBeGreaterThan(10);
  });

  it('builds the report site from the cluster, named periods counted back from its newest event', async () => {
    const out = join(dir, 'cluster-site');
    const built = await runPolku(['build', '--config', config, ...clickhouse, '--out', out, '--period', 'last-3-days']);
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(built.stdout).toContain(`building reports from the ClickHouse cluster at ${cluster.url} into ${out}\n`);
    expect(built.stdout).toMatch(/built \d+ pages from \d+ events into /);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Shop');
    expect(existsSync(join(out, 'journeys', 'checkout', 'index.html'))).toBe(true);
    // No run tables are left on the shards.
    for (const url of cluster.shardUrls) {
      const response = await fetch(url, {
        method: 'POST',
        body: "SELECT count() FROM system.tables WHERE startsWith(name, 'polku_run_')",
      });
      expect((await response.text()).trim()).toBe('0');
    }
  });

  it('refuses --memory-limit on the cluster (exit 2): that is the servers’ own setting', async () => {
    const run = await runPolku(['build', '--config', config, ...clickhouse, '--memory-limit', '1GB']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "--memory-limit limits the embedded DuckDB; a ClickHouse cluster's limit is its servers' max_memory_usage",
    );
  });

  it('stops with the name of a shard that is down, before writing anything (exit 1)', async () => {
    await cluster.stopShard(2);
    try {
      for (const command of ['report', 'build']) {
        const out = join(dir, `down-${command}`);
        const run = await runPolku([command, '--config', config, ...clickhouse, '--out', out]);
        expect(run.code).toBe(1);
        expect(run.stderr).toContain(
          `ClickHouse shard 2 (${cluster.shardUrls[1]}) does not answer: start it (or fix its URL in --clickhouse) and run the command again`,
        );
        expect(existsSync(out)).toBe(false);
      }
    } finally {
      await cluster.resume(2);
    }
  });
});
