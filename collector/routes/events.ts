import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { PolkuConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import type { ClientAddress } from '../client-address.ts';
import type { Enrichers } from '../enrich/enrich.ts';
import { enrichBatch } from '../enrich/enrich.ts';
import { errorResponse, zodIssues } from '../errors.ts';
import { type AcceptedBody, batchSchema, LIMITS } from '../protocol.ts';

export interface EventsRouteOptions {
  config: PolkuConfig;
  store: Store;
  enrichers: Enrichers;
  clientAddress: ClientAddress;
  now: () => number;
}

/** `POST /api/events`: validate at the edge, enrich, store, answer 202 with how many were accepted. */
export function eventsRoute({ config, store, enrichers, clientAddress, now }: EventsRouteOptions): Hono {
  const sites = new Map(config.sites.map((site) => [site.id, site]));
  const route = new Hono();
  route.post(
    '/',
    bodyLimit({
      maxSize: LIMITS.batchBytes,
      onError: (c) =>
        errorResponse(
          c,
          413,
          `body larger than ${LIMITS.batchBytes} bytes; send at most ${LIMITS.eventsPerBatch} events per batch`,
        ),
    }),
    async function ingestEvents(c) {
      const receivedAt = now();
      let raw: unknown;
      try {
        raw = JSON.parse(await c.req.text());
      } catch (error) {
        return errorResponse(c, 400, 'body is not valid JSON', [{ path: '', message: (error as Error).message }]);
      }
      const parsed = batchSchema.safeParse(raw);
      if (!parsed.success) return errorResponse(c, 400, 'invalid event batch', zodIssues(parsed.error));

      const batch = parsed.data;
      const site = sites.get(batch.site);
      if (!site) {
        return errorResponse(c, 403, `unknown site "${batch.site}"`, [
          { path: 'site', message: 'add the site to polku.config.ts or fix data-site on the script tag' },
        ]);
      }
      const origin = c.req.header('origin');
      if (origin !== undefined && !site.origins.includes(origin)) {
        return errorResponse(c, 403, `origin ${origin} may not send events for site "${site.id}"`, [
          { path: 'site', message: `add "${origin}" to the origins of site "${site.id}" in polku.config.ts` },
        ]);
      }

      const events = enrichBatch(
        batch,
        { ip: clientAddress(c), userAgent: c.req.header('user-agent') ?? '', receivedAt },
        enrichers,
      );
      await store.appendEvents(events);
      return c.json({ accepted: events.length } satisfies AcceptedBody, 202);
    },
  );
  return route;
}
