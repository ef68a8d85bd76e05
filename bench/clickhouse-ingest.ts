/**
 * Ingest into the cluster through two collectors, against one DuckDB collector in the same run: each
 * side takes SECONDS of 10-event batches from 64 connections (split over the two ClickHouse
 * collectors), and its rate is the events acknowledged over the time until all of them are stored
 * (in the DuckDB file, or counted in the cluster). All load comes from one loopback client, so every
 * event has the same visitor and lands on one shard: this measures the collectors and the insert path,
 * not the spread.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '../store/clickhouse/client.ts';
import { runLoad } from './load.ts';

const CLI = fileURLToPath(new URL('../cli/polku.ts', import.meta.url));
const BATCH = 10;
const CONNECTIONS = 64;

export interface IngestFigures {
  duckdb: { acknowledged: number; seconds: number; perSecond: number };
  clickhouse: { acknowledged: number; seconds: number; perSecond: number };
}

/** Starts `polku collect`; its log is kept quiet unless it fails to start. */
async function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk) => {
    log = (log + chunk).slice(-4000);
  });
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) {
      child.stdout?.resume();
      return { child, url: match[1] };
    }
  }
  throw new Error(`polku ${args.join(' ')} exited before listening:\n${output}${log}`);
}

async function stop(child: ChildProcess): Promise<void> {
  const closed = once(child, 'close');
  child.kill('SIGTERM');
  await closed;
}

async function until(stored: () => Promise<number>, target: number): Promise<void> {
  for (let waited = 0; waited < 600_000; waited += 200) {
    if ((await stored()) >= target) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not all ${target} acknowledged events were stored within 10 minutes`);
}

export async function measureIngest(
  folder: string,
  shardUrls: readonly string[],
  cluster: ClickHouseClient,
  seconds: number,
): Promise<IngestFigures> {
  const config = join(folder, 'ingest.config.json');
  writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  const common = ['collect', '--config', config, '--port', '0', '--rate-limit', '0'];

  const duck = await start([...common, '--db', join(folder, 'ingest.duckdb')]);
  let duckdb: IngestFigures['duckdb'];
  try {
    const began = performance.now();
    const load = await runLoad(duck.url, { seconds, batchSize: BATCH, connections: CONNECTIONS });
    const acknowledged = load.acknowledged * BATCH;
    await until(async () => {
      const metrics = await fetch(`${duck.url}/metrics`).then((response) => response.text());
      return Number(/^polku_stored_events_total (\d+)$/m.exec(metrics)?.[1] ?? 0);
    }, acknowledged);
    const elapsed = (performance.now() - began) / 1000;
    duckdb = { acknowledged, seconds: elapsed, perSecond: acknowledged / elapsed };
  } finally {
    await stop(duck.child);
  }

  const before = Number((await cluster.query<{ n: string }>('SELECT count() AS n FROM events'))[0]?.n ?? 0);
  const shards = ['--backend', 'clickhouse', '--clickhouse', shardUrls.join(',')];
  const collectors = await Promise.all(
    ['a', 'b'].map((name) => start([...common, ...shards, '--spool', join(folder, `ingest-${name}.spool`)])),
  );
  let clickhouse: IngestFigures['clickhouse'];
  try {
    const began = performance.now();
    const loads = await Promise.all(
      collectors.map(({ url }) => runLoad(url, { seconds, batchSize: BATCH, connections: CONNECTIONS / 2 })),
    );
    const acknowledged = loads.reduce((sum, load) => sum + load.acknowledged, 0) * BATCH;
    await until(
      async () => Number((await cluster.query<{ n: string }>('SELECT count() AS n FROM events'))[0]?.n ?? 0) - before,
      acknowledged,
    );
    const elapsed = (performance.now() - began) / 1000;
    clickhouse = { acknowledged, seconds: elapsed, perSecond: acknowledged / elapsed };
  } finally {
    await Promise.all(collectors.map(({ child }) => stop(child)));
  }
  return { duckdb, clickhouse };
}
