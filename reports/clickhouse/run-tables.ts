/**
 * The tables one report run keeps on a ClickHouse cluster, the counterpart of the temporary tables
 * computeReport keeps on its DuckDB connection (docs/clickhouse-report-plan.md).
 *
 * - **Per-unit tables** (journey units, session facts, …) hold one row per unit or session and have a
 *   `visitor_id` column: each shard keeps the rows of its own visitors in `<run>_<name>_local`, filled
 *   from its own `events_local` (fillPerUnitTable), and shard 1 holds a Distributed `<run>_<name>`
 *   over them, sharded like `events` (cityHash64(visitor_id)). A query over the Distributed table that
 *   joins a `_local` table (events_local, another per-unit `_local` table) runs the join on each shard
 *   against its own rows: units never cross the network, only the GROUP BY results do.
 * - **Replicated tables** (the journey list, campaign periods) are small and every shard holds all of
 *   their rows in `<run>_<name>_local`, so a shard can join them locally; queries name the local table.
 *
 * Memory tables: a run's tables live only while the report is computed and are dropped at its end;
 * a run that crashed leaves its tables behind, and openReportRun drops runs older than a day.
 */

import { ClickHouseError } from '../../store/clickhouse/client.ts';
import type { ClickHouseShards } from '../../store/clickhouse/cluster.ts';
import { shardName } from '../../store/clickhouse/cluster.ts';
import { sqlIdentifier, sqlString } from '../../store/clickhouse/literal.ts';

/** Table names are `polku_run_<start ms>_<random>_<name>`: the start time tells stale runs apart. */
const RUN_PREFIX = 'polku_run_';
const STALE_AFTER_MS = 24 * 3600 * 1000;

/** A column of a run table: name and ClickHouse type (`String`, `Nullable(Int64)`, `Array(Int64)`, …). */
export type RunColumn = readonly [name: string, type: string];

export interface ClickHouseReportRun {
  readonly shards: ClickHouseShards;
  /** `polku_run_<start ms>_<random>`. */
  readonly prefix: string;
  /**
   * The report's sites (the config's): queries that read events at large (totals, sessions,
   * campaigns) keep to them with sitesCondition, as DuckDB's report reads the report_events view.
   */
  readonly sites: readonly string[];
  /** The Distributed table over a per-unit table's shard parts: query it on `shards.first`. */
  distributed(name: string): string;
  /** The table on each shard: a per-unit table's own part there, or a replicated table's full copy. */
  local(name: string): string;
}

/**
 * Starts a run on the cluster for a report of `sites`: drops runs older than a day (left by a crash)
 * and names this one.
 */
export async function openReportRun(
  shards: ClickHouseShards,
  sites: readonly string[],
  now = Date.now(),
): Promise<ClickHouseReportRun> {
  await dropRunTables(shards, (start) => start < now - STALE_AFTER_MS);
  const prefix = `${RUN_PREFIX}${now}_${Math.random().toString(36).slice(2, 8)}`;
  return {
    shards,
    prefix,
    sites,
    distributed: (name) => sqlIdentifier(`${prefix}_${name}`),
    local: (name) => sqlIdentifier(`${prefix}_${name}_local`),
  };
}

/** Drops every table of the run on every shard. */
export async function closeReportRun(run: ClickHouseReportRun): Promise<void> {
  await dropRunTables(run.shards, (_start, prefix) => prefix === run.prefix);
}

/**
 * Creates a per-unit table: its part on every shard and the Distributed table on the first. The
 * columns must include `visitor_id` (the sharding key, as for `events`).
 */
export async function createPerUnitTable(
  run: ClickHouseReportRun,
  name: string,
  columns: readonly RunColumn[],
): Promise<void> {
  if (!columns.some(([column]) => column === 'visitor_id')) {
    throw new RangeError(`per-unit run table "${name}" needs a visitor_id column (its sharding key)`);
  }
  await onEveryShard(run, (shard) => shard.command(createLocalSql(run.local(name), columns)));
  await run.shards.first.command(
    `CREATE TABLE ${run.distributed(name)} AS ${run.local(name)}
    ENGINE = Distributed(${sqlIdentifier(run.shards.cluster)}, currentDatabase(), ${run.local(name)}, cityHash64(visitor_id))`,
  );
}

