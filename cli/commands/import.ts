import { basename } from 'node:path';
import { importEvents, importFormatOf, Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptionsAndFiles } from '../options.ts';
import { terminalText } from '../terminal-text.ts';

const options = { db: COMMON_OPTIONS.db } as const;

export const importCommand: Command = {
  name: 'import',
  summary: 'import events from NDJSON, CSV or Parquet files in the export shape',
  args: 'FILE...',
  options,
  async run(args) {
    const { values: flags, files } = parseOptionsAndFiles('import', options, args);
    if (files.length === 0) throw new UsageError("polku import: name at least one file; run 'polku import --help'");
    const formats = files.map((file) => {
      const format = importFormatOf(file);
      if (!format) throw new UsageError(`polku import: ${file}: use a .ndjson, .jsonl, .csv or .parquet file`);
      return format;
    });
    const store = await Store.open(flags.db);
    try {
      let stored = 0;
      for (const [index, file] of files.entries()) {
        const name = terminalText(basename(file));
        // Progress of a long file on a terminal only: piped output stays one line per file.
        const showProgress = process.stderr.isTTY
          ? (percent: number) => process.stderr.write(`\r[${index + 1}/${files.length}] ${name}: ${percent}%`)
          : undefined;
        const result = await importEvents(store, file, formats[index] ?? 'ndjson', showProgress);
        if (showProgress) process.stderr.write('\r\x1b[K');
        stored += result.stored;
        const invalid = result.invalid > 0 ? `, ${result.invalid} skipped (no valid id, ts, site, name or url)` : '';
        console.log(`[${index + 1}/${files.length}] ${name}: ${result.read} rows, ${result.stored} new${invalid}`);
      }
      console.log(`imported ${stored} new events into ${flags.db}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
