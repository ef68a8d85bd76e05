import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { ServerBatch } from '../../collector/protocol.ts';
import { PRODUCTS } from './traffic.ts';

/** What the shop sells, by the id its pages post: the backend knows its prices, it never takes the browser's. */
const PRICES = new Map<string, number>(Object.values(PRODUCTS).map(({ id, price }) => [id, price]));

/**
 * The demo shop's backend: `POST /demo/api/pay` takes the checkout form (`{ product, page_id }`,
 * the page id from `polku.pageId`) and, as a real shop's payment webhook would, tells the collector
 * through `POST /api/server-events` (in-process, with the site's secret) that the payment was
 * confirmed, with the order's value, joined to the visit by the page id. A demo stand-in: nothing is
 * charged, and the only thing a caller can choose is which of the shop's products and which page.
 */
export function shopBackend({ collector, site, secret }: { collector: Hono; site: string; secret: string }): Hono {
  const app = new Hono();
  app.post('/demo/api/pay', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { product?: unknown; page_id?: unknown } | undefined;
    const price = typeof body?.product === 'string' ? PRICES.get(body.product) : undefined;
    if (price === undefined) {
      return c.json(
        { error: `send {"product": one of ${[...PRICES.keys()].join(', ')}, "page_id": polku.pageId}` },
        400,
      );
    }
    // Without the page id (the tracker blocked or not loaded yet) the payment stands, unreported:
    // nothing would join it to a visit.
    const pageId = body?.page_id;
    if (typeof pageId !== 'string' || pageId.length === 0 || pageId.length > 64) return c.json({ paid: price });
    const batch: ServerBatch = {
      site,
      events: [
        {
          id: randomUUID(),
          ts: Date.now(),
          name: 'payment_confirmed',
          page_id: pageId,
          props: { product: body?.product as string },
          value: price,
        },
      ],
    };
    const answer = await collector.request('/api/server-events', {
      method: 'POST',
      body: JSON.stringify(batch),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    });
    if (answer.status !== 202) return c.json({ error: 'the payment could not be reported to Polku' }, 502);
    return c.json({ paid: price });
  });
  return app;
}
