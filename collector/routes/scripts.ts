import { Hono } from 'hono';
import type { TrackerBundle } from '../tracker-bundle.ts';

/** `GET /polku.js`: the tracker, revalidated by ETag so sites pick up a new version within an hour. */
export function scriptsRoute(tracker: TrackerBundle): Hono {
  const route = new Hono();
  route.get('/polku.js', function serveTracker(c) {
    c.header('ETag', tracker.etag);
    c.header('Cache-Control', 'public, max-age=3600');
    if (c.req.header('if-none-match') === tracker.etag) return c.body(null, 304);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(tracker.code);
  });
  return route;
}
