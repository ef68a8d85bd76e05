import { formatDuration, loadConfig } from '../../config/index.ts';
import { purge, Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { COMMON_OPTIONS, parseOptions } from '../options.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  site: { type: 'string', value: 'ID', description: 'delete every event and replay of this site' },
  visitor: { type: 'string', value: 'ID', description: "delete this visitor's events and replays" },
} as const;

export const purgeCommand: Command = {
  name: 'purge',
  summary: 'delete data past its retention (config "retention"), or of one site or visitor',
  options,
  async run(args) {
    const flags = parseOptions('purge', options, args);
    const config = await loadConfig(flags.config);
    const now = Date.now();
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
