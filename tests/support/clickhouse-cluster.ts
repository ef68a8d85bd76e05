/**
 * A real local ClickHouse cluster of two shards for a test file, started by
 * `scripts/clickhouse-cluster.sh` (the same script a user runs to try it):
 *
 *   let cluster: ClickHouseCluster;
 *   beforeAll(async () => { cluster = await startClickHouseCluster(); });
 *   afterAll(() => cluster.stop());
 *
 * Start one per file (it takes < 1 s) and reuse it across the file's tests.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, it } from 'vitest';

const SERVER = process.env.CLICKHOUSE_SERVER ?? '/usr/sbin/clickhouse-server';
const INSTALL_HINT = `clickhouse-server not found at ${SERVER}: install it with 'apt-get update && apt-get install -y clickhouse-server clickhouse-client' (or set CLICKHOUSE_SERVER)`;

/**
 * `describe` for tests that need a ClickHouse server. Without it they fail under CI=true (CI installs
 * Debian's package), and elsewhere are skipped with a loud message, like the browser tests.
 */
export function describeClickHouse(name: string, body: () => void): void {
  if (existsSync(SERVER)) {
    describe(name, body);
  } else if (process.env.CI) {
    describe(name, () => {
      it('needs clickhouse-server', () => {
        throw new Error(INSTALL_HINT);
      });
    });
  } else {
    console.warn(`\n!!! SKIPPING ClickHouse tests "${name}": ${INSTALL_HINT}\n`);
    describe.skip(name, body);
  }
}

const SCRIPT = fileURLToPath(new URL('../../scripts/clickhouse-cluster.sh', import.meta.url));
const run = promisify(execFile);

export interface ClickHouseCluster {
  /** Shard 1's HTTP URL (with a trailing slash): it holds the Distributed table, send every query here. */
  url: string;
  /** Each shard's HTTP URL, shard 1 first. */
  shardUrls: string[];
  /** The folder with each shard's config, data and logs. */
  dir: string;
  /** Stops one shard (1-based), for fault tests; its data stays. */
  stopShard(shard: number): Promise<void>;
  /** Starts stopped shards again on their old ports with their data: one (1-based) or all. */
  resume(shard?: number): Promise<void>;
  /** Stops both servers and removes the folder. */
  stop(): Promise<void>;
}

export async function startClickHouseCluster(): Promise<ClickHouseCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'polku-clickhouse-cluster-'));
  const script = (...args: string[]) => run(SCRIPT, args, { encoding: 'utf8' });
  let url: string;
  try {
    url = (await script('start', dir)).stdout.trim();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const shardUrls = [1, 2].map((shard) => readFileSync(join(dir, `shard-${shard}`, 'url'), 'utf8').trim());
  return {
    url,
    shardUrls,
    dir,
    async stopShard(shard) {
      await script('stop', dir, String(shard));
    },
    async resume(shard) {
      await script('resume', dir, ...(shard === undefined ? [] : [String(shard)]));
    },
    async stop() {
      await script('stop', dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
