import type { Context, MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

export interface ApiCorsOptions {
  /** Origins that may call the API from a browser (every site's `origins`). */
  origins: ReadonlySet<string>;
}

type PlainHeaders = Readonly<Record<string, string>>;

/** The JSON answer's headers for each request under `/api/*`, until its handler has answered. */
const jsonHeadersOf = new WeakMap<Context, PlainHeaders>();
/** Answers made by `corsJson`: they carry the CORS headers already. */
const answeredWithHeaders = new WeakSet<Response>();

/**
 * CORS for `/api/*`, with the same headers as Hono's `cors()`: preflights (OPTIONS) are answered by
 * it. Other answers made with `corsJson` (the 202 of every accepted request) get the headers as a
 * plain object prepared once per origin, which @hono/node-server writes without building a web
 * `Headers`; any other answer (errors, 404) gets them added afterwards, as Hono's `cors()` does.
 * Hono's middleware touches `c.res` on every request, which turns every answer into a full web
 * `Response` with a stream body (~15 % of the event loop's time under load).
 */
export function apiCors({ origins }: ApiCorsOptions): MiddlewareHandler {
  const allowOrigin = (origin: string) => (origins.has(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'Content-Encoding'],
    maxAge: 86_400,
  });
  const withoutOrigin: PlainHeaders = { 'content-type': 'application/json', vary: 'Origin' };
  const withOrigin = new Map<string, PlainHeaders>(
    [...origins].map((origin) => [
      origin,
      { 'access-control-allow-origin': origin, 'content-type': 'application/json', vary: 'Origin' },
    ]),
  );
  return async function apiCorsHeaders(c, next) {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const allowed = allowOrigin(c.req.header('origin') ?? '');
    jsonHeadersOf.set(c, (allowed && withOrigin.get(allowed)) || withoutOrigin);
    await next();
    jsonHeadersOf.delete(c);
    if (answeredWithHeaders.has(c.res)) return;
    if (allowed) c.header('Access-Control-Allow-Origin', allowed);
    c.header('Vary', 'Origin', { append: true });
  };
}

/**
 * A JSON answer with the CORS headers of its request, for the hot path: `body` is JSON already.
 * Only for requests under `apiCors` that set no other header; others answer with `c.json`.
 */
export function corsJson(c: Context, body: string, status: 200 | 202): Response {
  const headers = jsonHeadersOf.get(c);
  if (!headers) return c.body(body, status, { 'Content-Type': 'application/json' });
  const response = new Response(body, { status, headers });
  answeredWithHeaders.add(response);
  return response;
}
