import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildTrackerBundle, type TrackerBundle } from '../../collector/index.ts';
import { startTestCollector, type TestCollector } from '../support/collector.ts';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
let collector: TestCollector;

beforeEach(async () => {
  collector = await startTestCollector({ now: () => NOW });
});
afterEach(() => collector.close());

const store = { query: (sql: string) => collector.query(sql) };
const post = (body: string, headers: Record<string, string> = {}) => collector.post('/api/events', body, headers);

const ID_A = '0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f';
const ID_B = '1c8e7d2f-6a2b-4b62-8a1f-7b3a4d5e6f70';
const validBatch = {
  site: 'shop',
  sent_at: NOW - 5_000, // the client clock runs 5 s behind the server's
  events: [
    {
      id: ID_A,
      ts: NOW - 65_000,
      name: 'pageview',
      url: 'https://shop.example/products/lamp?utm_source=Newsletter&utm_medium=email&utm_campaign=Spring-Sale',
      referrer: 'https://mail.google.com/',
      page_id: 'p1',
    },
    {
      id: ID_B,
      ts: NOW - 60_000,
      name: 'add_to_cart',
      url: 'https://shop.example/products/lamp',
      props: { currency: 'EUR', qty: 2, gift: false },
      value: 240,
      page_id: 'p1',
    },
  ],
};

describe('POST /api/events', () => {
  it('accepts a valid batch with 202 and stores enriched events', async () => {
    const response = await post(JSON.stringify(validBatch));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 2 });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://shop.example');

    const rows = await store.query(`
      select id::varchar as id, name, ts, path, hostname, referrer_host, utm_source, utm_medium, utm_campaign,
             channel, page_id, props::varchar as props, value, visitor_id, session_id
      from events order by seq`);
    expect(rows.map(({ visitor_id, session_id, ...rest }) => rest)).toEqual([
      {
        id: ID_A,
        name: 'pageview',
        ts: '2026-03-01T11:59:00.000Z', // 65 s before NOW by the client clock, +5 s skew
        path: '/products/lamp',
        hostname: 'shop.example',
        referrer_host: 'mail.google.com',
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'spring-sale',
        channel: 'Email',
        page_id: 'p1',
        props: null,
        value: null,
      },
      {
        id: ID_B,
        name: 'add_to_cart',
        ts: '2026-03-01T11:59:05.000Z',
        path: '/products/lamp',
        hostname: 'shop.example',
        referrer_host: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        channel: 'Direct',
        page_id: 'p1',
        props: '{"currency":"EUR","qty":2,"gift":false}',
        value: 240,
      },
    ]);
    const [first, second] = rows;
    expect(first?.visitor_id).toBe(second?.visitor_id);
    expect(first?.session_id).toBe(second?.session_id);
    // The raw IP is never stored anywhere in the row.
    expect(JSON.stringify(rows)).not.toContain('203.0.113.7');
  });

  it('stores a retried batch only once', async () => {
    expect((await post(JSON.stringify(validBatch))).status).toBe(202);
    expect((await post(JSON.stringify(validBatch))).status).toBe(202);
    expect(await store.query('select count(*)::integer as n from events')).toEqual([{ n: 2 }]);
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const response = await post('{"site": "shop", "events": [');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('body is not valid JSON');
    expect(body.issues).toHaveLength(1);
    expect(await store.query('select count(*)::integer as n from events')).toEqual([{ n: 0 }]);
  });

  it('names every invalid field by its path', async () => {
    const response = await post(
      JSON.stringify({
        site: 'shop',
        events: [validBatch.events[0], { id: 'nope', name: 'pageview', url: 'javascript:alert(1)' }],
      }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid event batch',
      issues: [
        { path: 'events.1.id', message: 'Invalid UUID' },
        { path: 'events.1.url', message: 'Invalid URL' },
      ],
    });
    expect(await store.query('select count(*)::integer as n from events')).toEqual([{ n: 0 }]);
  });

  it('refuses an unknown site and a foreign origin with 403', async () => {
    const unknown = await post(JSON.stringify({ ...validBatch, site: 'blog' }));
    expect(unknown.status).toBe(403);
    expect(((await unknown.json()) as { error: string }).error).toBe('unknown site "blog"');
    const foreign = await post(JSON.stringify(validBatch), { Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { error: string }).error).toBe(
      'origin https://evil.example may not send events for site "shop"',
    );
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a CORS preflight for configured origins only', async () => {
    const preflight = (origin: string) =>
      collector.app.request('/api/events', {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, content-encoding',
        },
      });
    const allowed = await preflight('https://shop.example');
    expect(allowed.status).toBe(204);
    expect(Object.fromEntries([...allowed.headers].filter(([name]) => name.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://shop.example',
      'access-control-allow-methods': 'POST',
      'access-control-allow-headers': 'Content-Type,Content-Encoding',
      'access-control-max-age': '86400',
    });
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 0 }]);
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const response = await post(JSON.stringify({ ...validBatch, padding: 'x'.repeat(64 * 1024) }));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toBe(
      'body larger than 65536 bytes (after decompression); send at most 100 events per batch',
    );
  });

  it('refuses more than 100 events in a batch', async () => {
    const events = Array.from({ length: 101 }, () => ({ ...validBatch.events[0], id: crypto.randomUUID() }));
    const response = await post(JSON.stringify({ site: 'shop', events }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: unknown }).issues).toEqual([
      { path: 'events', message: 'Too big: expected array to have <=100 items' },
    ]);
  });
});

describe('GET /polku.js', () => {
  let tracker: TrackerBundle;
  beforeAll(async () => {
    tracker = await buildTrackerBundle();
  });

  it('serves the built tracker with an ETag and revalidates it', async () => {
    const response = await collector.app.request('/polku.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await response.text()).toBe(tracker.code);
    const etag = response.headers.get('etag');
    expect(etag).toBe(tracker.etag);
    const again = await collector.app.request('/polku.js', { headers: { 'If-None-Match': etag ?? '' } });
    expect(again.status).toBe(304);
  });
});
