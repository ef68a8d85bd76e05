import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect } from 'vitest';

/** Every file under `root`, relative, sorted. */
export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * `polku report` output from a ClickHouse cluster against DuckDB's: the same files, CSVs byte for
 * byte, JSON documents equal apart from `meta.backend` (and the checksum, which covers it). Returns
 * the file names, for the caller's own checks.
 */
export function expectSameReportFiles(fromCluster: string, fromDuckDb: string): string[] {
  const files = filesUnder(fromDuckDb);
  expect(filesUnder(fromCluster)).toEqual(files);
  for (const file of files) {
    const ours = readFileSync(join(fromCluster, file), 'utf8');
    const theirs = readFileSync(join(fromDuckDb, file), 'utf8');
    if (file.endsWith('.csv')) {
      expect(ours, file).toBe(theirs);
      continue;
    }
    const { meta, checksum: _ours, ...document } = JSON.parse(ours);
    const { meta: duckDbMeta, checksum: _theirs, ...duckDbDocument } = JSON.parse(theirs);
    expect(meta, file).toEqual({ ...duckDbMeta, backend: 'clickhouse' });
    expect(document, file).toEqual(duckDbDocument);
  }
  return files;
}
