import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Hono } from 'hono';
import { BodyError, inflateCapped, readBody } from '../body.ts';
import { botReason } from '../bots.ts';
import type { CollectorContext } from '../context.ts';
import { zodIssues } from '../errors.ts';
import { checkRequest, checkSite, incomingOf, isRefusal } from '../guards.ts';
import { REPLAY_LIMITS, replayQuerySchema } from '../protocol.ts';
import { refuse, spoolRefusal } from '../refusal.ts';

const gzipAsync = promisify(gzip);

/**
 * `POST /api/replay?site=S&page_id=P&seq=N` with a JSON array of rrweb events (gzip, or plain at
 * page hide) as the body. Refused when the site has replay off or the browser asks not to be tracked (Sec-GPC: 1 or
 * DNT: 1). The chunk is inflated once, within a cap, to check it is what it claims to be, and
 * stored compressed as sent; it links to the session through page_id. What one page load and one
 * site may store is capped (collector/replay-ledger.ts): anyone can post here.
 */
export function replayRoute(ctx: CollectorContext): Hono {
  const route = new Hono();
  route.post('/', async function ingestReplay(c) {
    const receivedAt = ctx.now();
    const early = checkRequest(c, ctx);
    if (early) return refuse(c, ctx, early);

    const query = replayQuerySchema.safeParse(c.req.query());
    if (!query.success) {
      return refuse(c, ctx, {
        status: 400,
        reason: 'invalid-replay-query',
        error: 'invalid replay chunk address',
        issues: zodIssues(query.error),
      });
    }
    if (ctx.replaysRefused !== null) {
      return refuse(c, ctx, { status: 403, reason: 'replay-not-stored', error: ctx.replaysRefused });
    }
    const siteCheck = checkSite(c, ctx, query.data.site, '');
    if (isRefusal(siteCheck)) return refuse(c, ctx, { ...siteCheck, body: undefined });
    if (!siteCheck.site.replay) {
      return refuse(c, ctx, {
        status: 403,
        reason: 'replay-off',
        error: `session replay is off for site "${query.data.site}"`,
        issues: [{ path: 'site', message: `set replay: true on site "${query.data.site}" in polku.config.ts` }],
      });
    }
    if (c.req.header('sec-gpc') === '1' || c.req.header('dnt') === '1') {
      return refuse(c, ctx, {
        status: 403,
        reason: 'do-not-track',
        error: 'the browser asks not to be tracked (Sec-GPC or DNT); no replay is recorded',
      });
    }

    let chunk: { data: Buffer; inflatedBytes: number };
    try {
      chunk = await normaliseChunk(
        await readBody(c.req.raw, { maxBytes: REPLAY_LIMITS.compressedBytes }, incomingOf(c)),
      );
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.status === 413) c.header('Connection', 'close');
      return refuse(c, ctx, { status: error.status, reason: `replay-${error.reason}`, error: error.message });
    }
    if (botReason(c.req.header('user-agent') ?? '')) {
      ctx.metrics.drop('replay-bot', 1);
      return c.json({ accepted: 0 }, 202);
    }
    // Caps per page load and the site's quota (collector/replay-ledger.ts); a repeated seq is refused.
    const size = {
      site: query.data.site,
      pageId: query.data.page_id,
      seq: query.data.seq,
      inflatedBytes: chunk.inflatedBytes,
      storedBytes: chunk.data.length,
    };
    const overLimit = ctx.replays.admit(size);
    if (overLimit) return refuse(c, ctx, overLimit);
    try {
      await ctx.ingest.acceptReplay({
        site: query.data.site,
        pageId: query.data.page_id,
        seq: query.data.seq,
        receivedAt,
        data: chunk.data,
      });
    } catch (error) {
      ctx.replays.release(size);
      return refuse(c, ctx, spoolRefusal(error, ctx));
    }
    ctx.metrics.acceptedReplayChunks += 1;
    return c.json({ accepted: 1 }, 202);
  });
  return route;
}

/**
 * A chunk is the gzip of a JSON array of rrweb events, except the last one of a page: the recorder
 * sends that as plain JSON at page hide, because compression in the browser is asynchronous and
 * would not finish before the page is gone. Plain chunks are compressed here, so every stored chunk
 * is gzip. Either way the events must inflate (within 10 MiB) to a JSON array, or nothing is stored.
 */
async function normaliseChunk(data: Buffer): Promise<{ data: Buffer; inflatedBytes: number }> {
  const gzipped = data[0] === 0x1f && data[1] === 0x8b;
  const json = gzipped ? await inflateCapped(data, 'gzip', REPLAY_LIMITS.inflatedBytes) : data;
  let events: unknown;
  try {
    events = JSON.parse(json.toString('utf8'));
  } catch {
    events = null;
  }
  if (!Array.isArray(events)) {
    throw new BodyError(400, 'not-an-array', 'the chunk must be a JSON array of rrweb events, plain or gzip');
  }
  return { data: gzipped ? data : await gzipAsync(json), inflatedBytes: json.length };
}
