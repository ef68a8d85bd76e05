// `--backend` / `--clickhouse` (cli/backend-options.ts): DuckDB by default, every shard's URL for
// ClickHouse, and a clear usage error for anything else.
import { describe, expect, it } from 'vitest';
import { parseBackend } from '../../cli/backend-options.ts';
import { UsageError } from '../../cli/errors.ts';

describe('--backend and --clickhouse', () => {
  it('is DuckDB unless told otherwise', () => {
    expect(parseBackend({ backend: 'duckdb', clickhouse: undefined })).toEqual({ kind: 'duckdb' });
  });

  it('takes every shard, normalised to end in "/", the first one first', () => {
    expect(
      parseBackend({ backend: 'clickhouse', clickhouse: 'http://ch1:8123, https://ch2.example:8443/db/' }),
    ).toEqual({ kind: 'clickhouse', shards: ['http://ch1:8123/', 'https://ch2.example:8443/db/'] });
  });

  it.each([
    [{ backend: 'postgres', clickhouse: undefined }, '--backend must be duckdb or clickhouse, not "postgres"'],
    [
      { backend: 'clickhouse', clickhouse: undefined },
      "--backend clickhouse needs --clickhouse URLS: the shards' HTTP URLs, e.g. --clickhouse http://127.0.0.1:8123/",
    ],
    [
      { backend: 'duckdb', clickhouse: 'http://ch1:8123/' },
      '--clickhouse is given but the backend is duckdb: add --backend clickhouse',
    ],
    [
      { backend: 'clickhouse', clickhouse: 'http://ch1:8123/,ch2:8123' },
      '--clickhouse: "ch2:8123" must start with http:// or https:// (ClickHouse\'s HTTP port)',
    ],
    [
      { backend: 'clickhouse', clickhouse: 'http://ch1:8123/,' },
      '--clickhouse: "" is not a URL; give each shard like http://127.0.0.1:8123/',
    ],
    [
      { backend: 'clickhouse', clickhouse: 'http://ch1:8123/?database=x' },
      '--clickhouse: "http://ch1:8123/?database=x" carries a query or fragment; give the server address only, e.g. http://127.0.0.1:8123/',
    ],
    // The password is not repeated in the message.
    [
      { backend: 'clickhouse', clickhouse: 'http://admin:s3cret@ch1:8123/' },
      '--clickhouse: a shard URL carries a user or password; give the server address only',
    ],
  ])('refuses %j', (flags, message) => {
    expect(() => parseBackend(flags)).toThrow(new UsageError(message));
  });
});
