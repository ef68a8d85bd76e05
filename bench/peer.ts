/**
 * Our 4-step funnel against a peer on the same data: ClickHouse's `windowFunnel` (Debian's
 * clickhouse-server, started here on a free loopback port). Generates (or reuses, BENCH_DB=file) the
 * 10 M synthetic events of bench/reports.ts, loads the funnel's columns into ClickHouse, then times,
 * interleaved and ROUNDS times each: a plain scan in both engines, our funnel, and windowFunnel with a
 * window longer than any session. Prints every run, the medians, both engines' counts and the ratio.
 * Both engines get the same threads (DuckDB's `threads`, ClickHouse's `max_threads`).
 *
 * windowFunnel's semantics differ from ours (whole seconds, ties by step number rather than arrival,
 * no per-step `within`, strict order or exclusions), so its counts are printed beside ours, not
 * asserted equal: on this data, which has no same-second ties, they agree.
 *
 * Run: npm run bench:peer (EVENTS=… to change the size; MEMORY_LIMIT=… DuckDB's memory limit, 1GB).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type JourneyConfig, parseConfig } from '../config/index.ts';
import { journeyStepCounts } from '../reports/index.ts';
import { Store } from '../store/index.ts';
import { BENCH_CONFIG } from './bench-config.ts';
import { type ClickHouseServer, startClickHouse } from './clickhouse-server.ts';
import { printBenchJson } from './figures.ts';
import { generateSyntheticEvents } from './synthetic-events.ts';
import { median, runs, timed } from './timing.ts';
import { reachedPerStep, windowFunnelConditions } from './window-funnel.ts';

const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const folder = mkdtempSync(join(tmpdir(), 'polku-peer-'));
const file = process.env.BENCH_DB ?? join(folder, 'bench.duckdb');
const journey = parseConfig(BENCH_CONFIG).journeys[0] as JourneyConfig;

async function loadIntoClickHouse(store: Store, clickhouse: ClickHouseServer): Promise<number> {
  const csv = join(folder, 'funnel-columns.csv');
  await store.query(`copy (
      select session_id, epoch(ts)::bigint as ts, epoch_us(ts) as ts_us, seq, name, coalesce(path, '') as path
      from events where site = 'shop'
    ) to '${csv}' (format csv, header false)`);
  await clickhouse.query(`create table events (
      session_id String, ts DateTime, ts_us UInt64, seq UInt64, name String, path String
    ) engine = MergeTree order by (session_id, ts_us)`);
  const body = Readable.toWeb(createReadStream(csv)) as unknown as ReadableStream;
  await clickhouse.query('insert into events format CSV', body);
  rmSync(csv);
  // Merge the inserted parts now: otherwise the server merges them in the background during the
  // timed rounds and slows both engines (measured: our funnel 0.81 s during merges, 0.55 s without).
  await clickhouse.query('optimize table events final');
  return Number((await clickhouse.query('select count() from events')).trim());
}

let clickhouse: ClickHouseServer | null = null;
try {
  if (!existsSync(file)) {
    const { seconds } = await timed(() => generateSyntheticEvents(file, EVENTS));
    console.log(`generated ${EVENTS.toLocaleString('en')} events in ${seconds.toFixed(1)} s`);
  }
  const store = await Store.open(file, { readOnly: true });
  const memoryLimit = (process.env.MEMORY_LIMIT ?? '1GB').replace(/[^0-9A-Za-z]/g, '');
  await store.query(`set memory_limit = '${memoryLimit}'`);
  const threads = Number((await store.query(`select current_setting('threads') as t`))[0]?.t);
  const server = await startClickHouse();
  clickhouse = server;
  const version = (await server.query('select version()')).trim();
  const load = await timed(() => loadIntoClickHouse(store, server));
  console.log(`ClickHouse ${version} at ${server.url}: loaded ${load.result} rows in ${load.seconds.toFixed(1)} s`);
  const settings = { max_threads: threads };
  const windowFunnelSql = `select level, count() from (
      select windowFunnel(31536000)(ts, ${windowFunnelConditions(journey.steps)}) as level
      from events group by session_id
    ) group by level order by level format TabSeparated`;

  const time = {
    duckScan: [] as number[],
    clickScan: [] as number[],
    ours: [] as number[],
    windowFunnel: [] as number[],
  };
  let ours: number[] = [];
  let theirs: number[] = [];
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
          server.query(
            'select count(), sum(cityHash64(session_id, ts_us, seq, name, path)) % 1000 from events',
            undefined,
            settings,
          ),
        )
      ).seconds,
    );
    const funnel = await timed(() => journeyStepCounts(store, journey));
    time.ours.push(funnel.seconds);
    ours = funnel.result;
    const peer = await timed(() => server.query(windowFunnelSql, undefined, settings));
    time.windowFunnel.push(peer.seconds);
    theirs = reachedPerStep(
      peer.result
        .trim()
        .split('\n')
        .map((row) => row.split('\t').map(Number))
        .map(([level, units]) => ({ level: level as number, units: units as number })),
      journey.steps.length,
    );
  }
  const m = {
    duckScan: median(time.duckScan),
    clickScan: median(time.clickScan),
    ours: median(time.ours),
    windowFunnel: median(time.windowFunnel),
  };
  const line = (label: string, seconds: number, all: number[], extra = '') =>
    console.log(`${label.padEnd(40)} ${seconds.toFixed(3).padStart(8)} s  runs [${runs(all)}]${extra}`);
  console.log(`${ROUNDS} interleaved rounds, ${threads} threads each, DuckDB memory limit ${memoryLimit}`);
  line('DuckDB plain scan', m.duckScan, time.duckScan);
  line('ClickHouse plain scan', m.clickScan, time.clickScan);
  line('Polku 4-step funnel (DuckDB)', m.ours, time.ours, `  ${(m.ours / m.duckScan).toFixed(1)}× own scan`);
  line(
    'ClickHouse windowFunnel',
    m.windowFunnel,
    time.windowFunnel,
    `  ${(m.windowFunnel / m.clickScan).toFixed(1)}× own scan`,
  );
  console.log(`counts, Polku:        [${ours.join(', ')}]`);
  console.log(
    `counts, windowFunnel: [${theirs.join(', ')}]${ours.join() === theirs.join() ? ' (same)' : ' (differ: see the semantics above)'}`,
  );
  console.log(`Polku / windowFunnel: ${(m.ours / m.windowFunnel).toFixed(2)}× (goal ≤ 0.7×)`);
  printBenchJson('peer', [
    {
      figure: '4-step funnel vs ClickHouse windowFunnel',
      value: m.ours,
      unit: 's',
      baseline: { what: `ClickHouse ${version} windowFunnel`, value: m.windowFunnel },
      goal: '≤ 0.7×',
    },
    {
      figure: '4-step funnel vs own plain scan',
      value: m.ours,
      unit: 's',
      baseline: { what: 'DuckDB plain scan', value: m.duckScan },
    },
  ]);
  await store.close();
} finally {
  await clickhouse?.stop();
  rmSync(folder, { recursive: true, force: true });
}
