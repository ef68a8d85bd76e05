import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import {
  buildTrackerScripts,
  type Collector,
  createCollector,
  createLogger,
  listen,
  type RunningServer,
} from '../../collector/index.ts';
import { loadConfig, type PolkuConfig } from '../../config/index.ts';
import { duckDbReportSource } from '../../reports/index.ts';
import type { Command } from '../command.ts';
import { clearDemoFolder, demoFolder, readMarker, type SeededMarker, writeMarker } from '../demo/data-folder.ts';
import { demoGuide } from '../demo/guide.ts';
import { generateHistory, HISTORY } from '../demo/history.ts';
import { DemoClock, demoClientAddress } from '../demo/in-process.ts';
import { loadRecordedScenes } from '../demo/replays.ts';
import { seedHistory } from '../demo/seed.ts';
import { shopBackend } from '../demo/shop-backend.ts';
import { UsageError } from '../errors.ts';
import { untilStopped } from '../lifecycle.ts';
import { COMMON_OPTIONS, parseOptions, parsePort, positiveNumber } from '../options.ts';
import { buildReportSite } from '../report-site.ts';
import { staticSite } from '../static-site.ts';

const DEMO_PAGES = fileURLToPath(new URL('../demo/site/', import.meta.url));
const DEMO_CONFIG = fileURLToPath(new URL('../demo/polku.config.ts', import.meta.url));
const FAVICON = readFileSync(new URL('../demo/site/favicon.svg', import.meta.url));
/** The variable holding the demo shop's secret, for a config whose site names none. */
const DEMO_SECRET_ENV = 'POLKU_DEMO_SECRET';

const options = {
  config: {
    type: 'string',
    value: 'FILE',
    description: "configuration file (.ts or .json) (default: the demo shop's, cli/demo/polku.config.ts)",
  },
  data: {
    type: 'string',
    value: 'DIR',
    default: './data/demo',
    description: 'folder for the demo database and report (reused on the next start)',
  },
  fresh: { type: 'boolean', description: 'start over: delete the demo data and generate the history again' },
  seed: {
    type: 'string',
    value: 'N',
    default: '1',
    description: 'seed of the generated history (same seed, same report)',
  },
  port: COMMON_OPTIONS.port,
  host: COMMON_OPTIONS.host,
  rebuild: {
    type: 'string',
    value: 'SECONDS',
    default: '10',
    description: 'rebuild the report this often when new events or replay chunks arrived',
  },
} as const;

