/**
 * The ClickHouse path against the embedded default, on the same 10 M synthetic events in one run
 * (issue 13 asks for the numbers; there is no target yet):
 * - loading the events into a local 2-shard cluster (scripts/clickhouse-cluster.sh) through the
 *   Distributed table, sharded by visitor;
 * - the 4-step funnel: Polku on DuckDB, Polku on the cluster (reports/clickhouse), and ClickHouse's own
 *   `windowFunnel` on the cluster as a peer (its semantics differ: both counts are printed);
 * - a plain scan in both, so every time also reads as a multiple of its engine's own scan;
 * - the full report on DuckDB and on the cluster (reports/clickhouse/report-engine.ts), per stage,
 *   and whether both gave the same model;
 * - ingest throughput into the cluster through two collectors against one DuckDB collector
 *   (bench/clickhouse-ingest.ts).
 * Interleaved, ROUNDS times each, medians printed with every run. Each ClickHouse server gets
 * `max_threads` equal to DuckDB's threads; both shards run on this one machine, so the cluster here
 * measures the plan's overhead, not scale-out.
 *
 * Run: npm run bench:clickhouse (BENCH_DB=file reuses a generated database; EVENTS=… its size;
 * FULL_REPORT=0 skips the two full reports; MAX_MEMORY=bytes caps each ClickHouse query; INGEST_SECONDS=0 skips ingest).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { isDeepStrictEqual } from 'node:util';
import { type JourneyConfig, parseConfig } from '../config/index.ts';
import { clickHouseJourneyStepCounts } from '../reports/clickhouse/journey.ts';
import { clickHouseReportSource } from '../reports/clickhouse/report-source.ts';
import { computeReport, computeReportWith, journeyStepCounts } from '../reports/index.ts';
import { clickHouseClient } from '../store/clickhouse/client.ts';
import { DEFAULT_CLUSTER, ensureClickHouseSchema } from '../store/clickhouse/schema.ts';
import { Store } from '../store/index.ts';
import { startClickHouseCluster } from '../tests/support/clickhouse-cluster.ts';
import { BENCH_CONFIG } from './bench-config.ts';
import { measureIngest } from './clickhouse-ingest.ts';
import { type BenchFigure, printBenchJson } from './figures.ts';
import { generateSyntheticEvents } from './synthetic-events.ts';
import { median, runs, timed } from './timing.ts';
import { reachedPerStep, windowFunnelConditions } from './window-funnel.ts';

const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const FULL_REPORT = process.env.FULL_REPORT !== '0';
const INGEST_SECONDS = Number(process.env.INGEST_SECONDS ?? 10);
const folder = mkdtempSync(join(tmpdir(), 'polku-bench-clickhouse-'));
const file = process.env.BENCH_DB ?? join(folder, 'bench.duckdb');
const config = parseConfig(BENCH_CONFIG);
const journey = config.journeys[0] as JourneyConfig;

/**
 * The store's events as rows of the ClickHouse schema (store/clickhouse/schema.ts), written by DuckDB
 * as JSON lines and streamed into the Distributed table: the bench's own bulk path, so that loading
 * 10 M events takes a minute rather than the collectors' pace.
 */
