import { loadConfig, parseDuration } from '../../config/index.ts';
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
    // The schema has checked both durations, so they parse.
    const eventsMs = parseDuration(config.retention.events) ?? Number.POSITIVE_INFINITY;
    const replaysMs = parseDuration(config.retention.replays) ?? Number.POSITIVE_INFINITY;
    const store = await Store.open(flags.db, { mustExist: true });
    try {
      const result = await purge(store, {
        eventsBefore: now - eventsMs,
        replaysBefore: now - replaysMs,
        site: flags.site,
        visitor: flags.visitor,
      });
      console.log(
        `purged ${result.events} events and ${result.replays} replay chunks ` +
          `(retention: events ${config.retention.events}, replays ${config.retention.replays})`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
