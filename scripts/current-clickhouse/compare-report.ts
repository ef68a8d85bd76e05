/**
 * Does the report's ClickHouse SQL run on a current ClickHouse, with the same results? A manual check,
 * not part of the test suite (the engine is a 570 MB package):
 *
 *   npm i --no-save chdb && TZ=UTC npx node scripts/current-clickhouse/compare-report.ts
 *
 * It runs the ClickHouse report engine on chdb (ClickHouse 26.x embedded; a one-shard cluster `polku`
 * whose Distributed tables point at localhost, which chdb runs in-process because cluster.xml names
 * tcp_port 9000) and compares the model with DuckDB's on the same random events, the three cases of
 * tests/integration/clickhouse-report-model.test.ts. Exits 1 unless all are equal. One shard: the
 * merging of several shards' partial results is tested on 18.16 only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Session } from 'chdb';
import type { PolkuConfig } from '../../config/index.ts';
import { clickHouseReportSource } from '../../reports/clickhouse/report-source.ts';
import {
  computeReport,
  computeReportWith,
  type ReportOptions,
  reportFileContent,
  reportFiles,
} from '../../reports/index.ts';
import { sessionDetails } from '../../reports/session-details.ts';
import type { ClickHouseShards } from '../../store/clickhouse/cluster.ts';
import { clickHouseEventRow } from '../../store/clickhouse/event-rows.ts';
import { insertEventRows } from '../../store/clickhouse/insert-event-rows.ts';
import { ensureClickHouseSchema } from '../../store/clickhouse/schema.ts';
import { Store } from '../../store/index.ts';
import { seededRandom } from '../../tests/support/random.ts';
import { randomReportConfig, randomReportEvents } from '../../tests/support/random-report-events.ts';
import { appendEvents } from '../../tests/support/seed-events.ts';
import { chdbClient, FAILURES, LOG } from './chdb-client.ts';

writeFileSync(LOG, '');
const dir = mkdtempSync(join(tmpdir(), 'chdb-check-'));
const session = new Session(join(dir, 'chdb'), {
  connectionArgs: [
    `--config-file=${fileURLToPath(new URL('cluster.xml', import.meta.url))}`,
    ...(process.env.CHARGS ? process.env.CHARGS.split(' ') : []),
  ],
});
const client = chdbClient(session);
console.log('chdb ClickHouse version', (await client.query<{ v: string }>('SELECT version() AS v'))[0]?.v);
console.log('timezone', (await client.query('SELECT timezone() AS tz'))[0]);

const seed = Number(process.env.SEED ?? 20261205);
const events = randomReportEvents(seededRandom(seed), Number(process.env.VISITORS ?? 600));
const store = await Store.open(join(dir, 'report.duckdb'));
await appendEvents(store, events);
await ensureClickHouseSchema([client]);
// insertClickHouseEvents (tests/support/clickhouse-events.ts), inlined: that module pulls in vitest.
{
  const [row] = await client.query<{ next: string }>('SELECT max(seq) + 1 AS next FROM events');
  const first = BigInt(row?.next ?? 1);
  await insertEventRows(
    client,
    events.map((event, index) => clickHouseEventRow(event, first + BigInt(index))),
    { insert_distributed_sync: 1 },
  );
}
console.log('events', events.length, (await client.query('SELECT count() AS n FROM events'))[0]);
const shards: ClickHouseShards = { first: client, shards: [client], cluster: 'polku' };

/** Paths where a and b differ (first 40). */
function diff(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (out.length >= Number(process.env.MAXDIFF ?? 40)) return out;
  if (isDeepStrictEqual(a, b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    if (Array.isArray(a) && a.length !== (b as unknown[]).length)
      out.push(`${path}.length: ${a.length} vs ${(b as unknown[]).length}`);
    for (const key of keys)
      diff((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`, out);
    return out;
  }
  out.push(`${path}: clickhouse=${JSON.stringify(a)?.slice(0, 200)} duckdb=${JSON.stringify(b)?.slice(0, 200)}`);
  return out;
}

const cases: [string, PolkuConfig, ReportOptions][] = [
  ['all events', randomReportConfig(), {}],
  [
    'five days, compared with the five before',
    randomReportConfig(),
    { range: { from: '2026-03-06T00:00:00.000Z', to: '2026-03-11T00:00:00.000Z' } },
  ],
  ['revenue counted from purchases', randomReportConfig({ revenue: true }), {}],
];
let ok = true;
for (const [name, config, options] of cases) {
  const duckDb = await computeReport(config, store, options);
  const duckDbSessions = await sessionDetails(config, store, duckDb);
  const source = clickHouseReportSource(shards);
  try {
    const engine = await source.openEngine(config);
    const clickHouse = await computeReportWith(config, engine, options);
    const chSessions = await engine.sessionDetails(config, clickHouse);
    const { backend, ...model } = clickHouse;
    const modelDiff = diff(model, duckDb);
    const sessionsDiff = diff(chSessions, duckDbSessions);
    let fileDiffs = 0;
    for (const file of reportFiles(clickHouse).filter((each) => each.kind === 'json')) {
      const { meta, checksum: _a, ...doc } = JSON.parse(reportFileContent(clickHouse, file));
      const { meta: dm, checksum: _b, ...ddoc } = JSON.parse(reportFileContent(duckDb, file));
      if (!isDeepStrictEqual(doc, ddoc) || !isDeepStrictEqual(meta, { ...dm, backend: 'clickhouse' })) fileDiffs++;
    }
    const vacuous = `events=${duckDb.eventCount} journeys=${duckDb.journeys.map((j) => j.steps[0]?.count).join(',')} campaigns=${duckDb.campaigns.length} sessions=${duckDbSessions.sessions.length}`;
    console.log(
      `\n== ${name}: backend=${backend} model ${modelDiff.length === 0 ? 'EQUAL' : 'DIFFERS'}; sessionDetails ${sessionsDiff.length === 0 ? 'EQUAL' : 'DIFFERS'}; json files differing: ${fileDiffs}; ${vacuous}`,
    );
    for (const line of [...modelDiff, ...sessionsDiff.map((d) => `sessions${d}`)]) console.log('   ', line);
    if (modelDiff.length || sessionsDiff.length || fileDiffs) ok = false;
  } catch (error) {
    ok = false;
    console.log(`\n== ${name}: FAILED: ${(error as Error).message.slice(0, 3000)}`);
  } finally {
    await source.close().catch((e) => console.log('close failed', e.message));
  }
}
const left = await client.query("SELECT name FROM system.tables WHERE startsWith(name, 'polku_run_')");
console.log(
  '\nrun tables left:',
  left.length,
  'failed statements:',
  FAILURES.length,
  ok ? 'ALL EQUAL' : 'NOT ALL EQUAL',
);
for (const f of FAILURES) console.log('FAILED SQL:\n', f.sql.slice(0, 1500), '\nERROR:', f.error.slice(0, 1500));
await store.close();
session.cleanup();
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok && FAILURES.length === 0 ? 0 : 1;
