export {
  type ClickHouseCollector,
  type ClickHouseCollectorOptions,
  createClickHouseCollector,
} from './clickhouse-collector.ts';
export { behindProxies } from './client-address.ts';
export { type Collector, type CollectorOptions, createCollector } from './collector.ts';
export { createLogger, type Logger, silentLogger } from './log.ts';
export { listen, type RunningServer } from './server.ts';
export { buildTrackerBundle, buildTrackerScripts, type TrackerBundle } from './tracker-bundle.ts';
