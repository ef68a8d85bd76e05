/**
 * Ingest cost of POST /api/events (validate, enrich, store in DuckDB) as a ratio against a bare
 * Hono handler that only parses the same JSON body, both measured in this process, so the number
 * means the same on a busy shared machine. Run: npm run bench
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { buildTrackerBundle, createCollector, silentLogger } from '../collector/index.ts';
import { parseConfig } from '../config/index.ts';

const BATCHES = Number(process.env.BATCHES ?? 300);
const EVENTS_PER_BATCH = 20;

function batchBody(): string {
  const now = Date.now();
  return JSON.stringify({
    site: 'shop',
    sent_at: now,
    events: Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
      id: randomUUID(),
      ts: now - i,
      name: i % 5 === 0 ? 'add_to_cart' : 'pageview',
      url: `https://shop.example/products/${i}?utm_source=newsletter&utm_medium=email&utm_campaign=spring`,
      referrer: 'https://www.google.com/',
      props: { product: `p${i}`, qty: i },
    })),
  });
}

async function timeRequests(app: Hono, bodies: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  for (const body of bodies) {
    const response = await app.request('/api/events', {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'text/plain',
        'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36',
      },
    });
    if (response.status !== 202) throw new Error(`unexpected status ${response.status}: ${await response.text()}`);
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const dir = mkdtempSync(join(tmpdir(), 'polku-bench-'));
try {
  const config = parseConfig({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] });
  const running = createCollector({
    config,
    db: join(dir, 'bench.duckdb'),
    tracker: await buildTrackerBundle(),
    clientAddress: () => '198.51.100.1',
    rateLimit: false,
    log: silentLogger(),
  });
  await running.start();
  const collector = running.app;
  const baseline = new Hono().post('/api/events', async (c) => {
    JSON.parse(await c.req.text());
    return c.json({ accepted: EVENTS_PER_BATCH }, 202);
  });

  // Warm both paths up, then alternate so machine noise hits them alike.
  await timeRequests(baseline, [batchBody()]);
  await timeRequests(collector, [batchBody()]);
  let baselineMs = 0;
  let ingestMs = 0;
  for (let round = 0; round < 3; round++) {
    baselineMs += await timeRequests(baseline, Array.from({ length: BATCHES / 3 }, batchBody));
    ingestMs += await timeRequests(collector, Array.from({ length: BATCHES / 3 }, batchBody));
  }
  await running.ingest.flush();
  const [row] = (await running.ingest.store?.query('select count(*)::integer as n from events')) ?? [];
  const events = BATCHES * EVENTS_PER_BATCH;
  console.log(`batches: ${BATCHES} × ${EVENTS_PER_BATCH} events; stored ${row?.n} (+${EVENTS_PER_BATCH} warm-up)`);
  console.log(`baseline (parse only): ${((events / baselineMs) * 1000).toFixed(0)} events/s`);
  console.log(`collector ingest:      ${((events / ingestMs) * 1000).toFixed(0)} events/s`);
  console.log(`ratio ingest/baseline time: ${(ingestMs / baselineMs).toFixed(1)}×`);
  await running.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
