import { formatDuration, loadConfig } from '../../config/index.ts';
import { connectShards, requireSchema } from '../../store/clickhouse/cluster.ts';
import { purgeCluster } from '../../store/clickhouse/purge-events.ts';
import { purge, Store } from '../../store/index.ts';
import { BACKEND_OPTIONS, parseBackend } from '../backend-options.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  ...BACKEND_OPTIONS,
  site: { type: 'string', value: 'ID', description: 'delete every event and replay of this site' },
  visitor: { type: 'string', value: 'ID', description: "delete this visitor's events and replays" },
} as const;

export const purgeCommand: Command = {
  name: 'purge',
  summary: 'delete data past its retention (config "retention"), or of one site or visitor',
  options,
  async run(args) {
    const flags = parseOptions('purge', options, args);
    const backend = parseBackend('purge', flags);
    const config = await loadConfig(flags.config);
    const now = Date.now();
    if (backend.kind === 'clickhouse') {
      const cluster = await connectShards(backend.urls);
      await requireSchema(cluster);
      // The visitor id goes to ClickHouse only as a hash, and into no output (purge-events.ts).
      const result = await purgeCluster(cluster, {
        eventsBefore: now - config.retention.events,
        site: flags.site,
        visitor: flags.visitor,
      });
      console.log(
        `purged ${result.events} events from ${cluster.shards.length} ClickHouse shards ` +
          `(retention: events ${formatDuration(config.retention.events)})`,
      );
      return 0;
    }
    const store = await Store.open(flags.db, { mustExist: true });
    try {
      const result = await purge(store, {
        eventsBefore: now - config.retention.events,
        replaysBefore: now - config.retention.replays,
        site: flags.site,
        visitor: flags.visitor,
      });
      console.log(
        `purged ${result.events} events and ${result.replays} replay chunks ` +
          `(retention: events ${formatDuration(config.retention.events)}, replays ${formatDuration(config.retention.replays)})`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
