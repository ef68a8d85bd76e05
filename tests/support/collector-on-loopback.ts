import { join } from 'node:path';
import {
  buildTrackerScripts,
  type Collector,
  type CollectorOptions,
  createCollector,
  listen,
  type RunningServer,
  silentLogger,
} from '../../collector/index.ts';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';

export interface LoopbackCollector {
  url: string;
  collector: Collector;
  /** Rows of `events`, in arrival order. */
  events(columns?: string): Promise<Record<string, unknown>[]>;
  /** Rows of `replay_chunks` (data as base64), in order of page and sequence. */
  replayChunks(): Promise<Record<string, unknown>[]>;
  /** Closes the socket (the collector keeps running), so browsers see connection errors. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The real collector (spool, writer, DuckDB file in `dir`) over real HTTP on 127.0.0.1. */
export async function collectorOnLoopback(
  dir: string,
  config: PolkuConfigInput,
  options: Partial<CollectorOptions> = {},
): Promise<LoopbackCollector> {
  const collector = createCollector({
    config: parseConfig(config),
    ...(await buildTrackerScripts()),
    db: join(dir, 'polku.duckdb'),
    writeIntervalMs: 100,
    log: silentLogger(),
    ...options,
  });
  await collector.start();
  let server: RunningServer | undefined = await listen(collector.app, { host: '127.0.0.1', port: 0 });
  const url = server.url;
  const query = (sql: string) => {
    const store = collector.ingest.store;
    if (!store) throw new Error('the collector has no database open');
    return store.query(sql);
  };
  const port = Number(new URL(url).port);
  return {
    url,
    collector,
    events: (columns = 'name') => query(`select ${columns} from events order by seq`),
    replayChunks: () => query('select page_id, seq, to_base64(data) as data from replay_chunks order by page_id, seq'),
    async stop() {
      await server?.close();
      server = undefined;
    },
    async start() {
      server = await listen(collector.app, { host: '127.0.0.1', port });
    },
    async close() {
      await server?.close();
      await collector.close();
    },
  };
}
