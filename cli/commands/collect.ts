import { buildTrackerBundle, createCollectorApp, listen } from '../../collector/index.ts';
import { loadConfig } from '../../config/index.ts';
import { Store } from '../../store/index.ts';
import type { Command } from '../command.ts';
import { untilStopped } from '../lifecycle.ts';
import { COMMON_OPTIONS, parseOptions, parsePort } from '../options.ts';

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  port: COMMON_OPTIONS.port,
  host: COMMON_OPTIONS.host,
};

export const collect: Command = {
  name: 'collect',
  summary: 'run the collector: serve the tracker and store incoming events',
  options,
  async run(args) {
    const flags = parseOptions('collect', options, args);
    const port = parsePort(flags.port);
    const config = await loadConfig(flags.config);
    const store = await Store.open(flags.db);
    const tracker = await buildTrackerBundle();
    const server = await listen(createCollectorApp({ config, store, tracker }), { host: flags.host, port }).catch(
      async (error: Error) => {
        await store.close();
        throw error;
      },
    );
    console.log(`listening on ${server.url}`);
    return untilStopped(async () => {
      await server.close();
      await store.close();
    });
  },
};
