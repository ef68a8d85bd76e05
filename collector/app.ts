import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { type ClientAddress, socketAddress } from './client-address.ts';
import { Sessionizer } from './enrich/sessions.ts';
import { VisitorHasher } from './enrich/visitor.ts';
import { errorResponse } from './errors.ts';
import { eventsRoute } from './routes/events.ts';
import { scriptsRoute } from './routes/scripts.ts';
import type { TrackerBundle } from './tracker-bundle.ts';

export interface CollectorOptions {
  config: PolkuConfig;
  store: Store;
  tracker: TrackerBundle;
  /** How the client's address is found (behind a proxy: from a trusted header). Default: the socket. */
  clientAddress?: ClientAddress;
  /** Server clock, epoch milliseconds. Default: Date.now. */
  now?: () => number;
}

/** The collector's HTTP interface as a Hono app, usable in-process (`app.request`) or on a socket. */
export function createCollectorApp({
  config,
  store,
  tracker,
  clientAddress = socketAddress,
  now = Date.now,
}: CollectorOptions): Hono {
  const allowedOrigins = new Set(config.sites.flatMap((site) => site.origins));
  const app = new Hono();
  app.use(
    '/api/*',
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      allowMethods: ['POST'],
      allowHeaders: ['Content-Type'],
      maxAge: 86_400,
    }),
  );
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.route('/', scriptsRoute(tracker));
  app.route(
    '/api/events',
    eventsRoute({
      config,
      store,
      enrichers: { visitors: new VisitorHasher(), sessions: new Sessionizer() },
      clientAddress,
      now,
    }),
  );
  app.onError((error, c) => {
    // Never echo internals; the message is for the operator's log, which carries no IP.
    console.error(`collector error on ${c.req.method} ${c.req.path}: ${error.message}`);
    return errorResponse(c, 500, 'internal error; the event batch was not stored, retry later');
  });
  return app;
}