export const demo: Command = {
  name: 'demo',
  summary: 'example shop with 60 days of seeded history, its collector, and the report under /reports/',
  options,
  async run(args) {
    const flags = parseOptions('demo', options, args);
    const port = parsePort(flags.port);
    const rebuildMs = Math.max(1, positiveNumber('--rebuild', flags.rebuild)) * 1000;
    const seed = Number(flags.seed);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
      throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not "${flags.seed}"`);
    }
    const loaded = await loadConfig(flags.config ?? DEMO_CONFIG);
    const site = loaded.sites[0]?.id ?? 'demo';
    const secretEnv = loaded.sites[0]?.secretEnv ?? DEMO_SECRET_ENV;
    const secret = demoSecret(secretEnv);
    const folder = demoFolder(flags.data);
    const clock = new DemoClock();
    const abort = new AbortController();

    let collector: Collector | undefined;
    let server: RunningServer | undefined;
    let timer: NodeJS.Timeout | undefined;
    let building: Promise<void> = Promise.resolve();
    let setup: Promise<void> = Promise.resolve();

    // Handlers first: Ctrl-C during the minute of seeding must stop cleanly too (exit 0); the
    // history is then generated again on the next start, as it was not finished.
    const stopped = untilStopped(async () => {
      abort.abort();
      await setup.catch(() => {});
      clearInterval(timer);
      await building;
      await server?.close();
      await collector?.close();
    });

    setup = (async () => {
      const previous = readMarker(folder);
      // A marker without its database (deleted by hand) is no history either.
      if (flags.fresh || previous?.seed !== seed || !existsSync(folder.db)) {
        if (previous && !flags.fresh)
          console.log(`${folder.dir} holds the history of seed ${previous.seed}: starting over`);
        clearDemoFolder(folder);
      }

      // The socket is bound first so that the port is known (--port 0 picks one) before the
      // collector is told its own origins; until the demo is ready it answers 503.
      let ready: Hono | undefined;
      const front = new Hono();
      front.all('*', (c) =>
        ready
          ? ready.fetch(c.req.raw, c.env)
          : c.text('The Polku demo is still generating its history; try again in a few seconds.\n', 503, {
              'Retry-After': '5',
            }),
      );
      server = await listen(front, { host: flags.host, port });
      const boundPort = new URL(server.url).port;
      // The demo serves the shop itself: its own address may always send events, and so may the
      // shop's public address, where the seeded history was "recorded".
      const selfOrigins = [server.url, `http://localhost:${boundPort}`, HISTORY.origin];
      const config: PolkuConfig = {
        ...loaded,
        sites: loaded.sites.map((s) => ({
          ...s,
          origins: [...new Set([...s.origins, ...selfOrigins])],
          ...(s.id === site ? { secretEnv } : {}),
        })),
      };
      collector = createCollector({
        config,
        ...(await buildTrackerScripts()),
        db: folder.db,
        // The demo's visitors all come from this machine: one address, many simulated people.
        rateLimit: false,
        now: clock.now,
        clientAddress: demoClientAddress,
        log: createLogger(process.env.POLKU_LOG_LEVEL ?? 'warn'),
        // The secret reaches this collector only, never process.env (nor the report build's child process).
        env: { ...process.env, [secretEnv]: secret },
      });
      await collector.start();
      const live = collector;

      let history: SeededMarker | null = readMarker(folder);
      if (!history) {
        const started = performance.now();
        console.log(`Generating ${HISTORY.days} days of shop history (seed ${seed})…`);
        const generated = generateHistory(seed, loadRecordedScenes());
        history = {
          seed,
          sessions: generated.sessions,
          events: generated.events,
          replays: generated.replays,
        };
        console.log(
          `  ${generated.sessions} visits, ${generated.events} events, ${generated.replays} replays: sending them through /api/events, /api/server-events and /api/replay`,
        );
        await seedHistory({
          app: live.app,
          clock,
          history: generated,
          site,
          secret,
          signal: abort.signal,
          onDay: (day, events) => {
            if (day % 10 === 0) console.log(`  day ${day}/${HISTORY.days}: ${events} events sent`);
          },
        });
        await live.ingest.flush();
        writeMarker(folder, history);
        console.log(`  history stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }

      let builtFrom = '';
      const rebuild = async (onProgress?: (stage: string) => void) => {
        await live.ingest.flush();
        const store = live.ingest.store;
        if (!store) return;
        // Replay chunks count too: a page's last chunk (sent at page hide) often comes after its events.
        const [row] = await store.query(
          'select (select count(*) from events)::integer as events, (select count(*) from replay_chunks)::integer as chunks',
        );
        const counts = `${Number(row?.events ?? 0)} events and ${Number(row?.chunks ?? 0)} replay chunks`;
        if (counts === builtFrom) return;
        await buildReportSite(config, duckDbReportSource(store), {
          out: folder.out,
          base: '/reports/',
          onProgress,
          configFile: flags.config ?? DEMO_CONFIG,
        });
        builtFrom = counts;
        console.log(`report built from ${counts}`);
      };
      console.log('Building the report…');
      await rebuild((stage) => {
        if (!stage.startsWith(' ')) console.log(`  ${stage}`);
      });

      const app = new Hono();
      app.get('/', (c) => c.redirect('/demo/'));
      app.get('/favicon.ico', (c) =>
        c.body(FAVICON, 200, { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'max-age=86400' }),
      );
      app.route('/', shopBackend({ collector: live.app, site, secret }));
      app.route('/', staticSite(DEMO_PAGES, '/demo/'));
      app.route('/', staticSite(folder.out, '/reports/'));
      app.route('/', live.app);
      ready = app;

      let inFlight = false;
      timer = setInterval(() => {
        if (inFlight) return;
        inFlight = true;
        building = rebuild()
          .catch((error: Error) => console.error(`report rebuild failed: ${error.message}`))
          .finally(() => {
            inFlight = false;
          });
      }, rebuildMs);

      console.log(`listening on ${server.url}`);
      console.log(demoGuide({ url: server.url, dataDir: folder.dir, history }));
    })();

    try {
      await setup;
    } catch (error) {
      if (abort.signal.aborted) return stopped;
      await server?.close();
      await collector?.close();
      throw error;
    }
    return stopped;
  },
};

/**
 * The demo shop's secret, which its simulated backend sends server events with and which keys the
 * hash of its members' user ids: the variable's value if set (at least 32 characters, as for any
 * site), otherwise a random one for this process only. A demo-only secret: never printed or stored.
 */
function demoSecret(name: string): string {
  const given = process.env[name];
  if (given === undefined || given === '') return randomBytes(32).toString('base64url');
  if (given.length < 32) {
    throw new UsageError(
      `${name} is shorter than 32 characters; unset it (the demo then makes a random secret) or use e.g. openssl rand -base64 32`,
    );
  }
  return given;
}
