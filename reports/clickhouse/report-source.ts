import type { PolkuConfig } from '../../config/index.ts';
import type { ClickHouseShards } from '../../store/clickhouse/cluster.ts';
import type { ReportSource } from '../report-source.ts';
import { clickHouseReportEngine } from './report-engine.ts';
import { clickHouseReportSummary } from './report-summary.ts';
import { type ClickHouseReportRun, closeReportRun, openReportRun } from './run-tables.ts';

/**
 * A ClickHouse cluster as a report source. Each engine is a report run of its own (its tables named
 * for it); opening the next one, or closing the source, drops the previous run's tables, so a
 * several-period build keeps one run's tables at a time.
 */
export function clickHouseReportSource(shards: ClickHouseShards): ReportSource {
  let current: ClickHouseReportRun | null = null;
  const sitesOf = (config: PolkuConfig) => config.sites.map((site) => site.id);
  const release = async () => {
    if (current === null) return;
    const run = current;
    current = null;
    await closeReportRun(run);
  };
  return {
    async newestEventTime(config) {
      // A run without tables: only its sites are read.
      const run = await openReportRun(shards, sitesOf(config));
      return (await clickHouseReportSummary(run, {})).last;
    },
    async openEngine(config) {
      await release();
      current = await openReportRun(shards, sitesOf(config));
      return clickHouseReportEngine(current);
    },
    close: release,
  };
}
