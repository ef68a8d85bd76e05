import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { type PlainRow, Store } from '../../store/index.ts';
import { runPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const fixture = (name: string) => join(FIXTURES, name);

const COLUMNS = `id::varchar as id, ts, received_at, site, name, url, path, hostname, referrer_host, utm_source,
  utm_medium, utm_campaign, channel, visitor_id, session_id, page_id, device, browser, os, country,
  props::varchar as props, value`;

async function storedRows(db: string, columns = COLUMNS, order = 'order by seq'): Promise<PlainRow[]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    return await store.query(`select ${columns} from events ${order}`);
  } finally {
    await store.close();
  }
}

/** Sites for the config-based tests: `shop` and its page origin. */
function writeConfig(dir: string): string {
  const file = join(dir, 'polku.config.json');
  writeFileSync(file, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  return file;
}

const IPHONE = { device: 'mobile', browser: 'Safari', os: 'iOS' };

describe('polku import --from snowplow', () => {
  it('keeps events without a page, takes ids from the source, derives UTM, channel and device like the collector', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const file = fixture('snowplow.csv');
    const result = await runPolku(['import', '--from', 'snowplow', '--site', 'shop', '--db', db, file]);
    expect(result.stderr).toBe(
      'polku import: snowplow.csv: ignored column "domain_user_id"; did you mean "domain_userid"?\n' +
        'polku import: snowplow.csv line 5: skipped: derived_tstamp "yesterday" is not a time\n',
    );
    expect(result.stdout).toBe(
      '[1/1] snowplow.csv: 5 rows, 4 new, 1 skipped (1 derived_tstamp is not a time)\n' +
        `imported 4 new events into ${db}; 1 rows skipped (see above)\n`,
    );
    expect(result.code).toBe(1);
    const rows = await storedRows(db);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toEqual({
      id: '8b0e7a4e-4c1e-4f55-9d59-0a3f5d6b0001',
      ts: '2026-03-02T09:00:00.500Z',
      received_at: '2026-03-02T09:00:01.000Z',
      site: 'shop',
      name: 'pageview',
      url: 'https://shop.example/landing?utm_source=Google&utm_medium=cpc&utm_campaign=Spring-Sale',
      path: '/landing',
      hostname: 'shop.example',
      referrer_host: 'google.com',
      utm_source: 'google',
      utm_medium: 'cpc',
      utm_campaign: 'spring-sale',
      channel: 'Paid Search',
      visitor_id: 'snowplow:du-1',
      session_id: 'snowplow:ds-1',
      page_id: null,
      ...IPHONE,
      country: 'FI',
      props: null,
      value: null,
    });
    expect(rows[1]).toMatchObject({ name: 'add_to_cart', channel: 'Internal', session_id: 'snowplow:ds-1' });
    // A transaction without a page or domain ids: kept, with visitor and session from client_session.
    expect(rows[2]).toEqual({
      id: '8b0e7a4e-4c1e-4f55-9d59-0a3f5d6b0003',
      ts: '2026-03-02T09:04:59.000Z',
      received_at: '2026-03-02T09:05:00.000Z',
      site: 'shop',
      name: 'transaction',
      url: null,
      path: null,
      hostname: null,
      referrer_host: null,
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      channel: 'Direct',
      visitor_id: 'snowplow:cu-9',
      session_id: 'snowplow:cs-9',
      page_id: null,
      device: 'desktop',
      browser: 'Chrome',
      os: 'macOS',
      country: null,
      props: '{"currency":"EUR","transaction_id":"T-1"}',
      value: 49.9,
    });
    expect(rows[3]).toMatchObject({ hostname: 'blog.example', channel: 'Referral', site: 'shop' });

    const again = await runPolku(['import', '--from', 'snowplow', '--site', 'shop', '--db', db, file]);
    expect(again.stdout.split('\n')[0]).toBe(
      '[1/1] snowplow.csv: 5 rows, 0 new, 4 already stored, 1 skipped (1 derived_tstamp is not a time)',
    );
    expect(await storedRows(db, 'count(*)::integer as n', '')).toEqual([{ n: 4 }]);
  });

  it('without --site, puts rows into the configured site their app_id names and reports the others', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    const config = writeConfig(dir);
    const result = await runPolku([
      'import',
      '--from',
      'snowplow',
      '--config',
      config,
      '--db',
      db,
      fixture('snowplow.csv'),
    ]);
    expect(result.stderr.split('\n').slice(1)).toEqual([
      'polku import: snowplow.csv line 5: skipped: derived_tstamp "yesterday" is not a time',
      'polku import: snowplow.csv line 6: skipped: app_id "blog" is not a configured site (configured: shop); name one with --site ID',
      '',
    ]);
    expect(result.stdout.split('\n')[0]).toBe(
      '[1/1] snowplow.csv: 5 rows, 3 new, 2 skipped (1 derived_tstamp is not a time, 1 app_id is not a configured site (configured: shop))',
    );
    expect(result.code).toBe(1);
    expect(await storedRows(db, 'site, count(*)::integer as n', 'group by site')).toEqual([{ site: 'shop', n: 3 }]);
  });

  it('refuses to guess a site: --site, or a config whose sites the rows name', async () => {
    const dir = tempDir();
    const file = fixture('snowplow.csv');
    const bare = await runPolku(['import', '--from', 'snowplow', '--db', join(dir, 'a.duckdb'), file]);
    expect(bare).toEqual({
      code: 2,
      stdout: '',
      stderr:
        "polku import --from snowplow: name the site with --site ID, or pass --config so that each row's app_id names a configured site\n",
    });
    const unknown = await runPolku([
      'import',
      '--from',
      'snowplow',
      '--site',
      'blog',
      '--config',
      writeConfig(dir),
      '--db',
      join(dir, 'a.duckdb'),
      file,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `polku import: --site blog is not a site of ${join(dir, 'polku.config.json')} (its sites: shop)\n`,
    );
    const wrongSource = await runPolku(['import', '--from', 'matomo', '--db', join(dir, 'a.duckdb'), file]);
    expect(wrongSource.stderr).toBe('polku import: --from matomo: use one of polku, snowplow, ga4, posthog\n');
    const wrongFormat = await runPolku([
      'import',
      '--from',
      'ga4',
      '--site',
      'shop',
      '--db',
      join(dir, 'a.duckdb'),
      file,
    ]);
    expect(wrongFormat.stderr).toBe(`polku import: ${file}: --from ga4 reads .ndjson, .jsonl, .parquet files\n`);
  });
});

