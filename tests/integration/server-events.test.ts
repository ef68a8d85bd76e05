import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type JourneyConfig, parseConfig } from '../../config/index.ts';
import { journeyStepCounts } from '../../reports/journey.ts';
import { CHROME_UA, startTestCollector, type TestCollector } from '../support/collector.ts';

/** Server events: auth, limits and errors like /api/events, and joining the browser's journey. */
const SECRET = 'k3Yq9v0Zb1Rj7mXo2Lc5Tn8Wd4Fs6Ha0Pe3Gu1Iy9Qw=';
const OTHER_SECRET = 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7Mm=';
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const SITES = [
  { id: 'shop', origins: ['https://shop.example'], secretEnv: 'POLKU_SHOP_SECRET' },
  { id: 'blog', origins: ['https://blog.example'], secretEnv: 'POLKU_BLOG_SECRET' },
];
const JOURNEYS = [
  {
    id: 'checkout',
    name: 'Checkout',
    site: 'shop',
    steps: [
      { name: 'Product', page: '/products/*' },
      { name: 'Cart', page: '/cart' },
      { name: 'Checkout', event: 'checkout_started' },
      { name: 'Paid', event: 'payment_confirmed' },
    ],
  },
];

let clock = T0;
let collector: TestCollector;
afterEach(() => collector?.close());

async function start(env: Record<string, string> = { POLKU_SHOP_SECRET: SECRET, POLKU_BLOG_SECRET: OTHER_SECRET }) {
  clock = T0;
  collector = await startTestCollector({
    config: parseConfig({ sites: SITES, journeys: JOURNEYS }),
    env,
    now: () => clock,
  });
  return collector;
}

function serverPost(body: unknown, headers: Record<string, string> = {}) {
  return collector.app.request('/api/server-events', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, ...headers },
  });
}

const browserPost = (body: unknown) => collector.post('/api/events', JSON.stringify(body));

const CLIENT_ID = 'c0nsented-client-id-0001';
const pageview = (path: string, pageId: string, ts = clock) => ({
  id: randomUUID(),
  ts,
  name: 'pageview',
  url: `https://shop.example${path}`,
  page_id: pageId,
});

const rows = () =>
  collector.query('select name, path, visitor_id, session_id, page_id, channel, device from events order by seq');
const count = async () => Number((await collector.query('select count(*) as n from events'))[0]?.n);

describe('POST /api/server-events: authentication', () => {
  it('refuses without a secret, with a malformed header or a wrong secret (401), never echoing it', async () => {
    await start();
    const batch = { site: 'shop', events: [{ id: randomUUID(), name: 'payment_confirmed', user_id: 'u-1' }] };

    const missing = await serverPost(batch, { Authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer realm="polku server events"');
    expect(await missing.json()).toEqual({
      error:
        'missing Authorization header; send "Authorization: Bearer <secret>" with the value of the site\'s secretEnv',
      issues: [],
    });

    const basic = await serverPost(batch, { Authorization: `Basic ${SECRET}` });
    expect(basic.status).toBe(401);
    expect(await basic.json()).toEqual({ error: 'the Authorization header must be "Bearer <secret>"', issues: [] });

    const guess = `${SECRET.slice(0, -2)}x=`;
    const wrong = await serverPost(batch, { Authorization: `Bearer ${guess}` });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(JSON.parse(text)).toEqual({
      error:
        "wrong secret: it is not the secret of any site (the value of a site's secretEnv in the collector's environment)",
      issues: [],
    });
    expect(text).not.toContain(guess);
    expect(collector.logs.join('')).not.toContain(guess);
    expect(await count()).toBe(0);
  });

  it("refuses another site's secret (403) and any request from a browser: no Origin, no CORS", async () => {
    await start();
    const batch = { site: 'shop', events: [{ id: randomUUID(), name: 'payment_confirmed', user_id: 'u-1' }] };
    const otherSite = await serverPost(batch, { Authorization: `Bearer ${OTHER_SECRET}` });
    expect(otherSite.status).toBe(403);
    expect(await otherSite.json()).toEqual({
      error: 'this secret is the secret of site "blog", not of site "shop"',
      issues: [{ path: 'site', message: 'send the secret of site "shop" (its secretEnv)' }],
    });

    const fromBrowser = await serverPost(batch, { Origin: 'https://shop.example' });
    expect(fromBrowser.status).toBe(403);
    expect(fromBrowser.headers.get('access-control-allow-origin')).toBeNull();
    expect((await fromBrowser.json()).error).toMatch(/^server events come from a backend, never from a browser/);

    const preflight = await collector.app.request('/api/server-events', {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(await count()).toBe(0);
  });

  it('refuses every server event (401) when the secret variable is not set, and says so at start-up', async () => {
    await start({});
    const response = await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'x', user_id: 'u-1' }] });
    expect(response.status).toBe(401);
    expect(collector.logs.join('')).toContain(
      'site \\"shop\\": environment variable POLKU_SHOP_SECRET is not set; server events are refused (401) and user ids ignored until it is',
    );
  });
});

