import { exportEvents, Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';

const options = {
  db: COMMON_OPTIONS.db,
  format: { type: 'string', value: 'F', default: 'parquet', description: 'parquet or ndjson' },
  out: { type: 'string', value: 'FILE', description: 'file to write (default: events.parquet / events.ndjson)' },
  site: { type: 'string', value: 'ID', description: 'only this site' },
} as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'export events to Parquet or NDJSON (the shape polku import reads)',
  options,
  async run(args) {
    const flags = parseOptions('export', options, args);
    if (flags.format !== 'parquet' && flags.format !== 'ndjson') {
      throw new UsageError(`--format must be parquet or ndjson, not "${flags.format}"`);
    }
    const out = flags.out ?? `events.${flags.format}`;
    const store = await Store.open(flags.db, { readOnly: true });
    try {
      const rows = await exportEvents(store, { out, format: flags.format, site: flags.site });
      console.log(`exported ${rows} events to ${out}`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
