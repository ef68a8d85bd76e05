import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { buildTrackerScripts, createCollector, createLogger, listen } from '../../collector/index.ts';
import { loadConfig, type PolkuConfig } from '../../config/index.ts';
import type { Command } from '../command.ts';
import { untilStopped } from '../lifecycle.ts';
import { COMMON_OPTIONS, parseOptions, parsePort, positiveNumber } from '../options.ts';
import { buildReportSite } from '../report-site.ts';
import { staticSite } from '../static-site.ts';

const DEMO_PAGES = fileURLToPath(new URL('../demo/site/', import.meta.url));

const options = {
  config: COMMON_OPTIONS.config,
  db: COMMON_OPTIONS.db,
  port: COMMON_OPTIONS.port,
  host: COMMON_OPTIONS.host,
  out: COMMON_OPTIONS.out,
  rebuild: {
    type: 'string',
    value: 'SECONDS',
    default: '10',
    description: 'rebuild the report this often when new events arrived',
  },
} as const;

export const demo: Command = {
  name: 'demo',
  summary: 'collector + example shop under /demo/ + the latest report under /reports/',
  options,
  async run(args) {
    const flags = parseOptions('demo', options, args);
    const port = parsePort(flags.port);
    const rebuildMs = Math.max(1, positiveNumber('--rebuild', flags.rebuild)) * 1000;
    const loaded = await loadConfig(flags.config);
    // The example pages are served by the demo itself, so its own origin may always send events.
    const selfOrigins = [`http://${flags.host}:${port}`, `http://localhost:${port}`];
    const config: PolkuConfig = {
      ...loaded,
      sites: loaded.sites.map((site) => ({ ...site, origins: [...new Set([...site.origins, ...selfOrigins])] })),
    };
    const collector = createCollector({
      config,
      ...(await buildTrackerScripts()),
      db: flags.db,
      // The demo's visitors all come from this machine: one address, many simulated people.
      rateLimit: false,
      log: createLogger(),
    });
    await collector.start();

    let builtFromEvents = -1;
    const rebuild = async () => {
      await collector.ingest.flush();
      const store = collector.ingest.store;
      if (!store) return;
      const [row] = await store.query('select count(*)::integer as n from events');
      const events = Number(row?.n ?? 0);
      if (events === builtFromEvents) return;
      await buildReportSite(config, store, { out: flags.out, base: '/reports/' });
      builtFromEvents = events;
      console.log(`report rebuilt from ${events} events`);
    };
    await rebuild();

    const app = new Hono();
    app.get('/', (c) => c.redirect('/demo/'));
    app.route('/', staticSite(DEMO_PAGES, '/demo/'));
    app.route('/', staticSite(flags.out, '/reports/'));
    app.route('/', collector.app);
    const server = await listen(app, { host: flags.host, port });
    let building = false;
    const timer = setInterval(() => {
      if (building) return;
      building = true;
      rebuild()
        .catch((error: Error) => console.error(`report rebuild failed: ${error.message}`))
        .finally(() => {
          building = false;
        });
    }, rebuildMs);

    // Handlers first: whoever reads "listening on" may send SIGTERM at once.
    const stopped = untilStopped(async () => {
      clearInterval(timer);
      await server.close();
      await collector.close();
    });
    console.log(`listening on ${server.url}`);
    console.log(`demo shop: ${server.url}/demo/   reports: ${server.url}/reports/`);
    return stopped;
  },
};
