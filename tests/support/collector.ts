import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import {
  buildTrackerBundle,
  type Collector,
  type CollectorOptions,
  createCollector,
  type TrackerBundle,
} from '../../collector/index.ts';
import { parseConfig } from '../../config/index.ts';
import type { PlainRow } from '../../store/index.ts';
import { tempDir } from './temp.ts';

import { CHROME_UA } from './user-agent.ts';

export { CHROME_UA };

export const TEST_IP = '203.0.113.7';

let tracker: TrackerBundle | undefined;
let replayRecorder: TrackerBundle | undefined;

export interface TestCollector extends Collector {
  db: string;
  /** Every log line, as written (debug level and up). */
  logs: string[];
  /** Queries the database after the writer has moved everything spooled so far. */
  query(sql: string): Promise<PlainRow[]>;
  post(path: string, body: BodyInit, headers?: Record<string, string>): Promise<Response>;
}

/** A real collector (real DuckDB file, real spool) used in-process through `app.request`. */
export async function startTestCollector(overrides: Partial<CollectorOptions> = {}): Promise<TestCollector> {
  tracker ??= await buildTrackerBundle('core');
  replayRecorder ??= await buildTrackerBundle('replay');
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const db = overrides.db ?? join(tempDir(), 'polku.duckdb');
  const collector = createCollector({
    config: parseConfig({ sites: [{ id: 'shop', origins: ['https://shop.example'], replay: true }] }),
    tracker,
    replayRecorder,
    db,
    clientAddress: () => TEST_IP,
    rateLimit: false,
    log: pino({ level: 'debug' }, sink),
    ...overrides,
  });
  await collector.start();
  return {
    ...collector,
    db,
    logs,
    async query(sql) {
      await collector.ingest.flush();
      const store = collector.ingest.store;
      if (!store) throw new Error('database not open');
      return store.query(sql);
    },
    async post(path, body, headers = {}) {
      return collector.app.request(path, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'text/plain', Origin: 'https://shop.example', 'User-Agent': CHROME_UA, ...headers },
      });
    },
  };
}
