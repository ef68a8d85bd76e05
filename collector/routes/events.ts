import { Hono } from 'hono';
import type { z } from 'zod';
import { botReason } from '../bots.ts';
import type { CollectorContext } from '../context.ts';
import { corsJson } from '../cors.ts';
import { enrichBatch } from '../enrich/enrich.ts';
import { zodIssues } from '../errors.ts';
import { checkRequest, checkSite, isRefusal, readLimitedBody } from '../guards.ts';
import { type AcceptedBody, batchSchema, LIMITS } from '../protocol.ts';
import { quickBatch } from '../quick-batch.ts';
import { isSystemError, type Refusal, refuse, spoolRefusal } from '../refusal.ts';

const TOO_LARGE = `body larger than ${LIMITS.batchBytes} bytes (after decompression); send at most ${LIMITS.eventsPerBatch} events per batch`;

/**
 * `POST /api/events`: refuse early (rate, type, size), validate at the edge, drop bots, enrich,
 * then answer 202 only once the batch is fsync'd in the spool.
 */
export function eventsRoute(ctx: CollectorContext): Hono {
  const route = new Hono();
  route.post('/', async function ingestEvents(c) {
    const receivedAt = ctx.now();
    const early = checkRequest(c, ctx);
    if (early) return refuse(c, ctx, early);

    const bytes = await readLimitedBody(c, { maxBytes: LIMITS.batchBytes });
    if (isRefusal(bytes)) return refuse(c, ctx, bytes.status === 413 ? { ...bytes, error: TOO_LARGE } : bytes);
    const text = bytes.toString('utf8');

    const parsed = parseBatch(text);
    if (isRefusal(parsed)) return refuse(c, ctx, parsed);
    const siteCheck = checkSite(c, ctx, parsed.site, text);
    if (isRefusal(siteCheck)) return refuse(c, ctx, siteCheck);
    if (parsed.user_id !== undefined && ctx.enrichers.secrets?.firstIgnoredUserId(parsed.site)) {
      ctx.log.warn(`site "${parsed.site}" has no secretEnv with a usable secret: user ids are ignored`);
    }

    const userAgent = c.req.header('user-agent') ?? '';
    const bot = botReason(userAgent);
    if (bot) {
      ctx.metrics.drop(bot, parsed.events.length);
      return corsJson(c, JSON.stringify({ accepted: 0 } satisfies AcceptedBody), 202);
    }

    let events: ReturnType<typeof enrichBatch>;
    try {
      events = enrichBatch(parsed, { ip: ctx.clientAddress(c), userAgent, receivedAt }, ctx.enrichers);
    } catch (error) {
      // A new day's salt is written beside the spool first; a disk that refuses it refuses the batch.
      if (!isSystemError(error)) throw error;
      return refuse(c, ctx, spoolRefusal(error, ctx));
    }
    try {
      await ctx.ingest.acceptEvents(events);
    } catch (error) {
      return refuse(c, ctx, spoolRefusal(error, ctx));
    }
    ctx.metrics.acceptedEvents += events.length;
    return corsJson(c, JSON.stringify({ accepted: events.length } satisfies AcceptedBody), 202);
  });
  return route;
}

/** A JSON escape of a UTF-16 surrogate: the only way a string can come out of JSON.parse ill-formed. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Lone surrogates become U+FFFD, in keys as well as values: DuckDB's JSON reader refuses them, and
 * that would lose an acknowledged line.
 */
function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.toWellFormed();
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.toWellFormed(), wellFormed(inner)]));
  }
  return value;
}

function parseBatch(text: string) {
  return parseJsonBody(text, batchSchema, quickBatch);
}

/**
 * Parses a request body as JSON and validates it: the quick check first when there is one, zod
 * for everything it cannot vouch for (zod decides those and reports why). Shared by every JSON route.
 */
export function parseJsonBody<T>(
  text: string,
  schema: z.ZodType<T>,
  quick: (raw: unknown) => T | null = () => null,
): T | Refusal {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
    if (SURROGATE_ESCAPE.test(text)) raw = wellFormed(raw);
  } catch (error) {
    return {
      status: 400,
      reason: 'invalid-json',
      error: 'body is not valid JSON',
      issues: [{ path: '', message: (error as Error).message }],
      body: text,
    } satisfies Refusal;
  }
  // Zod only for batches the quick check cannot vouch for: it decides those and reports why.
  const quickly = quick(raw);
  if (quickly) return quickly;
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      status: 400,
      reason: 'invalid-batch',
      error: 'invalid event batch',
      issues: zodIssues(parsed.error),
      body: text,
    } satisfies Refusal;
  }
  return parsed.data;
}
