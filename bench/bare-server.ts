/**
 * The baseline for bench/collector-load.ts: a bare Hono endpoint on @hono/node-server that reads
 * the body and answers 202, nothing else. Prints "listening on URL" like `polku collect`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono().post('/api/events', async (c) => {
  await c.req.text();
  return c.json({ accepted: 1 }, 202);
});
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`listening on http://127.0.0.1:${info.port}`);
});