/** Creates a replicated table: a full copy on every shard, filled by insertReplicated. */
export async function createReplicatedTable(
  run: ClickHouseReportRun,
  name: string,
  columns: readonly RunColumn[],
): Promise<void> {
  await onEveryShard(run, (shard) => shard.command(createLocalSql(run.local(name), columns)));
}

/**
 * Fills a per-unit table on every shard at once from that shard's own rows: `select` is run on each
 * shard as `INSERT INTO <run>_<name>_local <select>`, so it must read `events_local` and other
 * `_local` tables, never a Distributed one (that would read every shard's rows on each).
 */
export async function fillPerUnitTable(
  run: ClickHouseReportRun,
  name: string,
  select: string,
  settings: Record<string, string | number> = {},
): Promise<void> {
  await onEveryShard(run, (shard) => shard.command(`INSERT INTO ${run.local(name)} ${select}`, settings));
}

/**
 * Fills a replicated table on every shard with the rows of `select` (run on each shard as
 * `INSERT INTO <run>_<name>_local <select>`): for rows written as exact literals (a Float64 through
 * JSON would be parsed inexactly by 18.16, see literal.ts's sqlFloat64), or read from local tables.
 */
export async function fillReplicatedTable(run: ClickHouseReportRun, name: string, select: string): Promise<void> {
  await onEveryShard(run, (shard) => shard.command(`INSERT INTO ${run.local(name)} ${select}`));
}

/** Inserts the same rows (objects with the table's columns) into every shard's copy of a replicated table. */
export async function insertReplicated(
  run: ClickHouseReportRun,
  name: string,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const lines = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
  await onEveryShard(run, (shard) => shard.insertJsonLines(run.local(name), lines));
}

/** `site IN (…)` for the run's sites (on `column`, default `site`). */
export function sitesCondition(run: ClickHouseReportRun, column = 'site'): string {
  return run.sites.length === 0 ? '0' : `${column} IN (${run.sites.map(sqlString).join(', ')})`;
}

function createLocalSql(table: string, columns: readonly RunColumn[]): string {
  const list = columns.map(([column, type]) => `${sqlIdentifier(column)} ${type}`).join(', ');
  return `CREATE TABLE ${table} (${list}) ENGINE = Memory`;
}

/**
 * Runs `work` on every shard in parallel; a shard that fails fails the run with its name (never a
 * report from the other shards' rows alone).
 */
async function onEveryShard(
  run: { shards: ClickHouseShards },
  work: (shard: ClickHouseShards['first']) => Promise<void>,
): Promise<void> {
  const { shards } = run.shards;
  const results = await Promise.allSettled(shards.map((shard) => work(shard)));
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    const reason = (results[failed] as PromiseRejectedResult).reason as Error;
    const shard = shards[failed] as ClickHouseShards['first'];
    throw new ClickHouseError(
      `ClickHouse ${shardName(shards, shard)} failed during the report: ${reason.message}`,
      reason instanceof ClickHouseError ? reason.code : null,
      shard.url,
    );
  }
}

/** Drops the run tables whose run matches, on every shard (the Distributed ones live on the first). */
async function dropRunTables(
  shards: ClickHouseShards,
  matches: (startMs: number, prefix: string) => boolean,
): Promise<void> {
  await onEveryShard({ shards }, async (shard) => {
    const tables = await shard.query<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, ${sqlString(RUN_PREFIX)})`,
    );
    for (const { name } of tables) {
      const match = /^(polku_run_(\d+)_[a-z0-9]+)_/.exec(name);
      if (match !== null && matches(Number(match[2]), match[1] as string)) {
        await shard.command(`DROP TABLE IF EXISTS ${sqlIdentifier(name)}`);
      }
    }
  });
}
