/**
 * `polku import --backend clickhouse`: the files are read and checked exactly as for DuckDB (a
 * scratch DuckDB file stages them: stage.ts needs DuckDB's readers), and the events go to the cluster
 * (store/clickhouse/import-events.ts says how ids and arrival order are kept).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClickHouseShards, connectShards } from '../store/clickhouse/cluster.ts';
import { clickHouseImportSink, nextSeqOnCluster } from '../store/clickhouse/import-events.ts';
import { ensureClickHouseSchema } from '../store/clickhouse/schema.ts';
import { Store } from '../store/index.ts';
import { type ImportOptions, type ImportResult, importFileInto } from './import-file.ts';

export interface ClickHouseImport {
  readonly cluster: ClickHouseShards;
  /** Imports one file; files imported one after another arrive in that order. */
  importFile(file: string, options: ImportOptions): Promise<ImportResult>;
  close(): Promise<void>;
}

/** Connects to every shard (each must answer), creates the schema where missing, opens the scratch store. */
export async function openClickHouseImport(urls: readonly string[]): Promise<ClickHouseImport> {
  const cluster = await connectShards(urls);
  await ensureClickHouseSchema(cluster.shards, cluster.cluster);
  let nextSeq = await nextSeqOnCluster(cluster.first);
  const dir = mkdtempSync(join(tmpdir(), 'polku-clickhouse-import-'));
  let staging: Store;
  try {
    staging = await Store.open(join(dir, 'staging.duckdb'));
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    cluster,
    async importFile(file, options) {
      const result = await importFileInto(staging, file, options, clickHouseImportSink(cluster.first, nextSeq));
      // Every row of the file had its number (record), skipped or not: the next file starts after them.
      nextSeq += BigInt(result.read);
      return result;
    },
    async close() {
      await staging.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
