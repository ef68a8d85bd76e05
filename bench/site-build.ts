/**
 * Whole `polku build` on 10 million synthetic events, 10 journeys × 200 campaigns (target ≤ 60 s):
 * runs the real command as a child process and reports wall time, pages per second, the largest
 * and total HTML page, and peak RSS of the process tree (the CLI with DuckDB, plus the Astro child).
 * Run: npm run bench:site (EVENTS=… to change the size; BENCH_DB=file keeps and reuses the generated
 * database; MEMORY_LIMIT=1500MB caps DuckDB's memory; PERIODS=last-30-days,last-7-days builds those
 * periods side by side with --periods, to measure what each extra period costs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_CONFIG } from './bench-config.ts';
import { printBenchJson } from './figures.ts';
import { generateSyntheticEvents } from './synthetic-events.ts';

const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const CLI = fileURLToPath(new URL('../cli/polku.ts', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'polku-bench-site-'));
const db = process.env.BENCH_DB ?? join(folder, 'bench.duckdb');
const config = join(folder, 'polku.config.json');
const out = join(folder, 'site');

/** Resident memory of a process and all its descendants, in bytes (Linux /proc). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    for (const child of children ? children.split(/\s+/) : []) total += treeRss(Number(child));
  } catch {
    // The process ended between reads.
  }
  return total;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .map((file) => join(dir, file));
}

try {
  if (!existsSync(db)) {
    const start = performance.now();
    await generateSyntheticEvents(db, EVENTS);
    console.log(
      `generated ${EVENTS.toLocaleString('en')} events in ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  writeFileSync(config, JSON.stringify(BENCH_CONFIG));
  const start = performance.now();
  // MEMORY_LIMIT=1500MB passes --memory-limit (DuckDB otherwise takes up to 80 % of RAM).
  const limit = process.env.MEMORY_LIMIT ? ['--memory-limit', process.env.MEMORY_LIMIT] : [];
  const periods = process.env.PERIODS ? ['--periods', process.env.PERIODS] : [];
  const child = spawn(
    process.execPath,
    [CLI, 'build', '--config', config, '--db', db, '--out', out, ...limit, ...periods],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, treeRss(child.pid ?? 0));
  }, 100);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - start) / 1000;
  if (code !== 0) throw new Error(`polku build exited with ${code}`);
  const pages = htmlFiles(out).filter((file) => !file.includes('/player/'));
  const bySize = pages.map((file) => ({ file, size: statSync(file).size })).sort((a, b) => b.size - a.size);
  const sizes = bySize.map((page) => page.size);
  const pagesBuilt = Number(/built (\d+) pages/.exec(output)?.[1] ?? pages.length);
  console.log(`\nwhole polku build: ${seconds.toFixed(1)} s (target ≤ 60 s)`);
  console.log(`pages: ${pagesBuilt}, ${(pagesBuilt / seconds).toFixed(1)} pages/s over the whole build`);
  // The site's own part: from "rendering N pages (T s)" to "built … in T s".
  const renderFrom = Number(/rendering \d+ pages \(([\d.]+) s\)/.exec(output)?.[1] ?? 0);
  const builtAt = Number(/ in ([\d.]+) s \(/.exec(output)?.[1] ?? seconds);
  console.log(
    `site rendering (Astro, charts, files): ${(builtAt - renderFrom).toFixed(1)} s, ${(pagesBuilt / (builtAt - renderFrom)).toFixed(1)} pages/s`,
  );
  console.log(
    `largest HTML page: ${(sizes[0] ?? 0) / 1024 < 100 ? 'ok' : 'OVER BUDGET'} ${((sizes[0] ?? 0) / 1024).toFixed(1)} KB (budget 100 KB); median ${((sizes[Math.floor(sizes.length / 2)] ?? 0) / 1024).toFixed(1)} KB; largest is ${bySize[0]?.file.slice(out.length) ?? '-'}`,
  );
  console.log(`peak RSS of the process tree: ${(peak / 1024 / 1024).toFixed(0)} MB`);
  // No baseline: the whole build has no "without" to run beside it; the parts are in the lines above.
  printBenchJson('site', [
    { figure: `whole polku build, ${pagesBuilt} pages`, value: seconds, unit: 's', goal: '≤ 60 s' },
    { figure: 'largest HTML page', value: (sizes[0] ?? 0) / 1024, unit: 'KB', goal: '≤ 100 KB' },
    { figure: 'build peak RSS, process tree', value: peak / 1024 / 1024, unit: 'MB' },
  ]);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