describe('polku import --from ga4', () => {
  it('reads event_params, makes sessions per user, derives stable ids, and reads Parquet as the same events', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    const ndjson = fixture('ga4.ndjson');
    const result = await runPolku(['import', '--from', 'ga4', '--site', 'shop', '--db', db, ndjson]);
    expect(result.stderr).toBe(
      'polku import: ga4.ndjson: ignored column "userpseudo_id"; did you mean "user_pseudo_id"?\n' +
        'polku import: ga4.ndjson line 4: skipped: no visitor id (user_pseudo_id)\n',
    );
    expect(result.stdout.split('\n')[0]).toBe(
      '[1/1] ga4.ndjson: 4 rows, 3 new, 1 skipped (1 no visitor id (user_pseudo_id))',
    );
    expect(result.code).toBe(1);
    const rows = await storedRows(db);
    expect(rows.map(({ id, ...row }) => row)).toEqual([
      {
        ts: '2026-03-02T09:00:00.000Z',
        received_at: '2026-03-02T09:00:00.000Z',
        site: 'shop',
        name: 'pageview',
        url: 'https://shop.example/?gclid=abc',
        path: '/',
        hostname: 'shop.example',
        referrer_host: 'google.com',
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        channel: 'Paid Search',
        visitor_id: 'ga4:123.456',
        session_id: 'ga4:123.456-1772442000',
        page_id: null,
        ...IPHONE,
        country: null,
        props: null,
        value: null,
      },
      {
        ts: '2026-03-02T09:01:00.000Z',
        received_at: '2026-03-02T09:01:00.000Z',
        site: 'shop',
        name: 'purchase',
        url: 'https://shop.example/thanks',
        path: '/thanks',
        hostname: 'shop.example',
        referrer_host: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        channel: 'Direct',
        visitor_id: 'ga4:123.456',
        session_id: 'ga4:123.456-1772442000',
        page_id: null,
        ...IPHONE,
        country: null,
        props: '{"coupon":"SPRING","items_count":2}',
        value: 120.5,
      },
      {
        // No page: kept; campaign from collected_traffic_source; GA4's device names as bowser's.
        ts: '2026-03-02T10:00:00.000Z',
        received_at: '2026-03-02T10:00:00.000Z',
        site: 'shop',
        name: 'refund',
        url: null,
        path: null,
        hostname: null,
        referrer_host: null,
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'march',
        channel: 'Email',
        visitor_id: 'ga4:123.456',
        session_id: 'ga4:123.456-1772445600',
        page_id: null,
        device: 'desktop',
        browser: 'Chrome',
        os: 'macOS',
        country: null,
        props: null,
        value: null,
      },
    ]);
    // GA4 has no event id: a version-5-shaped UUID derived from the event's identifying fields.
    for (const { id } of rows)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const parquet = join(dir, 'ga4.parquet');
    const duck = await DuckDBInstance.create(':memory:');
    const connection = await duck.connect();
    await connection.run(
      `copy (select * from read_json($in, format = 'newline_delimited')) to '${parquet}' (format parquet)`,
      {
        in: ndjson,
      },
    );
    connection.closeSync();
    duck.closeSync();
    const fromParquet = await runPolku(['import', '--from', 'ga4', '--site', 'shop', '--db', db, parquet]);
    expect(fromParquet.stdout.split('\n')[0]).toBe(
      '[1/1] ga4.parquet: 4 rows, 0 new, 3 already stored, 1 skipped (1 no visitor id (user_pseudo_id))',
    );
    expect(fromParquet.stderr).toBe(
      'polku import: ga4.parquet: ignored column "userpseudo_id"; did you mean "user_pseudo_id"?\n' +
        'polku import: ga4.parquet row 4: skipped: no visitor id (user_pseudo_id)\n',
    );
    expect(await storedRows(db)).toEqual(rows);
  });
});

