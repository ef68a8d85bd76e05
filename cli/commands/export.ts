import { connectShards, requireSchema } from '../../store/clickhouse/cluster.ts';
import { exportClusterEvents } from '../../store/clickhouse/export-events.ts';
import { exportEvents, Store } from '../../store/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { UsageError } from '../errors.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';

const options = {
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
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
    const backend = parseBackend('export', flags);
    const out = flags.out ?? `events.${flags.format}`;
    if (backend.kind === 'clickhouse') {
      const cluster = await connectShards(backend.urls);
      await requireSchema(cluster);
      const rows = await exportClusterEvents(cluster.first, { out, format: flags.format, site: flags.site });
      console.log(`exported ${rows} events from the ClickHouse cluster at ${cluster.first.url} to ${out}`);
      return 0;
    }
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
