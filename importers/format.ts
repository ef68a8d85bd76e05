import { extname } from 'node:path';

export type ImportFormat = 'ndjson' | 'csv' | 'parquet';

export function importFormatOf(file: string): ImportFormat | null {
  const extension = extname(file).toLowerCase();
  if (extension === '.ndjson' || extension === '.jsonl' || extension === '.json') return 'ndjson';
  if (extension === '.csv') return 'csv';
  if (extension === '.parquet') return 'parquet';
  return null;
}

/** DuckDB's reader for each format; `$file` is bound, never pasted into the statement. */
export const READERS: Record<ImportFormat, string> = {
  ndjson: `read_json($file, format = 'newline_delimited')`,
  csv: 'read_csv($file, header = true, all_varchar = true)',
  parquet: 'read_parquet($file)',
};

/**
 * Where record n (1-based, in file order) is, for messages: a CSV's header is line 1; NDJSON has one
 * record per line; Parquet has rows, not lines. (A CSV value with a line break inside quotes moves
 * later records down; the message then names the record's number as if it had none.)
 */
export function placeOf(format: ImportFormat, record: number): string {
  if (format === 'csv') return `line ${record + 1}`;
  if (format === 'ndjson') return `line ${record}`;
  return `row ${record}`;
}
