import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * Serves a built report folder under `base` ("/" or "/reports/"). A folder asked for without its
 * trailing slash is redirected, so relative URLs inside pages resolve as they would on any static host.
 * Only canonical paths are served or redirected (see `canonicalPath`); anything else is a 404, so a
 * redirect can never point off-site.
 */
export function staticSite(folder: string, base = '/'): Hono {
  const root = resolve(folder);
  const prefix = base.replace(/\/$/, '');
  const app = new Hono();
  app.get(`${prefix}/*`, async (c, next) => {
    const relative = canonicalPath(c.req.path.slice(prefix.length));
    if (relative === null) return c.notFound();
    const onDisk = join(root, relative);
    if (!relative.endsWith('/') && existsSync(onDisk) && statSync(onDisk).isDirectory()) {
      return c.redirect(sameOriginPath(`${prefix}${encodePath(relative)}/`), 301);
    }
    return next();
  });
  if (prefix !== '') app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }));
  return app;
}

/**
 * The request path decoded, or null unless it is a plain path: a leading `/`, no backslash, no empty,
 * `.` or `..` segment, no control character. `/\evil.example/..%2Fx` would otherwise find the folder
 * `x` and be redirected to `/\evil.example/…/`, which browsers read as `//evil.example/…`: off-site.
 */
export function canonicalPath(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || /[\\\p{Cc}]/u.test(decoded)) return null;
  const segments = decoded.slice(1).split('/');
  // A trailing slash leaves one empty last segment, which is fine; any other empty segment is `//`.
  const inner = segments.slice(0, -1);
  if (inner.some((segment) => segment === '' || segment === '.' || segment === '..')) return null;
  const last = segments.at(-1);
  return last === '.' || last === '..' ? null : decoded;
}

/** Each segment percent-encoded again, so the Location header holds exactly the path that was checked. */
function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** A redirect target must be a same-origin path: one `/`, then neither `/` nor `\` (`//host`, `/\host`). */
function sameOriginPath(location: string): string {
  if (!/^\/(?![/\\])/.test(location)) throw new Error(`refusing to redirect to ${JSON.stringify(location)}`);
  return location;
}
