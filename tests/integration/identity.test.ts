import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.ts';
import { startTestCollector, type TestCollector } from '../support/collector.ts';
import { tempDir } from '../support/temp.ts';

/** Identity levels: consent or sign-in in the middle of a visit, and the keyed hash of user ids. */
const SECRET = 'k3Yq9v0Zb1Rj7mXo2Lc5Tn8Wd4Fs6Ha0Pe3Gu1Iy9Qw=';
const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const CLIENT_ID = 'c0nsented-client-id-0001';
/** Distinctive, so that finding it anywhere on disk means it was stored. */
const RAW_USER_ID = 'maija.meikalainen+raw-user-id@example.fi';

let clock = T0;
let collector: TestCollector;
afterEach(() => collector?.close());

async function start(env: Record<string, string>, db?: string) {
  clock = T0;
  collector = await startTestCollector({
    config: parseConfig({ sites: [{ id: 'shop', origins: ['https://shop.example'], secretEnv: 'POLKU_SHOP_SECRET' }] }),
    env,
    now: () => clock,
    ...(db ? { db } : {}),
  });
}

const pageview = (path: string, pageId: string) => ({
  id: randomUUID(),
  ts: clock,
  name: 'pageview',
  url: `https://shop.example${path}`,
  page_id: pageId,
});
const post = (batch: Record<string, unknown>) =>
  collector.post('/api/events', JSON.stringify({ site: 'shop', ...batch }));
const visits = () => collector.query('select name, path, visitor_id, session_id from events order by seq');
const distinct = (rows: Record<string, unknown>[], column: string) => new Set(rows.map((row) => row[column])).size;

describe('consent in the middle of a visit', () => {
  it('keeps one visitor and one session (the consented id inherits the open visit)', async () => {
    await start({ POLKU_SHOP_SECRET: SECRET });
    expect((await post({ events: [pageview('/products/lamp', 'p1')] })).status).toBe(202);
    clock += 20_000;
    // The visitor clicks "accept" on the same page: from now on the tracker sends its client id.
    expect(
      (await post({ client_id: CLIENT_ID, events: [{ ...pageview('/products/lamp', 'p1'), name: 'consent' }] })).status,
    ).toBe(202);
    clock += 40_000;
    expect((await post({ client_id: CLIENT_ID, events: [pageview('/cart', 'p2')] })).status).toBe(202);

    const rows = await visits();
    expect(rows.map((row) => row.name)).toEqual(['pageview', 'consent', 'pageview']);
    // Before the fix: 2 visitors and 2 sessions (the consented id started a visit of its own).
    expect(distinct(rows, 'visitor_id')).toBe(1);
    expect(distinct(rows, 'session_id')).toBe(1);

    // The next visit, after 30 minutes of silence, is the consented id's own.
    clock += 31 * 60_000;
    await post({ client_id: CLIENT_ID, events: [pageview('/products/lamp', 'p3')] });
    const next = (await visits())[3];
    expect(next?.visitor_id).not.toBe(rows[0]?.visitor_id);
    expect(next?.session_id).not.toBe(rows[0]?.session_id);
  });

  it('keeps the visit when the visitor signs in (identify) after consenting, on a new page', async () => {
    await start({ POLKU_SHOP_SECRET: SECRET });
    await post({ events: [pageview('/products/lamp', 'p1')] });
    clock += 10_000;
    await post({ client_id: CLIENT_ID, events: [pageview('/login', 'p2')] });
    clock += 10_000;
    await post({ client_id: CLIENT_ID, user_id: RAW_USER_ID, events: [pageview('/account', 'p3')] });
    const rows = await visits();
    expect(rows.map((row) => row.path)).toEqual(['/products/lamp', '/login', '/account']);
    expect(distinct(rows, 'visitor_id')).toBe(1);
    expect(distinct(rows, 'session_id')).toBe(1);
  });

  it('lets one consenting person take over a visit by address and browser, not a second one behind the same NAT', async () => {
    await start({ POLKU_SHOP_SECRET: SECRET });
    await post({ events: [pageview('/products/lamp', 'p1')] });
    clock += 10_000;
    await post({ client_id: CLIENT_ID, events: [pageview('/cart', 'p2')] });
    clock += 10_000;
    // Same address and user agent, another device's consented id, its own page load.
    await post({ client_id: 'colleague-client-id-0002', events: [pageview('/products/desk', 'p3')] });
    const rows = await visits();
    expect(rows[1]?.visitor_id).toBe(rows[0]?.visitor_id);
    expect(rows[2]?.visitor_id).not.toBe(rows[0]?.visitor_id);
    expect(distinct(rows, 'session_id')).toBe(2);
  });
});

