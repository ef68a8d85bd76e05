import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import type { TrackerBundle } from '../tracker-bundle.ts';

/**
 * Stand-in for the replay recorder until the tracker builds one (issue "Tracker"): a script that
 * does nothing, so a page that loads it gets no error and records nothing.
 */
const REPLAY_PLACEHOLDER = '/* polku replay recorder: not built yet; nothing is recorded */\n';
const REPLAY_PLACEHOLDER_ETAG = `"${createHash('sha256').update(REPLAY_PLACEHOLDER).digest('base64url').slice(0, 16)}"`;

/** `GET /polku.js` and `GET /polku-replay.js`, revalidated by ETag so sites pick up a new version within an hour. */
export function scriptsRoute(tracker: TrackerBundle): Hono {
  const route = new Hono();
  route.get('/polku.js', (c) => serveScript(c.req.header('if-none-match'), tracker.code, tracker.etag, c));
  route.get('/polku-replay.js', (c) =>
    serveScript(c.req.header('if-none-match'), REPLAY_PLACEHOLDER, REPLAY_PLACEHOLDER_ETAG, c),
  );
  return route;
}

function serveScript(
  ifNoneMatch: string | undefined,
  code: string,
  etag: string,
  c: { header(name: string, value: string): void; body(data: string | null, status?: 200 | 304): Response },
): Response {
  c.header('ETag', etag);
  c.header('Cache-Control', 'public, max-age=3600');
  // Any page may load the scripts; their answers carry no data.
  c.header('Access-Control-Allow-Origin', '*');
  if (ifNoneMatch === etag) return c.body(null, 304);
  c.header('Content-Type', 'text/javascript; charset=utf-8');
  return c.body(code);
}
