import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import type { ServerBatch, WireBatch } from '../../collector/protocol.ts';
import { type Delivery, HISTORY, type History } from './history.ts';
import { type DemoClock, SIMULATED_ADDRESS_HEADER } from './in-process.ts';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface SeedOptions {
  /** The collector's app: requests go through its real routes, in-process. */
  app: Hono;
  clock: DemoClock;
  history: History;
  site: string;
  /** The site's secret (its `secretEnv`), as the shop's backend holds it for `/api/server-events`. */
  secret: string;
  signal?: AbortSignal;
  /** Called when a day of the history has been sent (`day` from 1), with the events sent so far. */
  onDay?: (day: number, eventsSent: number) => void;
}

/**
 * Sends the history to the collector through `POST /api/events`, `POST /api/replay` and (the shop's
 * backend) `POST /api/server-events`, each
 * request at its own time on the collector's clock, in the order the tracker would have sent them.
 *
 * Requests are not awaited one by one (an fsync each would take a minute on a slow disk): after
 * starting one, the seeder waits for the next turn of the event loop only. Before the spool write
 * a request does no I/O (an in-process body, validation, enrichment), so by then it has read the
 * clock and been given its visitor and session, in order; the spool's group commit then stores
 * many requests per fsync while the next ones are sent.
 */
export async function seedHistory({ app, clock, history, site, secret, signal, onDay }: SeedOptions): Promise<void> {
  const pending: Promise<void>[] = [];
  let sentEvents = 0;
  let lastDay = 0;
  try {
    for (const delivery of history.deliveries) {
      signal?.throwIfAborted();
      clock.set(delivery.at);
      pending.push(
        send(app, delivery, site, secret).then((answer) => {
          if (answer.status !== 202) {
            throw new Error(`the collector refused seeded history (${delivery.kind}): ${answer.status} ${answer.body}`);
          }
        }),
      );
      await nextTurn();
      const day = Math.floor((delivery.at - HISTORY.start) / 86_400_000) + 1;
      if (day !== lastDay && lastDay > 0) onDay?.(lastDay, sentEvents);
      lastDay = day;
      if (delivery.kind !== 'replay') sentEvents += delivery.events.length;
    }
    if (lastDay > 0) onDay?.(lastDay, sentEvents);
    await Promise.all(pending);
  } finally {
    // Whatever happens, no later request may be stamped with simulated time.
    await Promise.allSettled(pending);
    clock.release();
  }
}

async function send(app: Hono, delivery: Delivery, site: string, secret: string) {
  const sentAt = delivery.at;
  if (delivery.kind === 'server') {
    // As polku/server sends them: no Origin (a browser never holds the secret), the backend's clock.
    const batch: ServerBatch = { site, events: delivery.events, sent_at: sentAt };
    const response = await app.request('/api/server-events', {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    });
    return { status: response.status, body: await response.text() };
  }
  const { visitor } = delivery;
  const headers = {
    'content-type': 'text/plain;charset=UTF-8',
    origin: HISTORY.origin,
    'user-agent': visitor.userAgent,
    [SIMULATED_ADDRESS_HEADER]: visitor.address,
  };
  let response: Response;
  if (delivery.kind === 'events') {
    // The device's clock is off by skewMs in both times it reports; the collector takes the difference.
    const batch: WireBatch = {
      site,
      events: delivery.events.map((event) => ({ ...event, ts: event.ts + visitor.skewMs })),
      sent_at: sentAt + visitor.skewMs,
      tz: visitor.tz,
      ...(visitor.clientId ? { client_id: visitor.clientId } : {}),
      ...(delivery.userId ? { user_id: delivery.userId } : {}),
    };
    response = await app.request('/api/events', { method: 'POST', body: JSON.stringify(batch), headers });
  } else {
    const json = JSON.stringify(delivery.events);
    const query = new URLSearchParams({ site, page_id: delivery.pageId, seq: String(delivery.seq) });
    response = await app.request(`/api/replay?${query}`, {
      method: 'POST',
      body: delivery.plain ? json : gzipSync(json),
      headers,
    });
  }
  return { status: response.status, body: await response.text() };
}