describe('user ids', () => {
  it('are stored only as a keyed hash: the raw id is in no database, spool or log byte', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    await start({ POLKU_SHOP_SECRET: SECRET }, db);
    await post({ client_id: CLIENT_ID, user_id: RAW_USER_ID, events: [pageview('/account', 'p1')] });
    const serverEvent = { id: randomUUID(), name: 'payment_confirmed', user_id: RAW_USER_ID };
    const server = (body: unknown) =>
      collector.app.request('/api/server-events', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}` },
      });
    expect((await server({ site: 'shop', events: [serverEvent] })).status).toBe(202);
    // Refused batches are sampled into the database: the user id must not get there either.
    expect((await server({ site: 'shop', events: [{ ...serverEvent, name: '' }] })).status).toBe(400);
    expect((await post({ user_id: RAW_USER_ID, events: [{ ...pageview('/x', 'p2'), url: 'ftp://x' }] })).status).toBe(
      400,
    );
    expect((await post({ user_id: 42, events: [pageview('/x', 'p2')] })).status).toBe(400);
    const cutOff = `{"site":"shop","user_id":"${RAW_USER_ID}","events":[`;
    expect((await collector.post('/api/events', cutOff)).status).toBe(400);

    const rows = await collector.query('select visitor_id, session_id from events order by seq');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.visitor_id).toBe(rows[0]?.visitor_id);
    const visitorId = String(rows[0]?.visitor_id);
    expect(visitorId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // Not an unkeyed hash anyone could compute from the user id.
    expect(visitorId).not.toBe(createHash('sha256').update(RAW_USER_ID).digest('base64url').slice(0, 22));
    const samples = await collector.query('select body from rejected_payloads order by received_at');
    expect(samples).toHaveLength(4);
    expect(samples.map((row) => String(row.body).match(/"user_id":[^,}]*/)?.[0])).toEqual([
      '"user_id":"[removed]"',
      '"user_id":"[removed]"',
      '"user_id":"[removed]"',
      '"user_id":"[removed]"',
    ]);
    const spooled = filesUnder(`${db}.spool`).map((file) => readFileSync(file, 'latin1'));
    await collector.close();

    const onDisk = filesUnder(dir).map((file) => readFileSync(file, 'latin1'));
    expect(onDisk.length).toBeGreaterThan(0);
    for (const text of [...onDisk, ...spooled, collector.logs.join('')]) {
      expect(text).not.toContain(RAW_USER_ID);
      expect(text).not.toContain('maija');
    }
  });

  it('give the same visitor id for the same secret, and another for another secret', async () => {
    const visitorFor = async (secret: string) => {
      await start({ POLKU_SHOP_SECRET: secret });
      await post({ user_id: RAW_USER_ID, events: [pageview('/account', 'p1')] });
      const [row] = await collector.query('select visitor_id from events');
      await collector.close();
      return row?.visitor_id;
    };
    const first = await visitorFor(SECRET);
    expect(await visitorFor(SECRET)).toBe(first);
    expect(await visitorFor(`${SECRET}other`)).not.toBe(first);
  });

  it('are ignored, with one warning, when the site has no usable secret (the batch is still stored)', async () => {
    await start({ POLKU_SHOP_SECRET: 'too-short' });
    expect(collector.logs.join('')).toContain(
      'site \\"shop\\": POLKU_SHOP_SECRET is shorter than 32 characters; use a random secret (e.g. openssl rand -base64 32)',
    );
    await post({ client_id: CLIENT_ID, user_id: RAW_USER_ID, events: [pageview('/account', 'p1')] });
    await post({ client_id: CLIENT_ID, user_id: RAW_USER_ID, events: [pageview('/orders', 'p2')] });
    await post({ client_id: CLIENT_ID, events: [pageview('/cart', 'p3')] });
    const rows = await visits();
    expect(rows.map((row) => row.path)).toEqual(['/account', '/orders', '/cart']);
    // The consented client id decides the visitor: the same with or without the ignored user id.
    expect(distinct(rows, 'visitor_id')).toBe(1);
    const warnings = collector.logs.filter((line) => line.includes('user ids are ignored'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0] as string).msg).toBe(
      'site "shop" has no secretEnv with a usable secret: user ids are ignored',
    );
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}
