import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCollector, TEST_IP, type TestCollector } from '../support/collector.ts';
import { makeBatch } from '../support/load.ts';

let collector: TestCollector;
afterEach(() => collector?.close());

const json = (response: Response) => response.json() as Promise<{ error: string; issues: unknown[] }>;

describe('POST /api/events hardening (in-process, real DuckDB and spool)', () => {
  it('accepts gzip-encoded text/plain and application/json bodies', async () => {
    collector = await startTestCollector();
    const gzipped = await collector.post('/api/events', gzipSync(JSON.stringify(makeBatch(3))), {
      'Content-Encoding': 'gzip',
    });
    expect(gzipped.status).toBe(202);
    expect(await gzipped.json()).toEqual({ accepted: 3 });
    const asJson = await collector.post('/api/events', JSON.stringify(makeBatch(2)), {
      'Content-Type': 'application/json; charset=utf-8',
    });
    expect(asJson.status).toBe(202);
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 5 }]);
  });

  it('refuses a gzip bomb with 413, judged on the decompressed size', async () => {
    collector = await startTestCollector();
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, ' '));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const response = await collector.post('/api/events', bomb, { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect(await json(response)).toEqual({
      error: 'body larger than 65536 bytes (after decompression); send at most 100 events per batch',
      issues: [],
    });
  });

  it('refuses unsupported encodings and content types with 415', async () => {
    collector = await startTestCollector();
    const brotli = await collector.post('/api/events', 'x', { 'Content-Encoding': 'br' });
    expect(brotli.status).toBe(415);
    expect((await json(brotli)).error).toBe(
      'unsupported Content-Encoding "br"; send the body uncompressed or with gzip',
    );
    const xml = await collector.post('/api/events', '<a/>', { 'Content-Type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect((await json(xml)).error).toBe(
      'unsupported Content-Type "application/xml"; send text/plain or application/json',
    );
  });

  it('refuses a corrupt gzip body with 400', async () => {
    collector = await startTestCollector();
    const response = await collector.post('/api/events', 'not gzip at all', { 'Content-Encoding': 'gzip' });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toMatch(/^body is not valid gzip data: /);
  });

  it('limits requests per client network with 429 and Retry-After', async () => {
    collector = await startTestCollector({ rateLimit: { perSecond: 1, burst: 2 }, now: () => 1_000_000 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push(await collector.post('/api/events', JSON.stringify(makeBatch(1))));
    expect(statuses.map((response) => response.status)).toEqual([202, 202, 429]);
    expect(statuses[2]?.headers.get('retry-after')).toBe('1');
    expect(await json(statuses[2] as Response)).toEqual({
      error: 'too many requests from this network; retry after 1 s',
      issues: [],
    });
  });

  it('answers bots with 202, drops their events and counts them by reason', async () => {
    collector = await startTestCollector();
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    const bot = await collector.post('/api/events', JSON.stringify(makeBatch(4)), { 'User-Agent': googlebot });
    expect(bot.status).toBe(202);
    expect(await bot.json()).toEqual({ accepted: 0 });
    const headless = await collector.post('/api/events', JSON.stringify(makeBatch(2)), {
      'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/130.0.0.0 Safari/537.36',
    });
    expect(await headless.json()).toEqual({ accepted: 0 });
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 0 }]);
    const metrics = await (await collector.app.request('/metrics')).text();
    expect(metrics).toContain('polku_dropped_events_total{reason="bot"} 4\n');
    expect(metrics).toContain('polku_dropped_events_total{reason="headless-browser"} 2\n');
  });

  it('answers 503 once the spool is at its cap', async () => {
    collector = await startTestCollector({ spoolCapBytes: 1, writeIntervalMs: 3_600_000 });
    expect((await collector.post('/api/events', JSON.stringify(makeBatch(1)))).status).toBe(202);
    const full = await collector.post('/api/events', JSON.stringify(makeBatch(1)));
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('1');
    expect((await json(full)).error).toBe('the spool holds 1 bytes not yet stored in the database; retry later');
    expect((await collector.app.request('/readyz')).status).toBe(503);
    await collector.ingest.flush();
    expect((await collector.app.request('/readyz')).status).toBe(200);
  });

  it('reports health, readiness and metrics', async () => {
    collector = await startTestCollector();
    expect(await (await collector.app.request('/healthz')).json()).toEqual({ ok: true });
    const ready = await collector.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, reason: null, spoolBytes: 0, lagMs: 0 });
    await collector.post('/api/events', JSON.stringify(makeBatch(3)));
    await collector.post('/api/events', '{');
    await collector.ingest.flush();
    const response = await collector.app.request('/metrics');
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const lines = (await response.text()).split('\n').filter((line) => !line.startsWith('#'));
    expect(lines).toEqual([
      'polku_accepted_events_total 3',
      'polku_accepted_replay_chunks_total 0',
      'polku_stored_events_total 3',
      'polku_stored_replay_chunks_total 0',
      'polku_rejected_requests_total{reason="invalid-json"} 1',
      'polku_spool_bytes 0',
      'polku_spool_cap_bytes 268435456',
      'polku_writer_lag_seconds 0',
      'polku_replay_bytes{site="shop"} 0',
      'polku_replay_quota_bytes{site="shop"} 1073741824',
      'polku_ready 1',
      '',
    ]);
  });

  it('keeps a capped sample of rejected payloads with their reason', async () => {
    collector = await startTestCollector({ rejectedCap: 3 });
    for (let i = 0; i < 5; i++) await collector.post('/api/events', `{"broken": ${i}`);
    await collector.post('/api/events', JSON.stringify({ site: 'shop', events: [] }));
    await collector.ingest.flush();
    const rows = await collector.query('select reason, status, body from rejected_payloads order by received_at, body');
    expect(rows).toHaveLength(3);
    expect(rows).toContainEqual({ reason: 'invalid-batch', status: 400, body: '{"site":"shop","events":[]}' });
  });

  it('never stores or logs the raw client address', async () => {
    collector = await startTestCollector({ rejectedCap: 100 });
    await collector.post('/api/events', JSON.stringify(makeBatch(5)));
    await collector.post('/api/events', '{"nope"');
    await collector.post('/api/events', JSON.stringify(makeBatch(1, 'blog')));
    await collector.query('select 1');
    const tables = await collector.query(
      `select table_name from information_schema.tables where table_schema = 'main' order by 1`,
    );
    let everything = '';
    for (const { table_name } of tables) {
      everything += JSON.stringify(await collector.query(`select * from "${String(table_name)}"`));
    }
    expect(everything).toContain('pageview');
    expect(everything).not.toContain(TEST_IP);
    expect(collector.logs.length).toBeGreaterThan(0);
    expect(collector.logs.join('')).not.toContain(TEST_IP);
    await collector.close();
    const spoolDir = `${collector.db}.spool/events`;
    for (const file of readdirSync(spoolDir)) expect(readFileSync(join(spoolDir, file), 'utf8')).not.toContain(TEST_IP);
    expect(readFileSync(collector.db).includes(TEST_IP)).toBe(false);
  });
});
