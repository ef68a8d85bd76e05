import { type Context, Hono } from 'hono';
import type { LazyScripts, TrackerBundle } from '../tracker-bundle.ts';

/**
 * `GET /polku.js` (the core tracker), `GET /polku-replay.js` (the replay recorder) and the lazy
 * scripts (`/polku-links.js`, `/polku-feedback.js`), revalidated by ETag so that sites pick up a
 * new version within an hour.
 */
export function scriptsRoute(
  tracker: TrackerBundle,
  replayRecorder?: TrackerBundle,
  lazyScripts: Partial<LazyScripts> = {},
): Hono {
  const route = new Hono();
  route.get('/polku.js', (c) => serveScript(c, tracker));
  if (replayRecorder) route.get('/polku-replay.js', (c) => serveScript(c, replayRecorder));
  for (const [path, bundle] of Object.entries(lazyScripts)) route.get(path, (c) => serveScript(c, bundle));
  return route;
}

function serveScript(c: Context, bundle: TrackerBundle): Response {
  c.header('ETag', bundle.etag);
  c.header('Cache-Control', 'public, max-age=3600');
  // Any page may load the scripts; their answers carry no data.
  c.header('Access-Control-Allow-Origin', '*');
  if (c.req.header('if-none-match') === bundle.etag) return c.body(null, 304);
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  return c.body(bundle.code);
}
