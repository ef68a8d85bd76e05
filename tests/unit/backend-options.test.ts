// --backend and --clickhouse: DuckDB by default, a cluster by its shards' URLs, and a usage error that
// says how to fix every other case.
import { describe, expect, it } from 'vitest';
import { parseBackend } from '../../cli/backend-options.ts';
import { UsageError } from '../../cli/errors.ts';

describe('parseBackend', () => {
  it('is DuckDB without flags, and a list of shard URLs with --backend clickhouse', () => {
    expect(parseBackend('import', {})).toEqual({ kind: 'duckdb' });
    expect(parseBackend('import', { backend: 'duckdb' })).toEqual({ kind: 'duckdb' });
    expect(parseBackend('import', { backend: 'clickhouse', clickhouse: ' http://a:8123/ , http://b:8123,' })).toEqual({
      kind: 'clickhouse',
      urls: ['http://a:8123/', 'http://b:8123'],
    });
  });

  it('refuses an unknown backend, a missing or bad URL, and --clickhouse alone', () => {
    expect(() => parseBackend('purge', { backend: 'sqlite' })).toThrow(
      'polku purge: --backend "sqlite": use one of duckdb, clickhouse',
    );
    expect(() => parseBackend('purge', { backend: 'clickhouse', clickhouse: ' , ' })).toThrow(
      'polku purge --backend clickhouse: name the cluster with --clickhouse URL',
    );
    expect(() => parseBackend('purge', { backend: 'clickhouse', clickhouse: 'http://a/,file:///x' })).toThrow(
      'polku purge: --clickhouse "file:///x" must be an http:// or https:// URL',
    );
    expect(() => parseBackend('collect', { backend: 'clickhouse', clickhouse: 'http://a:8123/?database=x' })).toThrow(
      'polku collect: --clickhouse "http://a:8123/?database=x" carries a query or fragment; give the server address only, e.g. http://127.0.0.1:8123/',
    );
    // The password is not repeated in the message.
    expect(() => parseBackend('collect', { backend: 'clickhouse', clickhouse: 'http://admin:s3cret@a:8123/' })).toThrow(
      new UsageError(
        'polku collect: --clickhouse: a shard URL carries a user or password; give the server address only',
      ),
    );
    expect(() => parseBackend('purge', { clickhouse: 'http://a/' })).toThrow(
      'polku purge: --clickhouse is only read with --backend clickhouse; add --backend clickhouse to use the cluster',
    );
  });
});
