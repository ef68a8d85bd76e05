import { join } from 'node:path';
import { buildTrackerBundle, createCollectorApp, listen, type RunningServer } from '../../collector/index.ts';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { Store } from '../../store/index.ts';

export interface LoopbackCollector {
  url: string;
  store: Store;
  /** Rows of `events`, in arrival order. */
  events(columns?: string): Promise<Record<string, unknown>[]>;
  /** Closes the socket (the database stays open), so browsers see connection errors. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The real collector app over real HTTP on 127.0.0.1, with its DuckDB file in `dir`. */
export async function collectorOnLoopback(dir: string, config: PolkuConfigInput): Promise<LoopbackCollector> {
  const store = await Store.open(join(dir, 'polku.duckdb'));
  const app = createCollectorApp({ config: parseConfig(config), store, tracker: await buildTrackerBundle() });
  let server: RunningServer | undefined = await listen(app, { host: '127.0.0.1', port: 0 });
  const url = server.url;
  const port = Number(new URL(url).port);
  return {
    url,
    store,
    events: (columns = 'name, path, props::varchar as props, value') =>
      store.query(`select ${columns} from events order by seq`),
    async stop() {
      await server?.close();
      server = undefined;
    },
    async start() {
      server = await listen(app, { host: '127.0.0.1', port });
    },
    async close() {
      await server?.close();
      await store.close();
    },
  };
}
