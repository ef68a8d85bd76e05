import { loadConfig } from '../../config/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';
import { PERIOD_OPTIONS, periodRequest } from '../period-options.ts';
import { buildReportSite } from '../report-site.ts';
import { openReportSource } from '../report-source-options.ts';
import { terminalLines, terminalText } from '../terminal-text.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
  out: COMMON_OPTIONS.out,
  base: { type: 'string', value: 'PATH', default: '/', description: 'path the site will be served under' },
  'memory-limit': {
    type: 'string',
    value: 'SIZE',
    description: "cap DuckDB's memory, e.g. 2GB (default: DuckDB's, 80 % of RAM); larger work spills to disk",
  },
  now: {
    type: 'string',
    value: 'TIME',
    description:
      'show this build time (ISO, or "now") instead of the newest event\'s time; last-N-days periods end on its day',
  },
  ...PERIOD_OPTIONS,
  periods: {
    type: 'string',
    value: 'NAMES',
    description:
      'several named periods side by side, comma-separated: the first at the site root, the others under periods/<name>/ (default: report.periods in the config, else all data)',
  },
} as const;

export const build: Command = {
  name: 'build',
  summary: 'build the static report site from the database (or a snapshot of it)',
  options,
  async run(args) {
    const flags = parseOptions('build', options, args);
    const backend = parseBackend('build', flags);
    const now = parseNow(flags.now);
    const config = await loadConfig(flags.config);
    const memoryLimit = parseMemoryLimit(flags['memory-limit']);
    if (memoryLimit !== undefined && backend.kind === 'clickhouse') {
      throw new UsageError(
        "--memory-limit limits the embedded DuckDB; a ClickHouse cluster's limit is its servers' max_memory_usage",
      );
    }
    const request = periodRequest(flags, config, { now, useConfig: true });
    const { source, store, where, close } = await openReportSource(backend, flags.db);
    const started = performance.now();
    try {
      if (memoryLimit !== undefined) await store?.query(`set memory_limit = '${memoryLimit}'`);
      // Named periods are resolved before the build starts, so their mistakes stay usage errors.
      const periods = request.resolve(request.needsNewestEvent ? await source.newestEventTime(config) : null);
      console.log(`building reports from ${where} into ${flags.out}`);
      const { data, pages } = await buildReportSite(config, source, {
        out: flags.out,
        base: normaliseBase(flags.base),
        now,
        periods,
        configFile: flags.config,
        onProgress: (stage) =>
          console.log(`… ${terminalText(stage)} (${((performance.now() - started) / 1000).toFixed(1)} s)`),
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `built ${pages} pages from ${data.eventCount} events into ${flags.out} in ${seconds.toFixed(1)} s (${(pages / seconds).toFixed(1)} pages/s)`,
      );
      return 0;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      // A failed query or page must fail the build loudly, never leave a half-right site behind.
      // The message may quote Astro's output, which names pages after campaigns and journeys.
      console.error(terminalLines(`polku build failed: ${error instanceof Error ? error.message : String(error)}`));
      return 1;
    } finally {
      await close();
    }
  },
};

/** `--now` takes an ISO time or the word "now"; anything else is a usage error. */
function parseNow(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value === 'now') return new Date().toISOString();
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--now: "${value}" is not a time; use ISO 8601 or "now"`);
  return new Date(time).toISOString();
}

/** "1500MB", "2GB": checked here, because the value goes into a SET statement. */
function parseMemoryLimit(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(value.trim())) {
    throw new UsageError(`--memory-limit: "${value}" is not a size; use e.g. 1500MB or 2GB`);
  }
  return value.trim();
}

/** "/x" and "x/" both mean "/x/": the site's links are built from it. */
export function normaliseBase(base: string): string {
  return `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
}
