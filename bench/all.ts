/**
 * Runs every benchmark as a child process, one after the other (they must not share the cores),
 * and prints one table of their headline figures: value, the baseline each measured in the same
 * run, the ratio, and the goal. Each bench's own output streams through as it runs.
 *
 * Run: npm run bench. Environment:
 * - BENCH_QUICK=1: a smoke run (SECONDS=2 per phase, EVENTS=200000) to check the benches work;
 *   its figures are not comparable with the goals.
 * - BENCH_ONLY=collector,reports: run only these (collector, replay, reports, site).
 * - SECONDS, CONNECTIONS, EVENTS, MEMORY_LIMIT, BENCH_DB pass through to the benches.
 * The reports and site benches share one generated database (BENCH_DB), so the 10 million events
 * are generated once per run, not twice.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, parseBenchJson } from './figures.ts';
import { benchTable } from './table.ts';

const BENCHES = [
  { name: 'collector', script: 'collector-load.ts' },
  { name: 'replay', script: 'replay-cost.ts' },
  { name: 'reports', script: 'reports.ts' },
  { name: 'site', script: 'site-build.ts' },
] as const;

const quick = process.env.BENCH_QUICK === '1';
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !BENCHES.some((bench) => bench.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown bench ${unknown.join(', ')}; use ${BENCHES.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const folder = mkdtempSync(join(tmpdir(), 'polku-bench-all-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  BENCH_DB: process.env.BENCH_DB ?? join(folder, 'events.duckdb'),
  ...(quick ? { SECONDS: process.env.SECONDS ?? '2', EVENTS: process.env.EVENTS ?? '200000' } : {}),
};

/** Runs one bench, streaming its output; resolves with its exit code and what it printed. */
function run(script: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [fileURLToPath(new URL(script, import.meta.url))], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

const results: BenchResult[] = [];
const failures: string[] = [];
try {
  for (const bench of BENCHES.filter((b) => only === undefined || only.includes(b.name))) {
    console.log(`\n=== ${bench.name} (bench/${bench.script})`);
    const { code, output } = await run(bench.script);
    const result = parseBenchJson(output);
    if (result) results.push(result);
    if (code !== 0 || !result) failures.push(`${bench.name}: exit ${code}${result ? '' : ', no BENCH_JSON line'}`);
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`\n${quick ? 'QUICK RUN (BENCH_QUICK=1): smoke settings, not comparable with the goals\n' : ''}`);
console.log(benchTable(results));
if (failures.length > 0) {
  console.log(`\nfailed: ${failures.join('; ')}`);
  process.exitCode = 1;
}
