import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestCollector } from '../support/collector.ts';
import { makeBatch } from '../support/load.ts';
import { tempDir } from '../support/temp.ts';

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);
const DAY = 86_400_000;

describe('enrichment with durable state (real DuckDB, collector restarted)', () => {
  it('keeps visitor ids and sessions across a restart', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    let now = T0;
    const first = await startTestCollector({ db, now: () => now });
    await first.post('/api/events', JSON.stringify(makeBatch(1)));
    await first.close();

    now = T0 + 10 * 60_000; // ten minutes later, after a restart: same visitor, same session
    const second = await startTestCollector({ db, now: () => now });
    await second.post('/api/events', JSON.stringify(makeBatch(1)));
    now = T0 + 50 * 60_000; // 40 minutes of silence: a new session
    await second.post('/api/events', JSON.stringify(makeBatch(1)));
    const rows = await second.query('select visitor_id, session_id from events order by seq');
    await second.close();
    expect(new Set(rows.map((row) => row.visitor_id)).size).toBe(1);
    expect(rows[1]?.session_id).toBe(rows[0]?.session_id);
    expect(rows[2]?.session_id).not.toBe(rows[0]?.session_id);
  });

  it('rotates salts at UTC midnight, keeps yesterday and deletes older ones', async () => {
    let now = T0;
    const collector = await startTestCollector({ now: () => now });
    const days = async () =>
      (await collector.query(`select strftime(day, '%Y-%m-%d') as day from salts order by day`)).map((r) => r.day);
    await collector.post('/api/events', JSON.stringify(makeBatch(1)));
    expect(await days()).toEqual(['2026-03-01']);
    now = T0 + DAY;
    await collector.post('/api/events', JSON.stringify(makeBatch(1)));
    expect(await days()).toEqual(['2026-03-01', '2026-03-02']);
    now = T0 + 2 * DAY;
    await collector.post('/api/events', JSON.stringify(makeBatch(1)));
    expect(await days()).toEqual(['2026-03-02', '2026-03-03']);
    const visitors = await collector.query('select count(distinct visitor_id)::integer as n from events');
    expect(visitors).toEqual([{ n: 3 }]); // a new salt each day: no tracking across days without consent
    await collector.close();
  });

  it('stores device, browser, OS, country from the time zone, and uses a consented client id', async () => {
    const collector = await startTestCollector({ now: () => T0 });
    const consented = { ...makeBatch(1), tz: 'Europe/Helsinki', client_id: 'k3pt-in-localstorage-01' };
    await collector.post('/api/events', JSON.stringify(consented), {
      'User-Agent':
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    });
    await collector.post('/api/events', JSON.stringify({ ...makeBatch(1), client_id: 'k3pt-in-localstorage-01' }));
    await collector.post('/api/events', JSON.stringify({ ...makeBatch(1), tz: 'Not/AZone' }));
    const rows = await collector.query('select device, browser, os, country, visitor_id from events order by seq');
    await collector.close();
    expect(rows.map(({ visitor_id, ...rest }) => rest)).toEqual([
      { device: 'mobile', browser: 'Safari', os: 'iOS', country: 'FI' },
      { device: 'desktop', browser: 'Chrome', os: 'Linux', country: null },
      { device: 'desktop', browser: 'Chrome', os: 'Linux', country: null },
    ]);
    // The consented id is the visitor, whatever the device; without it, IP + user agent decide.
    expect(rows[1]?.visitor_id).toBe(rows[0]?.visitor_id);
    expect(rows[2]?.visitor_id).not.toBe(rows[0]?.visitor_id);
  });

  it('refuses a malformed time zone or client id with the path of the field', async () => {
    const collector = await startTestCollector({ now: () => T0 });
    const response = await collector.post(
      '/api/events',
      JSON.stringify({ ...makeBatch(1), tz: 'Europe/Helsinki; drop table', client_id: 'short' }),
    );
    await collector.close();
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'invalid event batch',
      issues: [
        { path: 'tz', message: 'use an IANA time zone name like "Europe/Helsinki"' },
        { path: 'client_id', message: 'Too small: expected string to have >=16 characters' },
      ],
    });
  });
});
