import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { openDuckDbReportEngine } from './duckdb-engine.ts';
import { newestEventTime } from './newest-event.ts';
import type { ReportEngine } from './report-engine.ts';

/**
 * Where `polku report` and `polku build` read events: a DuckDB file or a ClickHouse cluster
 * (reports/clickhouse/report-source.ts). A build opens one engine per period; an engine stays usable
 * (its stage tables kept) until the next one is opened or the source is closed, so a build can ask
 * for the drop-off sessions after the report.
 */
export interface ReportSource {
  /** Time of the newest event of the config's sites (ISO, UTC), or null: what named periods count back from. */
  newestEventTime(config: PolkuConfig): Promise<string | null>;
  /** An engine for one report (report-engine.ts). */
  openEngine(config: PolkuConfig): Promise<ReportEngine>;
  /** Releases what the engines kept (a ClickHouse run's tables); the caller closes the store itself. */
  close(): Promise<void>;
}

/** A DuckDB file as a report source: every engine works on the store's own connection. */
export function duckDbReportSource(store: Store): ReportSource {
  return {
    newestEventTime: (config) => newestEventTime(config, store),
    openEngine: (config) => openDuckDbReportEngine(store, config),
    close: async () => {},
  };
}