describe('POST /api/server-events: the same limits and errors as /api/events', () => {
  it('answers 415, 413 and 400 with the JSON error shape, and stores nothing', async () => {
    await start();
    const html = await serverPost('{}', { 'Content-Type': 'text/html' });
    expect(html.status).toBe(415);
    expect(await html.json()).toEqual({
      error: 'unsupported Content-Type "text/html"; send text/plain or application/json',
      issues: [],
    });

    const big = {
      site: 'shop',
      events: Array.from({ length: 100 }, () => ({
        id: randomUUID(),
        name: 'x',
        user_id: 'u',
        props: { a: 'y'.repeat(500), b: 'y'.repeat(500) },
      })),
    };
    const tooLarge = await serverPost(big);
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error).toBe(
      'body larger than 65536 bytes (after decompression); send at most 100 events per batch',
    );

    const noIdentity = await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'x' }] });
    expect(noIdentity.status).toBe(400);
    expect(await noIdentity.json()).toEqual({
      error: 'invalid event batch',
      issues: [
        {
          path: 'events.0',
          message: 'give the event a page_id (polku.pageId in the browser), a client_id or a user_id',
        },
      ],
    });

    const withUrl = await serverPost({
      site: 'shop',
      events: [{ id: randomUUID(), name: 'x', user_id: 'u', url: 'https://shop.example/' }],
    });
    expect(withUrl.status).toBe(400);
    expect((await withUrl.json()).issues).toEqual([{ path: 'events.0', message: 'Unrecognized key: "url"' }]);
    expect(await count()).toBe(0);
  });

  it('answers 429 once the rate limit is spent', async () => {
    clock = T0;
    collector = await startTestCollector({
      config: parseConfig({ sites: SITES }),
      env: { POLKU_SHOP_SECRET: SECRET },
      now: () => clock,
      rateLimit: { perSecond: 1, burst: 1 },
    });
    const batch = () => ({ site: 'shop', events: [{ id: randomUUID(), name: 'x', user_id: 'u' }] });
    expect((await serverPost(batch())).status).toBe(202);
    const limited = await serverPost(batch());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await count()).toBe(1);
  });

  it('removes e-mail addresses and phone numbers from relayed feedback comments, as for browsers', async () => {
    await start();
    const comment = 'Great service, write to anna@example.com or call +358 40 123 4567';
    const feedback = { id: randomUUID(), name: 'feedback', user_id: 'u-1', props: { score: 9, comment } };
    expect((await serverPost({ site: 'shop', events: [feedback] })).status).toBe(202);
    expect(await collector.query("select props::varchar as props from events where name = 'feedback'")).toEqual([
      { props: '{"score":9,"comment":"Great service, write to [email] or call [phone]"}' },
    ]);
  });

  it('stores a retried batch once: idempotent by event id', async () => {
    await start();
    const batch = {
      site: 'shop',
      events: [
        { id: randomUUID(), name: 'payment_confirmed', user_id: 'u-1', value: 240, props: { currency: 'EUR' } },
        { id: randomUUID(), name: 'invoice_sent', user_id: 'u-1' },
      ],
    };
    for (let attempt = 0; attempt < 3; attempt++) {
      const response = await serverPost(batch);
      expect(response.status).toBe(202);
      expect(await response.json()).toEqual({ accepted: 2 });
    }
    expect(await count()).toBe(2);
    const stored = await collector.query(
      'select name, url, path, hostname, value, props::varchar as props from events',
    );
    expect(stored).toEqual([
      { name: 'payment_confirmed', url: null, path: null, hostname: null, value: 240, props: '{"currency":"EUR"}' },
      { name: 'invoice_sent', url: null, path: null, hostname: null, value: null, props: null },
    ]);
  });
});