describe('polku import --from posthog', () => {
  it('hashes distinct_id, reads the session and device from properties, keeps events without a page', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const result = await runPolku([
      'import',
      '--from',
      'posthog',
      '--site',
      'shop',
      '--db',
      db,
      fixture('posthog.csv'),
    ]);
    expect(result.stderr).toBe(
      'polku import: posthog.csv: ignored column "distinct"; did you mean "distinct_id"?\n' +
        'polku import: posthog.csv line 5: skipped: no event name (event)\n',
    );
    expect(result.code).toBe(1);
    const visitor = `posthog:${createHash('sha256').update('anna@example.com').digest('hex').slice(0, 32)}`;
    const rows = await storedRows(db);
    expect(rows.map(({ id, ts, received_at, ...row }) => row)).toEqual([
      {
        site: 'shop',
        name: 'pageview',
        url: 'https://shop.example/pricing?utm_source=Newsletter&utm_medium=email&utm_campaign=march',
        path: '/pricing',
        hostname: 'shop.example',
        referrer_host: null,
        utm_source: 'newsletter',
        utm_medium: 'email',
        utm_campaign: 'march',
        channel: 'Email',
        visitor_id: visitor,
        session_id: 'posthog:ph-s1',
        page_id: null,
        device: 'desktop',
        browser: 'Chrome',
        os: 'macOS',
        country: 'SE',
        props: null,
        value: null,
      },
      {
        site: 'shop',
        name: 'signup',
        url: 'https://shop.example/signup',
        path: '/signup',
        hostname: 'shop.example',
        referrer_host: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        channel: 'Direct',
        visitor_id: visitor,
        session_id: 'posthog:ph-s1',
        page_id: null,
        device: 'desktop',
        browser: 'Chrome',
        os: 'macOS',
        country: null,
        props: '{"plan":"pro","seats":3}',
        value: 99,
      },
      {
        site: 'shop',
        name: 'invoice_paid',
        url: null,
        path: null,
        hostname: null,
        referrer_host: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        channel: 'Direct',
        visitor_id: visitor,
        session_id: 'posthog:ph-s1',
        page_id: null,
        device: null,
        browser: null,
        os: null,
        country: null,
        props: '{"amount_cents":9900}',
        value: null,
      },
    ]);
    expect(rows.map((row) => row.id)).toEqual([
      '0190f0a2-7c1d-7000-8000-000000000001',
      '0190f0a2-7c1d-7000-8000-000000000002',
      expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    ]);
    // Nothing of the raw distinct_id (an e-mail address here) or the $ip property is stored.
    expect(JSON.stringify(await storedRows(db, '*'))).not.toMatch(/anna@example\.com|203\.0\.113\.9/);
    const again = await runPolku(['import', '--from', 'posthog', '--site', 'shop', '--db', db, fixture('posthog.csv')]);
    expect(again.stdout.split('\n')[0]).toBe(
      '[1/1] posthog.csv: 4 rows, 0 new, 3 already stored, 1 skipped (1 no event name (event))',
    );
  });

  it('without --site, finds the site by the page origin among the configured origins', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    const result = await runPolku([
      'import',
      '--from',
      'posthog',
      '--config',
      writeConfig(dir),
      '--db',
      db,
      fixture('posthog.csv'),
    ]);
    expect(result.stderr.split('\n').slice(1, 3)).toEqual([
      'polku import: posthog.csv line 4: skipped: no site ($current_url); name one with --site ID',
      'polku import: posthog.csv line 5: skipped: no event name (event)',
    ]);
    expect(await storedRows(db, 'site, name')).toEqual([
      { site: 'shop', name: 'pageview' },
      { site: 'shop', name: 'signup' },
    ]);
  });
});

