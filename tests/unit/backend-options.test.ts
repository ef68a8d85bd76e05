// --backend and --clickhouse: DuckDB by default, a cluster by its shards' URLs, and a usage error that
// says how to fix every other case.
import { describe, expect, it } from 'vitest';
import { parseBackend, refuseClickHouseReport } from '../../cli/backend-options.ts';

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
    expect(() => parseBackend('purge', { clickhouse: 'http://a/' })).toThrow(
      'polku purge: --clickhouse is only read with --backend clickhouse; add --backend clickhouse to use the cluster',
    );
  });
});

describe('refuseClickHouseReport', () => {
  it('lets DuckDB through and refuses the cluster with the ways that work', () => {
    expect(() => refuseClickHouseReport('build', { kind: 'duckdb' })).not.toThrow();
    expect(() => refuseClickHouseReport('build', { kind: 'clickhouse', urls: ['http://a/', 'http://b/'] })).toThrow(
      "polku build: the report from ClickHouse is not built yet: its queries run on DuckDB only; use DuckDB (drop --backend clickhouse), or move the events into a DuckDB file with 'polku export --backend clickhouse --clickhouse http://a/,http://b/' and 'polku import --db FILE'",
    );
  });
});
