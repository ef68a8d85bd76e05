import { Hono } from 'hono';
import type { CollectorContext } from './context.ts';
import { apiCors } from './cors.ts';
import { errorResponse } from './errors.ts';
import { eventsRoute } from './routes/events.ts';
import { feedbackPromptRoute } from './routes/feedback-prompt.ts';
import { healthRoute } from './routes/health.ts';
import { replayRoute } from './routes/replay.ts';
import { scriptsRoute } from './routes/scripts.ts';
import { serverEventsRoute } from './routes/server-events.ts';
import type { LazyScripts, TrackerBundle } from './tracker-bundle.ts';

const SERVER_EVENTS = '/api/server-events';

/** The collector's HTTP interface as a Hono app, usable in-process (`app.request`) or on a socket. */
export function createCollectorApp(
  ctx: CollectorContext,
  tracker: TrackerBundle,
  replayRecorder?: TrackerBundle,
  lazyScripts: Partial<LazyScripts> = {},
): Hono {
  const allowedOrigins = new Set(ctx.config.sites.flatMap((site) => site.origins));
  const app = new Hono();
  const browserCors = apiCors({ origins: allowedOrigins });
  // Server events are for backends only: no CORS at all, so no browser can be allowed to send them.
  app.use('/api/*', (c, next) => (c.req.path === SERVER_EVENTS ? next() : browserCors(c, next)));
  app.route('/', healthRoute(ctx));
  app.route('/', scriptsRoute(tracker, replayRecorder, lazyScripts));
  app.route('/api/feedback-prompt', feedbackPromptRoute(ctx));
  app.route('/api/events', eventsRoute(ctx));
  app.route('/api/replay', replayRoute(ctx));
  app.route(SERVER_EVENTS, serverEventsRoute(ctx));
  app.onError((error, c) => {
    // Never echo internals; the log line carries no client address.
    ctx.log.error({ method: c.req.method, path: c.req.path, err: error.message }, 'collector error');
    return errorResponse(c, 500, 'internal error; the request was not stored, retry later');
  });
  return app;
}