async function loadIntoCluster(store: Store, url: string): Promise<void> {
  const lines = join(folder, 'events.jsonl');
  const keys = 'coalesce(json_keys(props), [])::varchar[]';
  await store.query(`copy (
      select id::varchar as id, seq, epoch_us(ts) as ts_us, epoch_us(received_at) as received_at_us, site, name, url,
        path, hostname, referrer, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content, channel,
        visitor_id, session_id, page_id, device, browser, os, country, coalesce(props::varchar, '{}') as props,
        ${keys} as prop_keys,
        list_transform(${keys}, k -> json_extract_string(props, '$."' || replace(k, '"', '\\"') || '"')) as prop_values,
        value
      from events
    ) to '${lines}' (format json)`);
  const insert = new URLSearchParams({ query: 'INSERT INTO events FORMAT JSONEachRow', insert_distributed_sync: '1' });
  const response = await fetch(`${url}?${insert}`, {
    method: 'POST',
    body: Readable.toWeb(createReadStream(lines)) as unknown as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  if (!response.ok) throw new Error(`loading the cluster failed: ${await response.text()}`);
  rmSync(lines);
}

const cluster = await startClickHouseCluster();
try {
  if (!existsSync(file)) {
    const { seconds } = await timed(() => generateSyntheticEvents(file, EVENTS));
    console.log(`generated ${EVENTS.toLocaleString('en')} events in ${seconds.toFixed(1)} s`);
  }
  const store = await Store.open(file, { readOnly: true });
  await store.query(`set memory_limit = '1GB'`);
  const threads = Number((await store.query(`select current_setting('threads') as t`))[0]?.t);
  // MAX_MEMORY (bytes) caps each ClickHouse query, so a stage that needs too much fails with its name
  // instead of the kernel killing a server.
  const settings = {
    max_threads: threads,
    ...(process.env.MAX_MEMORY ? { max_memory_usage: Number(process.env.MAX_MEMORY) } : {}),
  };
  const shards = cluster.shardUrls.map((url) => clickHouseClient(url, { settings }));
  const client = shards[0] as ReturnType<typeof clickHouseClient>;
  await ensureClickHouseSchema(shards);
  const version = (await client.query<{ v: string }>('SELECT version() AS v'))[0]?.v;
  const load = await timed(() => loadIntoCluster(store, cluster.url));
  const perShard = await Promise.all(
    shards.map(async (shard) =>
      Number((await shard.query<{ n: string }>('SELECT count() AS n FROM events_local'))[0]?.n),
    ),
  );
  console.log(
    `ClickHouse ${version}, 2 shards on this machine: loaded ${perShard.reduce((a, b) => a + b, 0).toLocaleString('en')} ` +
      `events in ${load.seconds.toFixed(1)} s (${perShard.map((n) => n.toLocaleString('en')).join(' + ')} per shard)`,
  );

  // Sessions live on one shard (sharded by visitor), so each shard's per-session levels are final:
  // distributed_group_by_no_merge keeps the initiator from merging them again.
  const windowFunnelSql = `SELECT level, count() AS units FROM (
      SELECT windowFunnel(31536000)(toDateTime(intDiv(ts_us, 1000000)), ${windowFunnelConditions(journey.steps)}) AS level
      FROM events WHERE site = 'shop' GROUP BY session_id
    ) GROUP BY level ORDER BY level`;
  const time = {
    duckScan: [] as number[],
    clickScan: [] as number[],
    duck: [] as number[],
    cluster: [] as number[],
    windowFunnel: [] as number[],
  };
  let duckCounts: number[] = [];
  let clusterCounts: number[] = [];
  let peerCounts: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    time.duckScan.push(
      (
        await timed(() =>
          store.query(`select count(*)::integer as n, (sum(hash(session_id, ts, seq, name, path)) % 1000)::integer as h
            from events where site = 'shop'`),
        )
      ).seconds,
    );
    time.clickScan.push(
      (
        await timed(() =>
          client.query(
            "SELECT count() AS n, sum(cityHash64(session_id, ts_us, seq, name, path)) % 1000 AS h FROM events WHERE site = 'shop'",
          ),
        )
      ).seconds,
    );
    const duck = await timed(() => journeyStepCounts(store, journey));
    time.duck.push(duck.seconds);
    duckCounts = duck.result;
    const ours = await timed(() => clickHouseJourneyStepCounts(client, journey));
    time.cluster.push(ours.seconds);
    clusterCounts = ours.result;
    const peer = await timed(() =>
      client.query<{ level: number; units: string }>(windowFunnelSql, { distributed_group_by_no_merge: 1 }),
    );
    time.windowFunnel.push(peer.seconds);
    peerCounts = reachedPerStep(
      peer.result.map((row) => ({ level: row.level, units: Number(row.units) })),
      journey.steps.length,
    );
  }
  const m = {
    duckScan: median(time.duckScan),
    clickScan: median(time.clickScan),
    duck: median(time.duck),
    cluster: median(time.cluster),
    windowFunnel: median(time.windowFunnel),
  };
  const line = (label: string, seconds: number, all: number[], extra = '') =>
    console.log(`${label.padEnd(44)} ${seconds.toFixed(3).padStart(8)} s  runs [${runs(all)}]${extra}`);
  console.log(`${ROUNDS} interleaved rounds, ${threads} threads for DuckDB and for each ClickHouse server`);
  line('DuckDB plain scan', m.duckScan, time.duckScan);
  line('cluster plain scan', m.clickScan, time.clickScan);
  line('Polku 4-step funnel, DuckDB', m.duck, time.duck, `  ${(m.duck / m.duckScan).toFixed(1)}× own scan`);
  line('Polku 4-step funnel, cluster', m.cluster, time.cluster, `  ${(m.cluster / m.clickScan).toFixed(1)}× own scan`);
  line(
    'windowFunnel on the cluster',
    m.windowFunnel,
    time.windowFunnel,
    `  ${(m.windowFunnel / m.clickScan).toFixed(1)}× own scan`,
  );
  console.log(`counts, Polku on DuckDB: [${duckCounts.join(', ')}]`);
  console.log(
    `counts, Polku on cluster: [${clusterCounts.join(', ')}]${clusterCounts.join() === duckCounts.join() ? ' (same)' : ' (DIFFER: a bug)'}`,
  );
  console.log(`counts, windowFunnel:    [${peerCounts.join(', ')}]`);

  const figures: BenchFigure[] = [
    {
      figure: `load ${perShard.reduce((a, b) => a + b, 0).toLocaleString('en')} events into the 2-shard cluster`,
      value: load.seconds,
      unit: 's',
    },
    {
      figure: 'Polku 4-step funnel on the cluster vs on DuckDB',
      value: m.cluster,
      unit: 's',
      baseline: { what: 'Polku 4-step funnel on DuckDB', value: m.duck },
    },
    {
      figure: 'windowFunnel on the cluster vs Polku on DuckDB',
      value: m.windowFunnel,
      unit: 's',
      baseline: { what: 'Polku 4-step funnel on DuckDB', value: m.duck },
    },
  ];
  if (FULL_REPORT) {
    const stages = { duckdb: new Map<string, number>(), cluster: new Map<string, number>() };
    const report = await timed(() =>
      computeReport(config, store, { onTiming: (label, seconds) => stages.duckdb.set(label, seconds) }),
    );
    const source = clickHouseReportSource({ first: client, shards, cluster: DEFAULT_CLUSTER });
    const clusterReport = await timed(async () =>
      computeReportWith(config, await source.openEngine(config), {
        onTiming: (label, seconds) => stages.cluster.set(label, seconds),
      }),
    );
    await source.close();
    const { backend: _backend, ...clusterModel } = clusterReport.result;
    const same = isDeepStrictEqual(clusterModel, report.result);
    console.log(
      `${'full report, DuckDB'.padEnd(44)} ${report.seconds.toFixed(3).padStart(8)} s  ` +
        `${report.result.journeys.length} journeys × ${report.result.campaigns.length} campaigns`,
    );
    console.log(
      `${'full report, cluster'.padEnd(44)} ${clusterReport.seconds.toFixed(3).padStart(8)} s  ` +
        `${(clusterReport.seconds / report.seconds).toFixed(1)}× DuckDB's; ${same ? 'the same model' : 'a DIFFERENT model: a bug'}`,
    );
    console.log('stages above 0.5 s (DuckDB | cluster):');
    for (const [label, seconds] of stages.cluster) {
      const duckdb = stages.duckdb.get(label) ?? 0;
      if (seconds < 0.5 && duckdb < 0.5) continue;
      console.log(`  ${label.padEnd(42)} ${duckdb.toFixed(2).padStart(7)} s | ${seconds.toFixed(2).padStart(7)} s`);
    }
    figures.push(
      { figure: 'full report on DuckDB', value: report.seconds, unit: 's' },
      {
        figure: 'full report on the cluster vs on DuckDB',
        value: clusterReport.seconds,
        unit: 's',
        baseline: { what: 'full report on DuckDB', value: report.seconds },
      },
    );
  }
  // Last: the collectors' events join the cluster's, which the funnels above must not see.
  if (INGEST_SECONDS > 0) {
    const ingest = await measureIngest(folder, cluster.shardUrls, client, INGEST_SECONDS);
    const rate = (side: { acknowledged: number; seconds: number; perSecond: number }) =>
      `${side.perSecond.toFixed(0).padStart(8)} events/s  (${side.acknowledged.toLocaleString('en')} acknowledged, all stored after ${side.seconds.toFixed(1)} s)`;
    console.log(`${'ingest, one collector into DuckDB'.padEnd(44)} ${rate(ingest.duckdb)}`);
    console.log(`${'ingest, two collectors into the cluster'.padEnd(44)} ${rate(ingest.clickhouse)}`);
    figures.push({
      figure: 'ingest into the cluster through two collectors',
      value: ingest.clickhouse.perSecond,
      unit: 'events/s',
      baseline: { what: 'one collector into DuckDB', value: ingest.duckdb.perSecond },
    });
  }
  printBenchJson('clickhouse', figures);
  await store.close();
} finally {
  await cluster.stop();
  rmSync(folder, { recursive: true, force: true });
}
