import { writeFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type ServerTrackerError, serverTracker } from 'polku/server';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { collectorOnLoopback, type LoopbackCollector } from '../support/collector-on-loopback.ts';
import { startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

/** The `polku/server` helper against the real collector over loopback. */
const SECRET = 'k3Yq9v0Zb1Rj7mXo2Lc5Tn8Wd4Fs6Ha0Pe3Gu1Iy9Qw=';
const CONFIG = { sites: [{ id: 'shop', origins: ['https://shop.example'], secretEnv: 'POLKU_SHOP_SECRET' }] };

let loopback: LoopbackCollector;
/** The collector the current test started, closed after it (once). */
let started: LoopbackCollector | undefined;
afterEach(async () => {
  await started?.close();
  started = undefined;
});

async function start(): Promise<LoopbackCollector> {
  loopback = await collectorOnLoopback(tempDir(), CONFIG, { env: { POLKU_SHOP_SECRET: SECRET }, rateLimit: false });
  started = loopback;
  return loopback;
}

async function storedIds(): Promise<string[]> {
  await loopback.collector.ingest.flush();
  return (await loopback.events('id::varchar as id')).map((row) => String(row.id));
}

function tracker(errors: ServerTrackerError[] = [], secret = SECRET) {
  return serverTracker({
    collector: loopback.url,
    site: 'shop',
    secret,
    batchSize: 50,
    flushIntervalMs: 60_000,
    retryDelayMs: 20,
    maxRetryDelayMs: 100,
    onError: (error) => errors.push(error),
  });
}

describe('polku/server', () => {
  it('sends what was tracked in batches of at most batchSize, each event once', async () => {
    await start();
    const polku = tracker();
    const ids = Array.from({ length: 120 }, (_, n) =>
      polku.track('payment_confirmed', { user_id: `user-${n % 7}`, value: n, props: { n } }),
    );
    await polku.flush();
    expect((await storedIds()).sort()).toEqual([...ids].sort());
    // 50 + 50 + 20: three requests.
    expect(loopback.collector.metrics.acceptedEvents).toBe(120);
    await polku.close();
  });

  it('keeps the batch while the collector is down and delivers it once it is back, nothing doubled', async () => {
    await start();
    await loopback.stop();
    const errors: ServerTrackerError[] = [];
    const polku = tracker(errors);
    const ids = [
      polku.track('payment_confirmed', { page_id: 'p1', value: 240 }),
      polku.track('invoice_sent', { user_id: 'user-1' }),
      polku.track('shipped', { client_id: 'c0nsented-client-id-0001' }),
    ];
    const flushing = polku.flush();
    // Several attempts fail with a refused connection meanwhile (retry after 20, 40, 80, 100 ms …).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await storedIds()).toEqual([]);
    await loopback.start();
    await flushing;
    expect(await storedIds()).toEqual(ids);
    expect(loopback.collector.metrics.acceptedEvents).toBe(3);
    expect(errors).toEqual([]);
    await polku.close();
    expect(await storedIds()).toEqual(ids);
  });

  it('sends again when the answer was lost after the collector stored the batch, and it is stored once', async () => {
    await start();
    // A proxy that forwards requests but cuts the connection instead of passing on the first answer.
    let connections = 0;
    const proxy: Server = createServer((client) => {
      const upstream = connect(Number(new URL(loopback.url).port), '127.0.0.1');
      const loseAnswer = ++connections === 1;
      client.pipe(upstream);
      upstream.on('data', (chunk) => (loseAnswer ? client.destroy() : client.write(chunk)));
      upstream.on('end', () => client.end());
      client.on('close', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address() as { port: number };
    const errors: ServerTrackerError[] = [];
    const polku = serverTracker({
      collector: `http://127.0.0.1:${address.port}`,
      site: 'shop',
      secret: SECRET,
      retryDelayMs: 20,
      onError: (error) => errors.push(error),
    });
    const ids = [
      polku.track('payment_confirmed', { user_id: 'user-1' }),
      polku.track('shipped', { user_id: 'user-1' }),
    ];
    await polku.close();
    await new Promise((resolve) => proxy.close(resolve));
    expect(errors).toEqual([]);
    // Two deliveries of the same two events (the first answer lost), two rows.
    expect(connections).toBe(2);
    expect(loopback.collector.metrics.acceptedEvents).toBe(4);
    expect(await storedIds()).toEqual(ids);
  });

  it('never retries a 4xx: the refused batch is reported by status and dropped', async () => {
    await start();
    const errors: ServerTrackerError[] = [];
    const wrong = tracker(errors, `${SECRET}-wrong`);
    wrong.track('payment_confirmed', { user_id: 'user-1' });
    wrong.track('payment_confirmed', { user_id: 'user-2' });
    await wrong.close();
    expect(errors.map(({ status, dropped, message }) => ({ status, dropped, message }))).toEqual([
      {
        status: 401,
        dropped: 2,
        message:
          "the collector refused 2 event(s) with 401: wrong secret: it is not the secret of any site (the value of a site's secretEnv in the collector's environment)",
      },
    ]);

    const invalid = tracker(errors);
    invalid.track('payment_confirmed', {});
    await invalid.close();
    expect(errors[1]?.status).toBe(400);
    expect(errors[1]?.message).toBe(
      'the collector refused 1 event(s) with 400: invalid event batch (events.0: give the event a page_id (polku.pageId in the browser), a client_id or a user_id)',
    );
    expect(loopback.collector.metrics.acceptedEvents).toBe(0);
  });

  it('close() sends what is queued, then refuses new events; with the collector away it gives up at its timeout', async () => {
    await start();
    const polku = tracker();
    const id = polku.track('payment_confirmed', { user_id: 'user-1' });
    await polku.close();
    expect(await storedIds()).toEqual([id]);
    expect(() => polku.track('late', { user_id: 'user-1' })).toThrow('polku/server: track() after close()');

    await loopback.stop();
    const errors: ServerTrackerError[] = [];
    const stranded = tracker(errors);
    stranded.track('payment_confirmed', { user_id: 'user-2' });
    const started = Date.now();
    await stranded.close({ timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors.map((error) => [error.dropped, error.message])).toEqual([
      [1, 'closed with 1 event(s) not delivered: the collector did not answer in time'],
    ]);
    await loopback.start();
  });

  it('works with `polku collect`, which reads the secret from its environment', async () => {
    const dir = tempDir();
    const config = join(dir, 'polku.config.json');
    writeFileSync(config, JSON.stringify(CONFIG));
    const db = join(dir, 'polku.duckdb');
    process.env.POLKU_SHOP_SECRET = SECRET;
    const running = await startPolku(['collect', '--config', config, '--db', db, '--port', '0']).finally(() => {
      delete process.env.POLKU_SHOP_SECRET;
    });
    const errors: ServerTrackerError[] = [];
    const polku = serverTracker({
      collector: running.url,
      site: 'shop',
      secret: SECRET,
      onError: (e) => errors.push(e),
    });
    const rawUserId = 'raw-user-id-in-polku-collect@example.fi';
    const ids = [
      polku.track('payment_confirmed', { user_id: rawUserId, value: 240 }),
      polku.track('renewal', { user_id: rawUserId }),
    ];
    await polku.close();
    expect(errors).toEqual([]);
    expect(await running.stop()).toBe(0);
    const store = await Store.open(db);
    const rows = await store.query('select id::varchar as id, name, visitor_id from events order by seq');
    await store.close();
    expect(rows.map((row) => [row.id, row.name])).toEqual([
      [ids[0], 'payment_confirmed'],
      [ids[1], 'renewal'],
    ]);
    expect(rows[1]?.visitor_id).toBe(rows[0]?.visitor_id);
    expect(running.output()).not.toContain(rawUserId);
    expect(running.output()).not.toContain(SECRET);
  });
});
