import type { Hono } from 'hono';
import type { PolkuConfig } from '../config/index.ts';
import { Ingest, Store, StoreError, storedReplayUse, utcDay, writeSnapshot } from '../store/index.ts';
import { createCollectorApp } from './app.ts';
import { type ClientAddress, socketAddress } from './client-address.ts';
import { collectorParts } from './collector-parts.ts';
import { createLogger, type Logger } from './log.ts';
import type { Metrics } from './metrics.ts';
import type { RateLimitOptions } from './rate-limit.ts';
import { restoreSessions } from './restore-sessions.ts';
import type { LazyScripts, TrackerBundle } from './tracker-bundle.ts';

export interface CollectorOptions {
  config: PolkuConfig;
  tracker: TrackerBundle;
  /** The lazily loaded replay recorder, served as /polku-replay.js. Without it that path is 404. */
  replayRecorder?: TrackerBundle;
  /** Scripts the core loads on demand (links, feedback prompt). Without them those paths are 404. */
  lazyScripts?: Partial<LazyScripts>;
  /** The DuckDB file. */
  db: string;
  /** Spool folder. Default: `<db>.spool` beside the database. */
  spoolDir?: string;
  /** Refuse batches (503) once this many bytes wait in the spool. Default: 256 MiB. */
  spoolCapBytes?: number;
  /** How often the writer moves the spool into the database. Default: 1000 ms. */
  writeIntervalMs?: number;
  /** Per-network request limit; false turns it off. Default: 20/s, bursts of 200. */
  rateLimit?: RateLimitOptions | false;
  /**
   * DuckDB threads for the writer. Default: 1, so that on a small machine the bulk load of each
   * second never competes with the HTTP event loop for every core (it measured better in
   * bench/ on two cores: higher batch throughput, p99 without half-second stalls).
   */
  dbThreads?: number;
  /** Rows kept in rejected_payloads. Default: 1000. */
  rejectedCap?: number;
  clientAddress?: ClientAddress;
  /** Where `sites[].secretEnv` are looked up. Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  now?: () => number;
  log?: Logger;
}

export interface Collector {
  app: Hono;
  ingest: Ingest;
  metrics: Metrics;
  /** Opens the database (or starts degraded if another process holds it), restores sessions, starts the writer. */
  start(): Promise<void>;
  /** Drains the spool into the database, checkpoints and closes it. Stop the HTTP server first. */
  close(): Promise<void>;
  /**
   * Writes a consistent copy of the database (every event acknowledged so far) to `target` for
   * report builds; requests keep being accepted into the spool meanwhile.
   */
  snapshot(target: string): Promise<void>;
}

/** How far back page loads are read from the database at start-up to go on counting their chunks. */
const REPLAY_PAGE_MEMORY_MS = 86_400_000;

/** Wires the collector's parts: HTTP app, enrichment state, spool and writer. */
export function createCollector({
  config,
  tracker,
  replayRecorder,
  lazyScripts = {},
  db,
  spoolDir = `${db}.spool`,
  spoolCapBytes,
  writeIntervalMs,
  rateLimit = {},
  dbThreads = 1,
  rejectedCap = 1000,
  clientAddress = socketAddress,
  env = process.env,
  now = Date.now,
  log = createLogger(),
}: CollectorOptions): Collector {
  const parts = collectorParts({ config, spoolDir, rateLimit, clientAddress, env, now, log });
  const { saltJournal, visitors, sessions, rejected, replays } = parts;
  let firstStore: Store | null = null;
  const ingest = new Ingest({
    spoolDir,
    capBytes: spoolCapBytes,
    intervalMs: writeIntervalMs,
    open: async () => {
      const store = firstStore ?? (await Store.open(db, { threads: dbThreads }));
      firstStore = null;
      return store;
    },
    onOpen: async (store) => visitors.adopt(await store.readSalts()),
    onTick: async (store) => {
      const salts = visitors.takeUnsaved(now());
      try {
        await store.writeSalts(salts, utcDay(now()) - 1);
      } catch (error) {
        // Stored on the next tick instead: visitor ids must survive a restart.
        visitors.keepUnsaved(salts);
        throw error;
      }
      // A new day's salt is in the database now: the journal's older days can go, as there.
      if (salts.size > 0) saltJournal.forgetBefore(utcDay(now()) - 1);
      await store.writeRejected(rejected.take(), rejectedCap);
    },
    log: { info: (message) => log.info(message), warn: (message) => log.warn(message) },
  });
  const ctx = parts.context(ingest);
  /** Replay quotas and page caps continue from what the database holds (pages of the last day). */
  async function seedReplayLedger(): Promise<void> {
    const store = ingest.store;
    if (!store) {
      log.warn('replay quotas start from zero: the database is not open');
      return;
    }
    replays.seed(await storedReplayUse(store, now() - REPLAY_PAGE_MEMORY_MS));
  }

  return {
    app: createCollectorApp(ctx, tracker, replayRecorder, lazyScripts),
    ingest,
    metrics: ctx.metrics,
    async start() {
      try {
        firstStore = await Store.open(db, { threads: dbThreads });
      } catch (error) {
        // A database held by another process is a passing fault: accept into the spool meanwhile.
        if (!(error instanceof StoreError && /locked/.test(error.message))) throw error;
        log.warn(`${error.message}; accepting events into the spool until it is free`);
      }
      await ingest.flush();
      await seedReplayLedger();
      const restored = await restoreSessions(ingest, ingest.store, sessions, now());
      log.info({ sessions: restored, spoolBytes: ingest.status.spoolBytes }, 'collector started');
      ingest.start();
    },
    close: () => ingest.close(),
    async snapshot(target) {
      await ingest.flush();
      const store = ingest.store;
      if (!store) throw new StoreError(`no snapshot: ${ingest.status.reason ?? 'the database is not open'}`);
      await writeSnapshot(store, target);
    },
  };
}
