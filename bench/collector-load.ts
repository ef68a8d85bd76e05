/**
 * Load over loopback with autocannon: the real collector (`polku collect`, spool fsync'd before
 * every 202, writer into DuckDB) against a bare Hono endpoint, both as separate processes, in the
 * same run so the ratio means the same on a busy machine. Prints throughput for single events and
 * 10-event batches (acknowledged requests only), p50/p99 latency at full load and at half the
 * collector's rate, what the writer sustains (a full run's events over the time until they are all
 * in the database), peak RSS, and checks that every acknowledged event reached the database. Each
 * collector run starts with the spool drained.
 *
 * Run: npm run bench:collector   (SECONDS=10 per phase by default; CONNECTIONS=64)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../store/index.ts';
import { type BenchFigure, printBenchJson } from './figures.ts';
import { cpuMs, type LoadResult, peakRssMiB, runLoad } from './load.ts';

const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 64);
const CLI = fileURLToPath(new URL('../cli/polku.ts', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

async function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  for await (const chunk of child.stdout ?? []) {
    output += chunk;
    const match = /listening on (http:\/\/\S+)/.exec(output);
    if (match?.[1]) return { child, url: match[1] };
  }
  throw new Error(`${args.join(' ')} exited before listening:\n${output}`);
}

async function stop(child: ChildProcess): Promise<void> {
  const closed = once(child, 'close');
  child.kill('SIGTERM');
  await closed;
}

/** A run and the server's CPU time per request during it: a figure other load on the machine barely moves. */
interface Measured extends LoadResult {
  cpuUsPerRequest: number;
}

/**
 * Waits until the collector's spool is nearly empty, so that a run does not pay for the backlog a
 * faster run before it left (and is not refused at the spool's cap because of it).
 */
