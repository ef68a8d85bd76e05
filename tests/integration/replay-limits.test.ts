import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PAGE_REPLAY_LIMITS } from '../../collector/replay-ledger.ts';
import { type PolkuConfigInput, parseConfig } from '../../config/index.ts';
import { REPLAY_READ_LIMITS } from '../../reports/session-details.ts';
import { startTestCollector, type TestCollector } from '../support/collector.ts';
import { runPolku } from '../support/polku-process.ts';
import { SITE_FIXTURE_CONFIG } from '../support/site-fixture.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Issue 14, item 7: anyone can post replay chunks, and every viewer of a session page downloads
 * its whole replay. What one page load may send is capped at the collector, a repeated seq is
 * refused (never stored twice), a site's replays stop at its quota, and the build reads at most
 * 16 MiB of events per session however the chunks are spread.
 */
let collector: TestCollector | undefined;
afterEach(async () => {
  await collector?.close();
  collector = undefined;
});

const MIB = 1024 * 1024;
const gz = (events: unknown[]) => gzipSync(JSON.stringify(events));
const replay = (c: TestCollector, page: string, seq: number, body: ReturnType<typeof gz>) =>
  c.post(`/api/replay?site=shop&page_id=${page}&seq=${seq}`, body);
/** One rrweb event padded to about `bytes` of JSON that gzip shrinks a thousandfold. */
const padded = (timestamp: number, bytes: number) => [
  { type: 3, data: { source: 1, positions: [] }, timestamp, pad: 'a'.repeat(bytes) },
];

describe('replay limits at the collector', () => {
  it('refuses a repeated seq with 409, also after a restart, and stores the first chunk only', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    collector = await startTestCollector({ db });
    expect((await replay(collector, 'p1', 0, gz([{ type: 4, timestamp: 1 }]))).status).toBe(202);
    await collector.close();
    collector = await startTestCollector({ db });
    const repeated = await replay(collector, 'p1', 0, gz([{ type: 4, timestamp: 2 }]));
    expect(repeated.status).toBe(409);
    expect((await repeated.json()) as unknown).toEqual({
      error: 'replay chunk 0 of page "p1" was already received; each seq is stored once',
      issues: [{ path: 'seq', message: 'send each chunk of a page load once, with seq 0, 1, 2, …' }],
    });
    expect((await replay(collector, 'p1', 1, gz([]))).status).toBe(202);
    const rows = await collector.query(
      "select seq, to_base64(data) as data from replay_chunks where page_id = 'p1' order by seq",
    );
    expect(rows.map((row) => row.seq)).toEqual([0, 1]);
    expect(rows[0]?.data).toBe(gz([{ type: 4, timestamp: 1 }]).toString('base64'));
    const metrics = await (await collector.app.request('/metrics')).text();
    expect(metrics).toContain('polku_rejected_requests_total{reason="replay-seq-repeated"} 1');
  });

  it(`caps a page load at ${PAGE_REPLAY_LIMITS.chunks} chunks (413); other pages go on`, async () => {
    collector = await startTestCollector();
    const c = collector;
    for (let from = 0; from < PAGE_REPLAY_LIMITS.chunks; from += 50) {
      const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => replay(c, 'many', from + i, gz([]))));
      expect(sent.map((response) => response.status)).toEqual(Array(50).fill(202));
    }
    const over = await replay(c, 'many', PAGE_REPLAY_LIMITS.chunks, gz([]));
    expect(over.status).toBe(413);
    expect((await over.json()) as unknown).toEqual({
      error: 'page "many" has sent 500 replay chunks, the most one page load may send',
      issues: [{ path: 'seq', message: 'at most 500 chunks per page load' }],
    });
    expect((await replay(c, 'other', 0, gz([]))).status).toBe(202);
    const [row] = await c.query("select count(*)::integer as n from replay_chunks where page_id = 'many'");
    expect(row?.n).toBe(500);
  }, 60_000);

  it('caps a page load at 16 MiB of events, however small the chunks are compressed (413)', async () => {
    collector = await startTestCollector();
    const first = gz(padded(1, 9 * MIB));
    expect(first.length).toBeLessThan(20_000);
    expect((await replay(collector, 'big', 0, first)).status).toBe(202);
    const second = gz(padded(2, 9 * MIB));
    const over = await replay(collector, 'big', 1, second);
    expect(over.status).toBe(413);
    const inflated = JSON.stringify(padded(1, 9 * MIB)).length;
    expect((await over.json()) as unknown).toEqual({
      error: `page "big" would exceed ${16 * MIB} bytes of replay events (it has ${inflated}; this chunk inflates to ${inflated})`,
      issues: [{ path: '', message: 'at most 16 MiB of replay events per page load' }],
    });
    const [row] = await collector.query("select count(*)::integer as n from replay_chunks where page_id = 'big'");
    expect(row?.n).toBe(1);
  });

  it("stops a site's replays at its quota (429, in /metrics) while events still get in, also after a restart", async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const config = parseConfig({
      sites: [{ id: 'shop', origins: ['https://shop.example'], replay: true, replayQuotaMiB: 1 }],
    });
    collector = await startTestCollector({ db, config });
    // Random text: gzip keeps about three quarters of it, ~300 KB stored per chunk.
    const chunks = Array.from({ length: 4 }, (_, i) =>
      gz([{ type: 3, timestamp: i, noise: randomBytes(300_000).toString('base64') }]),
    );
    const statuses = [];
    for (const [seq, body] of chunks.entries()) statuses.push((await replay(collector, 'noisy', seq, body)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const used = chunks.slice(0, 3).reduce((sum, body) => sum + body.length, 0);
    const refused = await replay(collector, 'noisy-2', 0, chunks[3] ?? gz([]));
    expect(refused.status).toBe(429);
    expect((await refused.json()) as unknown).toEqual({
      error: `site "shop" has used its replay quota (${used} of ${MIB} bytes); no more replays are stored until older ones are purged`,
      issues: [
        {
          path: 'site',
          message: 'run `polku purge` (retention.replays) or raise replayQuotaMiB of site "shop" in polku.config.ts',
        },
      ],
    });
    const events = await collector.post(
      '/api/events',
      JSON.stringify({
        site: 'shop',
        events: [{ id: crypto.randomUUID(), name: 'pageview', url: 'https://shop.example/' }],
      }),
    );
    expect(events.status).toBe(202);
    const metrics = await (await collector.app.request('/metrics')).text();
    expect(metrics).toContain('polku_rejected_requests_total{reason="replay-quota"} 2');
    expect(metrics).toContain(`polku_replay_bytes{site="shop"} ${used}`);
    expect(metrics).toContain(`polku_replay_quota_bytes{site="shop"} ${MIB}`);
    await collector.close();
    // The quota goes on from what the database holds.
    collector = await startTestCollector({ db, config });
    expect((await replay(collector, 'noisy-3', 0, chunks[3] ?? gz([]))).status).toBe(429);
    expect(await (await collector.app.request('/metrics')).text()).toContain(`polku_replay_bytes{site="shop"} ${used}`);
  });
});

