import { UsageError } from './errors.ts';
import type { OptionSpec } from './options.ts';

/** `--backend` and `--clickhouse`, for the commands that can work on a ClickHouse cluster. */
export const BACKEND_OPTIONS = {
  backend: {
    type: 'string',
    value: 'NAME',
    default: 'duckdb',
    description: 'where events are stored: duckdb (the --db file) or clickhouse (the --clickhouse cluster)',
  },
  clickhouse: {
    type: 'string',
    value: 'URLS',
    description:
      "the cluster's shards' HTTP URLs, comma-separated, e.g. http://ch1:8123/,http://ch2:8123/ (the first takes inserts and queries)",
  },
} as const satisfies Record<string, OptionSpec>;

export type Backend = { kind: 'duckdb' } | { kind: 'clickhouse'; shards: string[] };

/**
 * The backend a command was asked for. `--clickhouse` lists every shard's HTTP URL: the schema is
 * created on each (no ON CLUSTER: that needs ZooKeeper), and the first holds the Distributed table.
 */
export function parseBackend(flags: { backend: string; clickhouse: string | undefined }): Backend {
  if (flags.backend === 'duckdb') {
    if (flags.clickhouse !== undefined) {
      throw new UsageError('--clickhouse is given but the backend is duckdb: add --backend clickhouse');
    }
    return { kind: 'duckdb' };
  }
  if (flags.backend !== 'clickhouse') {
    throw new UsageError(`--backend must be duckdb or clickhouse, not "${flags.backend}"`);
  }
  if (flags.clickhouse === undefined || flags.clickhouse.trim() === '') {
    throw new UsageError(
      "--backend clickhouse needs --clickhouse URLS: the shards' HTTP URLs, e.g. --clickhouse http://127.0.0.1:8123/",
    );
  }
  return { kind: 'clickhouse', shards: flags.clickhouse.split(',').map((text) => shardUrl(text.trim())) };
}

/** One shard's URL, normalised to end in "/"; anything but a plain http(s) server address is refused. */
function shardUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--clickhouse: "${text}" is not a URL; give each shard like http://127.0.0.1:8123/`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--clickhouse: "${text}" must start with http:// or https:// (ClickHouse's HTTP port)`);
  }
  if (url.username !== '' || url.password !== '') {
    // Not echoed: it may hold a password.
    throw new UsageError('--clickhouse: a shard URL carries a user or password; give the server address only');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new UsageError(
      `--clickhouse: "${text}" carries a query or fragment; give the server address only, e.g. http://127.0.0.1:8123/`,
    );
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}
