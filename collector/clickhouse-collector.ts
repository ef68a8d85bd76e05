import type { Hono } from 'hono';
import { ArrivalSeq } from '../store/clickhouse/arrival-seq.ts';
import { type ClickHouseClient, clickHouseClient } from '../store/clickhouse/client.ts';
import { collectorId } from '../store/clickhouse/collector-id.ts';
import { numberedEventLine } from '../store/clickhouse/event-rows.ts';
import { ClickHouseSink } from '../store/clickhouse/sink.ts';
import { Ingest, utcDay } from '../store/index.ts';
import { lockSpool } from '../store/spool-lock.ts';
import { createCollectorApp } from './app.ts';
import { restoreSessionsFromClickHouse } from './clickhouse-sessions.ts';
import { socketAddress } from './client-address.ts';
import type { CollectorOptions } from './collector.ts';
import { collectorParts } from './collector-parts.ts';
import { createLogger } from './log.ts';
import type { Metrics } from './metrics.ts';
import { restoreSessions } from './restore-sessions.ts';

export interface ClickHouseCollectorOptions
  extends Omit<CollectorOptions, 'db' | 'spoolDir' | 'dbThreads' | 'rejectedCap'> {
  /** Every shard's HTTP URL; the first takes the inserts (it holds the Distributed `events`). */
  shards: readonly string[];
  /** Spool folder (this collector's own: two processes must never share one). */
  spoolDir: string;
}

export interface ClickHouseCollector {
  app: Hono;
  ingest: Ingest<ClickHouseSink>;
  metrics: Metrics;
  /** This collector's id in the arrival numbers it makes (kept in the spool folder). */
  collectorId: number;
  /** Restores sessions (from the cluster and the spool) and starts shipping (degraded while the cluster is unreachable). */
  start(): Promise<void>;
  /** Ships what the spool holds (as far as the cluster takes it) and stops. Stop the HTTP server first. */
  close(): Promise<void>;
}

/** Where a replay chunk would go: nowhere in ClickHouse yet, so the collector says so instead of losing it. */
export const REPLAYS_REFUSED =
  'this collector ships to ClickHouse, which does not store session replays yet; ' +
  'run a DuckDB collector (polku collect without --backend clickhouse) for sites with replay: true';

/**
 * A stateless collector for a ClickHouse cluster: the same HTTP interface and the same fsync'd
 * spool (an event is on disk before its 202), with sealed segments shipped to the cluster's
 * Distributed `events` table instead of a DuckDB file. It keeps no database: salts live in the
 * journal beside the spool (pruned to yesterday and today, as DuckDB keeps them), refused bodies are
 * counted in /metrics but no sample is kept, and replay chunks are refused (403) with a note.
 */
export function createClickHouseCollector({
  config,
  tracker,
  replayRecorder,
  lazyScripts = {},
  shards,
  spoolDir,
  spoolCapBytes,
  writeIntervalMs,
  rateLimit = {},
  clientAddress = socketAddress,
  env = process.env,
  now = Date.now,
  log = createLogger(),
}: ClickHouseCollectorOptions): ClickHouseCollector {
  const unlock = lockSpool(spoolDir);
  const parts = collectorParts({ config, spoolDir, rateLimit, clientAddress, env, now, log });
  const { saltJournal, visitors, sessions, rejected } = parts;
  const clients = shards.map((url) => clickHouseClient(url, { timeoutMs: 60_000 }));
  const id = collectorId(spoolDir);
  const arrival = new ArrivalSeq(id, now);
  const ingest = new Ingest<ClickHouseSink>({
    spoolDir,
    target: 'the ClickHouse cluster',
    capBytes: spoolCapBytes,
    intervalMs: writeIntervalMs,
    replays: false,
    eventLines: (events) => events.map((event) => numberedEventLine(event, arrival.next())).join(''),
    open: () => ClickHouseSink.open(clients),
    onTick: async () => {
      // The journal is where salts live here: once a new day's salt exists, older days go.
      if (visitors.takeUnsaved(now()).size > 0) saltJournal.forgetBefore(utcDay(now()) - 1);
      // No table for them: dropped (each refusal is still counted in /metrics).
      rejected.take();
    },
    log: { info: (message) => log.info(message), warn: (message) => log.warn(message) },
  });
  const ctx = parts.context(ingest, { replaysRefused: REPLAYS_REFUSED });
  const replaySites = config.sites.filter((site) => site.replay).map((site) => site.id);
  if (replaySites.length > 0) log.warn(`sites ${replaySites.join(', ')} have replay on; ${REPLAYS_REFUSED}`);

  return {
    app: createCollectorApp(ctx, tracker, replayRecorder, lazyScripts),
    ingest,
    metrics: ctx.metrics,
    collectorId: id,
    async start() {
      await ingest.flush();
      let restored = 0;
      if (ingest.store) {
        // Shipped events first, then the spooled ones (newer) on top.
        restored = await restoreSessionsFromClickHouse(clients[0] as ClickHouseClient, id, sessions, now()).catch(
          (error: Error) => {
            log.warn(`sessions start from the spool only: ${error.message.split('\n')[0]}`);
            return 0;
          },
        );
      }
      restored += await restoreSessions(ingest, null, sessions, now());
      const status = ingest.status;
      log.info({ sessions: restored, spoolBytes: status.spoolBytes, collectorId: id }, 'collector started');
      if (status.reason) log.warn(`${status.reason}; accepting events into the spool until it answers`);
      ingest.start();
    },
    async close() {
      try {
        await ingest.close();
      } finally {
        unlock();
      }
    },
  };
}
