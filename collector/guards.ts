import type { Context } from 'hono';
import type { SiteConfig } from '../config/index.ts';
import { BodyError, type BodyLimits, readBody } from './body.ts';
import type { CollectorContext } from './context.ts';
import type { Refusal } from './refusal.ts';

/** Content types a tracker may send: text/plain needs no CORS preflight, application/json is for servers. */
const CONTENT_TYPES = new Set(['text/plain', 'application/json', 'application/octet-stream']);

/** Checks done before the body is read: rate limit and content type. */
export function checkRequest(c: Context, ctx: CollectorContext): Refusal | null {
  if (ctx.rateLimiter) {
    const wait = ctx.rateLimiter.take(ctx.clientAddress(c), ctx.now());
    if (wait > 0) {
      c.header('Retry-After', String(wait));
      return {
        status: 429,
        reason: 'rate-limited',
        error: `too many requests from this network; retry after ${wait} s`,
      };
    }
  }
  const type = (c.req.header('content-type') ?? 'text/plain').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!CONTENT_TYPES.has(type)) {
    return {
      status: 415,
      reason: 'unsupported-media-type',
      error: `unsupported Content-Type "${type}"; send text/plain or application/json`,
    };
  }
  return null;
}

/** Reads the body within limits, or says why it was refused. */
export async function readLimitedBody(c: Context, limits: BodyLimits): Promise<Buffer | Refusal> {
  try {
    return await readBody(c.req.raw, limits);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    // The rest of an oversized body is never read: close the connection instead of draining it.
    if (error.status === 413) c.header('Connection', 'close');
    return { status: error.status, reason: error.reason, error: error.message };
  }
}

/** 403 unless the site exists and the request's Origin (when sent) is one of its origins. */
export function checkSite(
  c: Context,
  ctx: CollectorContext,
  siteId: string,
  body: string,
): { site: SiteConfig } | Refusal {
  const site = ctx.config.sites.find((candidate) => candidate.id === siteId);
  if (!site) {
    return {
      status: 403,
      reason: 'unknown-site',
      error: `unknown site "${siteId}"`,
      issues: [{ path: 'site', message: 'add the site to polku.config.ts or fix data-site on the script tag' }],
      body,
    };
  }
  const origin = c.req.header('origin');
  if (origin !== undefined && !site.origins.includes(origin)) {
    return {
      status: 403,
      reason: 'origin-not-allowed',
      error: `origin ${origin} may not send events for site "${site.id}"`,
      issues: [{ path: 'site', message: `add "${origin}" to the origins of site "${site.id}" in polku.config.ts` }],
      body,
    };
  }
  return { site };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'reason' in value && 'status' in value;
}
