import { Hono } from 'hono';
import type { CollectorContext } from '../context.ts';
import { enrichServerBatch } from '../enrich/server-events.ts';
import { checkRequest, isRefusal, readLimitedBody } from '../guards.ts';
import { type AcceptedBody, LIMITS, serverBatchSchema } from '../protocol.ts';
import { isSystemError, type Refusal, refuse, spoolRefusal } from '../refusal.ts';
import { parseJsonBody } from './events.ts';

const TOO_LARGE = `body larger than ${LIMITS.batchBytes} bytes (after decompression); send at most ${LIMITS.eventsPerBatch} events per batch`;

/**
 * `POST /api/server-events`: events from a site's backend, authenticated with the site's secret
 * (`Authorization: Bearer …`, the value of its `secretEnv`). No CORS: a browser must never hold the
 * secret, so a request with an Origin is refused. Otherwise the same limits, validation errors,
 * spool and deduplication by event id as `/api/events`.
 */
export function serverEventsRoute(ctx: CollectorContext): Hono {
  const route = new Hono();
  route.post('/', async function ingestServerEvents(c) {
    const receivedAt = ctx.now();
    if (c.req.header('origin') !== undefined) return refuse(c, ctx, FROM_A_BROWSER);
    const early = checkRequest(c, ctx);
    if (early) return refuse(c, ctx, early);
    const authenticated = authenticate(c.req.header('authorization'), ctx);
    if (isRefusal(authenticated)) {
      c.header('WWW-Authenticate', 'Bearer realm="polku server events"');
      return refuse(c, ctx, authenticated);
    }

    const bytes = await readLimitedBody(c, { maxBytes: LIMITS.batchBytes });
    if (isRefusal(bytes)) return refuse(c, ctx, bytes.status === 413 ? { ...bytes, error: TOO_LARGE } : bytes);
    const text = bytes.toString('utf8');
    const parsed = parseJsonBody(text, serverBatchSchema);
    if (isRefusal(parsed)) return refuse(c, ctx, parsed);
    if (!authenticated.sites.includes(parsed.site)) {
      return refuse(c, ctx, {
        status: 403,
        reason: 'wrong-site-secret',
        error: `this secret is the secret of site "${authenticated.sites.join('", "')}", not of site "${parsed.site}"`,
        issues: [{ path: 'site', message: `send the secret of site "${parsed.site}" (its secretEnv)` }],
        body: text,
      });
    }

    let events: ReturnType<typeof enrichServerBatch>;
    try {
      events = enrichServerBatch(parsed, receivedAt, ctx.enrichers);
    } catch (error) {
      if (!isSystemError(error)) throw error;
      return refuse(c, ctx, spoolRefusal(error, ctx));
    }
    try {
      await ctx.ingest.acceptEvents(events);
    } catch (error) {
      return refuse(c, ctx, spoolRefusal(error, ctx));
    }
    ctx.metrics.acceptedEvents += events.length;
    return c.json({ accepted: events.length } satisfies AcceptedBody, 202);
  });
  return route;
}

const FROM_A_BROWSER: Refusal = {
  status: 403,
  reason: 'server-events-from-browser',
  error:
    'server events come from a backend, never from a browser (which would expose the site secret); send browser events to /api/events',
};

/** The site whose secret the request carries, or a 401 saying what is wrong (never echoing what was sent). */
function authenticate(header: string | undefined, ctx: CollectorContext): { sites: string[] } | Refusal {
  const unauthorized = (error: string): Refusal => ({ status: 401, reason: 'unauthorized', error });
  if (header === undefined || header.trim() === '') {
    return unauthorized(
      'missing Authorization header; send "Authorization: Bearer <secret>" with the value of the site\'s secretEnv',
    );
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return unauthorized('the Authorization header must be "Bearer <secret>"');
  const sites = ctx.enrichers.secrets?.authenticate(match[1]) ?? [];
  if (sites.length === 0) {
    return unauthorized(
      "wrong secret: it is not the secret of any site (the value of a site's secretEnv in the collector's environment)",
    );
  }
  return { sites };
}