describe('polku import (the export shape)', () => {
  it('names ignored columns with the nearest known one and every unusable row with its line', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const result = await runPolku(['import', '--db', db, fixture('polku-misnamed.csv')]);
    expect(result.stderr).toBe(
      [
        'polku import: polku-misnamed.csv: ignored column "visitor"; did you mean "visitor_id"?',
        'polku import: polku-misnamed.csv: ignored column "sesion_id"; did you mean "session_id"?',
        'polku import: polku-misnamed.csv line 4: skipped: no time (ts)',
        'polku import: polku-misnamed.csv line 6: skipped: url "ftp://shop.example/x" is not an http(s) address',
        '',
      ].join('\n'),
    );
    expect(result.stdout).toBe(
      '[1/1] polku-misnamed.csv: 5 rows, 3 new, 2 skipped (1 no time (ts), 1 url is not an http(s) address)\n' +
        `imported 3 new events into ${db}; 2 rows skipped (see above)\n`,
    );
    expect(result.code).toBe(1);
    // A paid click in the URL is a paid click on import too; an event without a page is kept.
    expect(await storedRows(db, 'name, url, utm_source, utm_medium, channel')).toEqual([
      {
        name: 'pageview',
        url: 'https://shop.example/?utm_source=google&utm_medium=cpc',
        utm_source: 'google',
        utm_medium: 'cpc',
        channel: 'Paid Search',
      },
      { name: 'pageview', url: 'https://shop.example/b', utm_source: null, utm_medium: null, channel: 'Direct' },
      { name: 'order_paid', url: null, utm_source: null, utm_medium: null, channel: 'Direct' },
    ]);
  });

  it('lists the first 20 skipped rows and counts the rest by reason', async () => {
    const dir = tempDir();
    const file = join(dir, 'many.ndjson');
    const line = (i: number) =>
      JSON.stringify({
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        ts: 'soon',
        site: 'shop',
        name: 'x',
      });
    writeFileSync(file, `${Array.from({ length: 25 }, (_, i) => line(i)).join('\n')}\n`);
    const result = await runPolku(['import', '--db', join(dir, 'polku.duckdb'), file]);
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('polku import: many.ndjson line 1: skipped: ts "soon" is not a time');
    expect(errors[20]).toBe('polku import: many.ndjson: 5 more rows skipped (counted by reason below)');
    expect(result.stdout.split('\n')[0]).toBe('[1/1] many.ndjson: 25 rows, 0 new, 25 skipped (25 ts is not a time)');
    expect(result.code).toBe(1);
  });

  it("holds imported events to the collector's limits on names and URLs", async () => {
    const dir = tempDir();
    const file = join(dir, 'long.ndjson');
    const event = (i: number, fields: object) =>
      JSON.stringify({
        id: `00000000-0000-4000-8000-00000000000${i}`,
        ts: '2026-03-02T12:00:00Z',
        site: 'shop',
        name: 'x',
        ...fields,
      });
    writeFileSync(
      file,
      [
        event(1, { name: 'n'.repeat(65) }),
        event(2, { url: `https://shop.example/${'a'.repeat(1981)}` }),
        event(3, { url: 'https://shop.example/', referrer: `https://r.example/${'b'.repeat(1984)}` }),
        event(4, { name: 'n'.repeat(64), url: `https://shop.example/${'a'.repeat(1979)}` }),
      ].join('\n'),
    );
    const db = join(dir, 'polku.duckdb');
    const result = await runPolku(['import', '--db', db, file]);
    expect(result.stderr).toBe(
      [
        'polku import: long.ndjson line 1: skipped: event name is longer than 64 characters',
        'polku import: long.ndjson line 2: skipped: url is longer than 2000 characters',
        'polku import: long.ndjson line 3: skipped: referrer is longer than 2000 characters',
        '',
      ].join('\n'),
    );
    expect(await storedRows(db, 'length(name)::integer as name, length(url)::integer as url')).toEqual([
      { name: 64, url: 2000 },
    ]);
  });
});