describe('server events join the journey the browser began', () => {
  it('lands in the session of the page load it names, and a 4-step journey completes across them', async () => {
    await start();
    expect(
      (
        await browserPost({
          site: 'shop',
          events: [pageview('/products/lamp', 'p1', T0), pageview('/cart', 'p2', T0 + 60_000)],
        })
      ).status,
    ).toBe(202);
    clock = T0 + 90_000;
    expect(
      (
        await browserPost({
          site: 'shop',
          events: [{ ...pageview('/cart', 'p2', T0 + 90_000), name: 'checkout_started' }],
        })
      ).status,
    ).toBe(202);
    // Another visitor's browser, and a server event that names no page of anyone's.
    await collector.post('/api/events', JSON.stringify({ site: 'shop', events: [pageview('/products/desk', 'p9')] }), {
      'User-Agent': `${CHROME_UA} other`,
    });
    clock = T0 + 5 * 60_000;
    const paid = await serverPost({
      site: 'shop',
      events: [{ id: randomUUID(), ts: T0 + 4 * 60_000, name: 'payment_confirmed', page_id: 'p2', value: 240 }],
    });
    expect(paid.status).toBe(202);

    const stored = await rows();
    expect(stored.map(({ name, path, page_id, channel, device }) => [name, path, page_id, channel, device])).toEqual([
      ['pageview', '/products/lamp', 'p1', 'Direct', 'desktop'],
      ['pageview', '/cart', 'p2', 'Direct', 'desktop'],
      ['checkout_started', '/cart', 'p2', 'Direct', 'desktop'],
      ['pageview', '/products/desk', 'p9', 'Direct', 'desktop'],
      ['payment_confirmed', null, 'p2', null, null],
    ]);
    const [first, , , other, server] = stored;
    expect(server?.visitor_id).toBe(first?.visitor_id);
    expect(server?.session_id).toBe(first?.session_id);
    expect(other?.visitor_id).not.toBe(first?.visitor_id);
    expect(new Set(stored.map((row) => row.session_id)).size).toBe(2);

    const journey = parseConfig({ sites: SITES, journeys: JOURNEYS }).journeys[0] as JourneyConfig;
    const store = collector.ingest.store;
    if (!store) throw new Error('database not open');
    expect(await journeyStepCounts(store, journey)).toEqual([2, 1, 1, 1]);
    expect(await journeyStepCounts(store, { ...journey, unit: 'visitor' })).toEqual([2, 1, 1, 1]);
  });

  it('joins through the consented client id and through the user id, hashed with the site key', async () => {
    await start();
    await browserPost({ site: 'shop', client_id: CLIENT_ID, events: [pageview('/products/lamp', 'p1')] });
    clock += 60_000;
    await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'trial_started', client_id: CLIENT_ID }] });
    clock += 60_000;
    await browserPost({ site: 'shop', client_id: CLIENT_ID, user_id: 'user-42', events: [pageview('/cart', 'p2')] });
    clock += 60_000;
    await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'payment_confirmed', user_id: 'user-42' }] });
    const stored = await rows();
    expect(stored.map((row) => row.name)).toEqual(['pageview', 'trial_started', 'pageview', 'payment_confirmed']);
    expect(new Set(stored.map((row) => row.visitor_id)).size).toBe(1);
    expect(new Set(stored.map((row) => row.session_id)).size).toBe(1);

    // After the visit, the next one is the user's own visitor id: the same from a backend and any device.
    clock += 31 * 60_000;
    await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'renewal', user_id: 'user-42' }] });
    clock += 60_000;
    await collector.post(
      '/api/events',
      JSON.stringify({
        site: 'shop',
        client_id: 'another-device-client-id-7',
        user_id: 'user-42',
        events: [pageview('/account', 'p3')],
      }),
      { 'User-Agent': `${CHROME_UA} phone` },
    );
    const later = (await rows()).slice(4);
    expect(later.map((row) => row.name)).toEqual(['renewal', 'pageview']);
    expect(later[0]?.visitor_id).toBe(later[1]?.visitor_id);
    expect(later[0]?.session_id).toBe(later[1]?.session_id);
    expect(later[0]?.visitor_id).not.toBe(stored[0]?.visitor_id);
  });

  it('still finds the page load after the collector restarted', async () => {
    await start();
    await browserPost({ site: 'shop', events: [pageview('/cart', 'p1')] });
    const db = collector.db;
    await collector.close();
    collector = await startTestCollector({
      config: parseConfig({ sites: SITES }),
      env: { POLKU_SHOP_SECRET: SECRET },
      now: () => clock,
      db,
    });
    clock += 10 * 60_000;
    expect(
      (await serverPost({ site: 'shop', events: [{ id: randomUUID(), name: 'payment_confirmed', page_id: 'p1' }] }))
        .status,
    ).toBe(202);
    const stored = await rows();
    expect(stored.map((row) => row.name)).toEqual(['pageview', 'payment_confirmed']);
    expect(stored[1]?.visitor_id).toBe(stored[0]?.visitor_id);
    expect(stored[1]?.session_id).toBe(stored[0]?.session_id);
  });
});
