import { Hono } from 'hono';
import type { CollectorContext } from '../context.ts';

/**
 * `GET /healthz`: the process answers. `GET /readyz`: the writer is healthy and the spool below its
 * cap (a load balancer should stop sending traffic otherwise). `GET /metrics`: Prometheus text.
 */
export function healthRoute({ ingest, metrics, replays }: CollectorContext): Hono {
  const route = new Hono();
  route.get('/healthz', (c) => c.json({ ok: true }));
  route.get('/readyz', (c) => {
    const status = ingest.status;
    return c.json(
      { ready: status.ready, reason: status.reason, spoolBytes: status.spoolBytes, lagMs: status.lagMs },
      status.ready ? 200 : 503,
    );
  });
  route.get('/metrics', (c) => {
    c.header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8');
    return c.body(metrics.render(ingest.status, replays.usage()));
  });
  return route;
}
