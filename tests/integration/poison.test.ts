import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from '../support/collector.ts';
import { tempDir } from '../support/temp.ts';

let collector: TestCollector;
afterEach(() => collector?.close());

const event = (overrides: Record<string, unknown>) => ({
  id: crypto.randomUUID(),
  name: 'pageview',
  url: 'https://shop.example/',
  ...overrides,
});

describe('schema-valid but odd input never blocks the writer', () => {
  it('stores NUL characters, lone surrogates and extreme clocks, and stays ready', async () => {
    collector = await startTestCollector({ now: () => Date.UTC(2026, 2, 1, 12) });
    const odd = [
      event({ name: 'nul\u0000name', props: { k: 'v\u0000' } }),
      event({ name: 'lone\ud800surrogate', props: { s: '\udfff' }, referrer: '\ud83d' }),
      event({ ts: Date.UTC(2000, 0, 1) }),
      event({ ts: Date.UTC(2100, 0, 1) }),
    ];
    for (const e of odd) {
      const response = await collector.post('/api/events', JSON.stringify({ site: 'shop', events: [e] }));
      expect(response.status).toBe(202);
    }
    const farFuture = await collector.post(
      '/api/events',
      JSON.stringify({ site: 'shop', sent_at: Date.UTC(2100, 0, 1), events: [event({ ts: Date.UTC(2000, 0, 1) })] }),
    );
    expect(farFuture.status).toBe(202);
    const broken = await collector.post('/api/events', JSON.stringify({ site: 'shop', events: [event({ ts: 0 })] }));
    expect(await broken.json()).toEqual({
      error: 'invalid event batch',
      issues: [{ path: 'events.0.ts', message: 'use epoch milliseconds (Date.now()) after 2000-01-01' }],
    });
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 5 }]);
    expect(await collector.query(`select name, props::varchar as props from events where name like 'lone%'`)).toEqual([
      { name: 'lone\ufffdsurrogate', props: '{"s":"\ufffd"}' },
    ]);
    // Clocks are corrected, then kept within a week before arrival and never after it.
    const [range] = await collector.query(
      `select (max(received_at) - max(ts))::varchar as late, (max(received_at) - min(ts))::varchar as early from events`,
    );
    expect(range).toEqual({ late: '00:00:00', early: '7 days' });
    expect(collector.ingest.status.ready).toBe(true);
  });

  it('stores the readable lines of a damaged spool segment and keeps the segment in quarantine', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const spool = join(`${db}.spool`, 'events');
    mkdirSync(spool, { recursive: true });
    const line = (id: string) =>
      JSON.stringify({
        id,
        ts: T,
        received_at: T,
        site: 'shop',
        name: 'pageview',
        url: 'https://shop.example/',
        path: '/',
        hostname: 'shop.example',
        visitor_id: 'v',
        session_id: 's',
      });
    const damaged = [line(ID_1), '{"id": not json at all}', line(ID_2), ''].join('\n');
    writeFileSync(join(spool, '000000000001.ndjson'), damaged);
    collector = await startTestCollector({ db, now: () => T });
    expect(await collector.query('select id::varchar as id from events order by seq')).toEqual([
      { id: ID_1 },
      { id: ID_2 },
    ]);
    expect(readFileSync(join(`${db}.spool`, 'quarantine', 'events-000000000001.ndjson'), 'utf8')).toBe(damaged);
    expect(readdirSync(spool)).toEqual([]);
    expect(collector.ingest.status.ready).toBe(true);
    expect(collector.logs.join('')).toContain('1 spooled line(s) could not be read into the database');
  });
});

const T = Date.UTC(2026, 2, 1, 12);
const ID_1 = '00000000-0000-4000-8000-000000000001';
const ID_2 = '00000000-0000-4000-8000-000000000002';
