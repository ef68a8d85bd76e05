import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';

/**
 * Serves a built report folder under `base` ("/" or "/reports/"). A folder asked for without its
 * trailing slash is redirected, so relative URLs inside pages resolve as they would on any static host.
 */
export function staticSite(folder: string, base = '/'): Hono {
  const root = resolve(folder);
  const prefix = base.replace(/\/$/, '');
  const app = new Hono();
  app.get(`${prefix}/*`, async (c, next) => {
    const relative = decodeURIComponent(c.req.path.slice(prefix.length));
    const onDisk = join(root, relative);
    if (!relative.endsWith('/') && onDisk.startsWith(root) && existsSync(onDisk) && statSync(onDisk).isDirectory()) {
      return c.redirect(`${c.req.path}/`, 301);
    }
    return next();
  });
  if (prefix !== '') app.get(prefix, (c) => c.redirect(`${prefix}/`, 301));
  app.use(`${prefix}/*`, serveStatic({ root, rewriteRequestPath: (path) => path.slice(prefix.length) || '/' }));
  return app;
}