describe('replay limits in the build', () => {
  it('reads at most 16 MiB of events for a session whose chunks are spread over 12 page loads', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    const config = parseConfig(JSON.parse(readFileSync(SITE_FIXTURE_CONFIG, 'utf8')) as PolkuConfigInput);
    collector = await startTestCollector({ db, config });
    const now = Date.now();
    // One session (same network and browser), twelve product page views, each page load with one
    // chunk of ~9 MiB of events that gzip makes ~9 KB: every collector cap lets them through.
    const pages = Array.from({ length: 12 }, (_, i) => `attack-${i}`);
    const batch = {
      site: 'shop',
      events: pages.map((page, i) => ({
        id: crypto.randomUUID(),
        ts: now - 60_000 + i * 1000,
        name: 'pageview',
        url: 'https://shop.example/products/lamp',
        page_id: page,
      })),
    };
    expect((await collector.post('/api/events', JSON.stringify(batch))).status).toBe(202);
    for (const [i, page] of pages.entries()) {
      const response = await replay(collector, page, 0, gz(padded(now - 60_000 + i * 1000, 9 * MIB)));
      expect(response.status).toBe(202);
    }
    await collector.close();
    collector = undefined;

    const started = performance.now();
    const built = await runPolku(['build', '--config', SITE_FIXTURE_CONFIG, '--db', db, '--out', join(dir, 'site')]);
    const seconds = (performance.now() - started) / 1000;
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    const [file, ...others] = readdirSync(join(dir, 'site', 'replays'));
    expect(others).toEqual([]);
    const path = join(dir, 'site', 'replays', file ?? '');
    // Only the first chunk fits in the session's 16 MiB (a second would make 18): the file is
    // exactly its events, not 108 MB of all twelve.
    expect(statSync(path).size).toBe(JSON.stringify(padded(now - 60_000, 9 * MIB)).length);
    expect(statSync(path).size).toBeLessThanOrEqual(REPLAY_READ_LIMITS.sessionBytes);
    expect(seconds).toBeLessThan(60);
    console.log(
      `build with a 12-page-load replay session: ${seconds.toFixed(1)} s, replay file ${statSync(path).size} bytes`,
    );
  }, 120_000);
});