async function untilDrained(url: string): Promise<void> {
  for (let waited = 0; waited < 120_000; waited += 250) {
    const ready = (await fetch(`${url}/readyz`).then((response) => response.json())) as { spoolBytes?: number };
    if ((ready.spoolBytes ?? 0) < 1024 * 1024) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Events the collector's writer has moved into the database so far (from /metrics). */
async function storedEvents(url: string): Promise<number> {
  const metrics = await fetch(`${url}/metrics`).then((response) => response.text());
  return Number(/^polku_stored_events_total (\d+)$/m.exec(metrics)?.[1] ?? Number.NaN);
}

async function measure(child: ChildProcess, url: string, options: Parameters<typeof runLoad>[1]): Promise<Measured> {
  const before = cpuMs(child);
  const result = await runLoad(url, options);
  const requests = result.acknowledged + result.non2xx;
  return { ...result, cpuUsPerRequest: ((cpuMs(child) - before) * 1000) / Math.max(1, requests) };
}

function row(name: string, result: Measured, baseline?: Measured): string {
  const ratio = baseline ? (result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2) : '';
  return [
    name.padEnd(34),
    result.requestsPerSecond.toFixed(0).padStart(8),
    result.eventsPerSecond.toFixed(0).padStart(9),
    result.p50Ms.toFixed(1).padStart(7),
    result.p99Ms.toFixed(1).padStart(7),
    String(result.non2xx + result.errors).padStart(7),
    ratio.padStart(6),
    result.cpuUsPerRequest.toFixed(0).padStart(10),
  ].join(' ');
}

const dir = mkdtempSync(join(tmpdir(), 'polku-bench-'));
try {
  const config = join(dir, 'polku.config.json');
  writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  const db = join(dir, 'bench.duckdb');
  const bare = await start([BARE]);
  const collector = await start([CLI, 'collect', '--config', config, '--db', db, '--port', '0', '--rate-limit', '0']);

  const results: string[] = [];
  const figures: BenchFigure[] = [];
  const writerRates: string[] = [];
  let acknowledged = 0;
  let sent = 0;
  // Warm both servers up (JIT, first spool segment, DuckDB caches) before anything is measured.
  await runLoad(bare.url, { seconds: 2, batchSize: 1, connections: CONNECTIONS });
  const warm = await runLoad(collector.url, { seconds: 2, batchSize: 1, connections: CONNECTIONS });
  acknowledged += warm.acknowledged;
  sent += warm.sent;
  const phase = async (batchSize: number) => {
    const base = await measure(bare.child, bare.url, { seconds: SECONDS, batchSize, connections: CONNECTIONS });
    await untilDrained(collector.url);
    const storedBefore = await storedEvents(collector.url);
    const startedAt = performance.now();
    const full = await measure(collector.child, collector.url, {
      seconds: SECONDS,
      batchSize,
      connections: CONNECTIONS,
    });
    // The spool absorbs bursts; what the writer sustains is the full run's events over the time
    // until they are all in the database.
    await untilDrained(collector.url);
    const storedRate = ((await storedEvents(collector.url)) - storedBefore) / ((performance.now() - startedAt) / 1000);
    const half = await measure(collector.child, collector.url, {
      seconds: SECONDS,
      batchSize,
      connections: CONNECTIONS,
      rate: Math.max(1, Math.round(full.requestsPerSecond / 2)),
    });
    acknowledged += (full.acknowledged + half.acknowledged) * batchSize;
    sent += (full.sent + half.sent) * batchSize;
    const label = batchSize === 1 ? 'single event' : `${batchSize}-event batch`;
    const bareLabel = { what: `bare Hono, ${label}` };
    figures.push(
      batchSize === 1
        ? {
            figure: 'collector, single event',
            value: full.requestsPerSecond,
            unit: 'req/s',
            baseline: { ...bareLabel, value: base.requestsPerSecond },
            goal: '≥ 20,000 req/s, ratio ≥ 0.5',
          }
        : {
            figure: `collector, ${label}`,
            value: full.eventsPerSecond,
            unit: 'events/s',
            baseline: { ...bareLabel, value: base.eventsPerSecond },
            goal: '≥ 100,000 events/s',
          },
      { figure: `collector p99, ${label}, half rate`, value: half.p99Ms, unit: 'ms', goal: '≤ 25 ms' },
      {
        figure: `collector CPU per request, ${label}`,
        value: full.cpuUsPerRequest,
        unit: 'µs',
        baseline: { ...bareLabel, value: base.cpuUsPerRequest },
      },
    );
    results.push(row(`bare Hono, ${label}`, base));
    results.push(row(`collector, ${label}`, full, base));
    results.push(row(`collector, ${label}, half rate`, half));
    writerRates.push(`${label}: ${storedRate.toFixed(0)} events/s`);
  };
  await phase(1);
  await phase(10);
  const collectorRss = peakRssMiB(collector.child);
  const bareRss = peakRssMiB(bare.child);
  await stop(collector.child);
  await stop(bare.child);

  const store = await Store.open(db, { readOnly: true });
  const [stored] = await store.query('select count(*)::integer as n from events');
  await store.close();

  console.log(
    `\n${SECONDS} s per run, ${CONNECTIONS} connections, loopback, 2 cores shared by load generator and server\n`,
  );
  console.log(
    `${'run'.padEnd(34)} ${'req/s'.padStart(8)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'non2xx'.padStart(7)} ${'ratio'.padStart(6)} ${'CPU µs/req'.padStart(10)}`,
  );
  for (const line of results) console.log(line);
  console.log(
    `load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(' ')} (other processes share the cores)`,
  );
  console.log(`writer, full-rate run until its spool drained: ${writerRates.join(', ')}`);
  console.log(`\npeak RSS: collector ${collectorRss.toFixed(0)} MiB, bare Hono ${bareRss.toFixed(0)} MiB`);
  const n = Number(stored?.n);
  console.log(`events acknowledged ${acknowledged} ≤ stored after SIGTERM drain ${n} ≤ sent ${sent}`);
  const consistent = acknowledged <= n && n <= sent;
  if (!consistent) {
    console.error('MISMATCH: an acknowledged event is missing, or an event was stored twice');
    process.exitCode = 1;
  }
  figures.push(
    {
      figure: 'collector peak RSS',
      value: collectorRss,
      unit: 'MiB',
      baseline: { what: 'bare Hono', value: bareRss },
    },
    { figure: 'events acknowledged but not stored', value: Math.max(0, acknowledged - n), unit: 'events', goal: '0' },
    { figure: 'events stored more often than sent', value: Math.max(0, n - sent), unit: 'events', goal: '0' },
  );
  printBenchJson('collector', figures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
