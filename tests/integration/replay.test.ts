import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTrackerBundle } from '../../collector/index.ts';
import { parseConfig } from '../../config/index.ts';
import { startTestCollector, type TestCollector } from '../support/collector.ts';

let collector: TestCollector;
afterEach(() => collector?.close());

const chunk = (events: unknown[]) => gzipSync(JSON.stringify(events));
const RRWEB = [
  { type: 4, data: { href: 'https://shop.example/', width: 1280, height: 720 }, timestamp: 1 },
  { type: 3, data: { source: 1, positions: [{ x: 10, y: 20, id: 5, timeOffset: 0 }] }, timestamp: 2 },
];

describe('POST /api/replay', () => {
  it('stores a chunk compressed, once per (site, page_id, seq): a repeated seq is refused', async () => {
    collector = await startTestCollector();
    const body = chunk(RRWEB);
    const first = await collector.post('/api/replay?site=shop&page_id=p1&seq=0', body);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 1 });
    const repeated = await collector.post('/api/replay?site=shop&page_id=p1&seq=0', chunk([]));
    expect(repeated.status).toBe(409);
    expect(await repeated.json()).toEqual({
      error: 'replay chunk 0 of page "p1" was already received; each seq is stored once',
      issues: [{ path: 'seq', message: 'send each chunk of a page load once, with seq 0, 1, 2, …' }],
    });
    expect((await collector.post('/api/replay?site=shop&page_id=p1&seq=1', chunk([]))).status).toBe(202);
    const rows = await collector.query(
      'select site, page_id, seq, to_base64(data) as data from replay_chunks order by seq',
    );
    expect(rows.map(({ data, ...rest }) => rest)).toEqual([
      { site: 'shop', page_id: 'p1', seq: 0 },
      { site: 'shop', page_id: 'p1', seq: 1 },
    ]);
    expect(JSON.parse(gunzipSync(Buffer.from(String(rows[0]?.data), 'base64')).toString())).toEqual(RRWEB);
  });

  it('accepts the plain JSON chunk sent at page hide and stores it compressed like the others', async () => {
    collector = await startTestCollector();
    const response = await collector.post('/api/replay?site=shop&page_id=p2&seq=3', JSON.stringify(RRWEB));
    expect(response.status).toBe(202);
    const [row] = await collector.query("select seq, to_base64(data) as data from replay_chunks where page_id = 'p2'");
    expect(row?.seq).toBe(3);
    expect(JSON.parse(gunzipSync(Buffer.from(String(row?.data), 'base64')).toString())).toEqual(RRWEB);
  });

  it('refuses replay when the site has it off, or the browser sends Sec-GPC or DNT', async () => {
    collector = await startTestCollector({
      config: parseConfig({
        sites: [
          { id: 'shop', origins: ['https://shop.example'], replay: true },
          { id: 'blog', origins: ['https://shop.example'] },
        ],
      }),
    });
    const off = await collector.post('/api/replay?site=blog&page_id=p1&seq=0', chunk(RRWEB));
    expect(off.status).toBe(403);
    expect(await off.json()).toEqual({
      error: 'session replay is off for site "blog"',
      issues: [{ path: 'site', message: 'set replay: true on site "blog" in polku.config.ts' }],
    });
    for (const header of [{ 'Sec-GPC': '1' }, { DNT: '1' }] as Record<string, string>[]) {
      const refused = await collector.post('/api/replay?site=shop&page_id=p1&seq=0', chunk(RRWEB), header);
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toBe(
        'the browser asks not to be tracked (Sec-GPC or DNT); no replay is recorded',
      );
    }
    expect(await collector.query('select count(*)::integer as n from replay_chunks')).toEqual([{ n: 0 }]);
  });

  it('refuses a bad address, a chunk that is not gzip of a JSON array, and an inflated size over 10 MiB', async () => {
    collector = await startTestCollector();
    const noSeq = await collector.post('/api/replay?site=shop&page_id=p1', chunk(RRWEB));
    expect(noSeq.status).toBe(400);
    expect(await noSeq.json()).toEqual({
      error: 'invalid replay chunk address',
      issues: [{ path: 'seq', message: 'Invalid input: expected number, received NaN' }],
    });
    const notJson = await collector.post('/api/replay?site=shop&page_id=p1&seq=0', 'plain');
    expect(notJson.status).toBe(400);
    const notArray = await collector.post('/api/replay?site=shop&page_id=p1&seq=0', gzipSync('{"a":1}'));
    expect(notArray.status).toBe(400);
    expect((await notArray.json()).error).toBe('the chunk must be a JSON array of rrweb events, plain or gzip');
    expect(await collector.query('select count(*)::integer as n from replay_chunks')).toEqual([{ n: 0 }]);
    const bomb = await collector.post(
      '/api/replay?site=shop&page_id=p1&seq=0',
      gzipSync(Buffer.alloc(11 * 1024 * 1024, 32)),
    );
    expect(bomb.status).toBe(413);
    expect((await bomb.json()).error).toBe('body larger than 10485760 bytes');
  });
});

describe('GET /polku-replay.js', () => {
  it('serves the replay recorder with an ETag', async () => {
    collector = await startTestCollector();
    const response = await collector.app.request('/polku-replay.js');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe((await buildTrackerBundle('replay')).code);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    const etag = response.headers.get('etag') ?? '';
    expect((await collector.app.request('/polku-replay.js', { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });
});
