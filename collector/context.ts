import type { PolkuConfig } from '../config/index.ts';
import type { Ingest, SegmentSink } from '../store/index.ts';
import type { ClientAddress } from './client-address.ts';
import type { Enrichers } from './enrich/enrich.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RejectedSample } from './rejected-sample.ts';
import type { ReplayLedger } from './replay-ledger.ts';

/** What the routes use of the ingest, whatever it writes to (DuckDB or a ClickHouse cluster). */
export type IngestPort = Pick<Ingest<SegmentSink>, 'acceptEvents' | 'acceptReplay' | 'status' | 'spoolFailed'>;

/** What every ingest route shares: built once in collector.ts, read by the routes. */
export interface CollectorContext {
  config: PolkuConfig;
  ingest: IngestPort;
  enrichers: Enrichers;
  metrics: Metrics;
  rejected: RejectedSample;
  /** Replay chunks taken so far, per page load and per site, against their caps. */
  replays: ReplayLedger;
  /** null: no rate limit (benchmarks, trusted proxies that limit already). */
  rateLimiter: RateLimiter | null;
  clientAddress: ClientAddress;
  /** Why this collector refuses replay chunks whatever the config says (no database for them), or null. */
  replaysRefused: string | null;
  log: Logger;
  now: () => number;
}
