/**
 * `--backend` and `--clickhouse`: where a command finds the events. DuckDB (the `--db` file) is the
 * default and needs no set-up; `--backend clickhouse --clickhouse URL[,URL…]` names a ClickHouse
 * cluster by its shards' HTTP URLs, the first one (which holds the Distributed table) first: it takes
 * queries and inserts, and every shard gets the schema (store/clickhouse/schema.ts).
 *
 * Shared by every command that takes the flags, so they are declared and read in one place.
 */
import { ClickHouseError, clickHouseClient } from '../store/clickhouse/client.ts';
import { UsageError } from './errors.ts';
import type { OptionSpec } from './options.ts';

export const BACKENDS = ['duckdb', 'clickhouse'] as const;

/** No `default` on --backend: a `--clickhouse` without `--backend clickhouse` is caught, not ignored. */
export const BACKEND_OPTIONS = {
  backend: {
    type: 'string',
    value: 'NAME',
    description: 'where the events are: duckdb (the --db file; the default) or clickhouse (the --clickhouse cluster)',
  },
  clickhouse: {
    type: 'string',
    value: 'URLS',
    description:
      "with --backend clickhouse: each shard's HTTP URL, comma-separated, the one holding the Distributed table first",
  },
} as const satisfies Record<string, OptionSpec>;

export type BackendChoice = { kind: 'duckdb' } | { kind: 'clickhouse'; urls: string[] };

/**
 * Reads the two flags. A UsageError (exit 2) names what is wrong and how to fix it: an unknown
 * backend, `--backend clickhouse` without URLs, a URL that is not an http(s) URL, or `--clickhouse`
 * without `--backend clickhouse`.
 */
export function parseBackend(
  command: string,
  flags: { backend?: string | undefined; clickhouse?: string | undefined },
): BackendChoice {
  const backend = flags.backend ?? 'duckdb';
  if (!(BACKENDS as readonly string[]).includes(backend)) {
    throw new UsageError(`polku ${command}: --backend ${JSON.stringify(backend)}: use one of ${BACKENDS.join(', ')}`);
  }
  if (backend === 'duckdb') {
    if (flags.clickhouse !== undefined) {
      throw new UsageError(
        `polku ${command}: --clickhouse is only read with --backend clickhouse; add --backend clickhouse to use the cluster`,
      );
    }
    return { kind: 'duckdb' };
  }
  const urls = (flags.clickhouse ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length === 0) {
    throw new UsageError(
      `polku ${command} --backend clickhouse: name the cluster with --clickhouse URL (e.g. http://127.0.0.1:8123/; ` +
        "several shards' URLs comma-separated, the one holding the Distributed table first)",
    );
  }
  for (const url of urls) {
    try {
      clickHouseClient(url);
    } catch (error) {
      if (error instanceof ClickHouseError) throw new UsageError(`polku ${command}: ${error.message}`);
      throw error;
    }
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') {
      // Not echoed: it may hold a password.
      throw new UsageError(
        `polku ${command}: --clickhouse: a shard URL carries a user or password; give the server address only`,
      );
    }
    if (parsed.search !== '' || parsed.hash !== '') {
      throw new UsageError(
        `polku ${command}: --clickhouse "${url}" carries a query or fragment; give the server address only, e.g. http://127.0.0.1:8123/`,
      );
    }
  }
  return { kind: 'clickhouse', urls };
}
