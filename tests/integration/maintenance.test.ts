import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ImportFormat, importFile, SOURCES } from '../../importers/index.ts';
import { exportEvents, purge, Store } from '../../store/index.ts';
import { startTestCollector } from '../support/collector.ts';
import { storedEvent } from '../support/events.ts';
import { makeBatch } from '../support/load.ts';
import { runPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const T = Date.UTC(2026, 2, 1, 12, 0, 0);
const COLUMNS = `id::varchar as id, seq::integer as seq, ts, site, name, url, path, hostname, visitor_id, session_id,
  props::varchar as props, value`;

/** Polku's own export shape, as `polku import` reads it by default. */
const importEvents = (store: Store, file: string, format: ImportFormat) =>
  importFile(store, file, { source: SOURCES.polku, format });

async function withStore<T>(file: string, work: (store: Store) => Promise<T>, readOnly = false): Promise<T> {
  const store = await Store.open(file, { readOnly });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

describe('snapshot while ingesting', () => {
  it('copies every acknowledged event while new requests are still accepted', async () => {
    const collector = await startTestCollector();
    for (let i = 0; i < 5; i++)
      expect((await collector.post('/api/events', JSON.stringify(makeBatch(10)))).status).toBe(202);
    const target = join(tempDir(), 'snapshot.duckdb');
    const [, during] = await Promise.all([
      collector.snapshot(target),
      collector.post('/api/events', JSON.stringify(makeBatch(10))),
    ]);
    expect(during.status).toBe(202);
    const inSnapshot = await withStore(target, (s) => s.query('select count(*)::integer as n from events'), true);
    expect([[{ n: 50 }], [{ n: 60 }]]).toContainEqual(inSnapshot);
    expect(await collector.query('select count(*)::integer as n from events')).toEqual([{ n: 60 }]);
    await collector.close();
  });
});

describe('export and import', () => {
  it('round-trips events through Parquet and NDJSON; importing twice adds nothing', async () => {
    const dir = tempDir();
    const source = join(dir, 'source.duckdb');
    const events = [
      storedEvent({ ts: T, path: '/a', props: { plan: 'pro', seats: 3 }, value: 49.5 }),
      storedEvent({ ts: T + 1000, path: '/b', visitorId: 'v2', sessionId: 's2' }),
      // Other keys, and none: NDJSON is read as one STRUCT of every key, which must not add keys here.
      storedEvent({ ts: T + 2000, path: '/c', props: { coupon: 'x' } }),
      storedEvent({ ts: T + 3000, path: '/d', props: {} }),
    ];
    const original = await withStore(source, async (store) => {
      await appendEvents(store, events);
      return store.query(`select ${COLUMNS} from events order by seq`);
    });
    for (const format of ['parquet', 'ndjson'] as const) {
      const file = join(dir, `events.${format}`);
      expect(await withStore(source, (store) => exportEvents(store, { out: file, format }), true)).toBe(4);
      const target = join(dir, `from-${format}.duckdb`);
      const [first, second] = await withStore(target, async (store) => [
        await importEvents(store, file, format),
        await importEvents(store, file, format),
      ]);
      expect(first).toEqual({ read: 4, stored: 4, duplicates: 0, skipped: [], ignored: [] });
      expect(second).toEqual({ read: 4, stored: 0, duplicates: 4, skipped: [], ignored: [] });
      expect(await withStore(target, (store) => store.query(`select ${COLUMNS} from events order by seq`))).toEqual(
        original,
      );
    }
  });

  it('imports CSV with ISO and epoch times, given or derived visitor and session ids, and counts bad rows', async () => {
    const dir = tempDir();
    const csv = join(dir, 'history.csv');
    writeFileSync(
      csv,
      [
        'id,ts,site,name,url,visitor_id,session_id',
        '00000000-0000-4000-8000-000000000001,2026-03-01T12:00:00Z,shop,pageview,https://shop.example/a?x=1,ga-7,ga-s1',
        '00000000-0000-4000-8000-000000000002,1772366460,shop,pageview,https://shop.example/b,ga-7,',
        '00000000-0000-4000-8000-000000000003,1772366520000,shop,pageview,https://shop.example/c,ga-7,',
        '00000000-0000-4000-8000-000000000004,1772370120000,shop,pageview,https://shop.example/d,ga-7,',
        'not-a-uuid,2026-03-01T12:00:00Z,shop,pageview,https://shop.example/,,',
        '00000000-0000-4000-8000-000000000006,yesterday,shop,pageview,https://shop.example/,,',
      ].join('\n'),
    );
    const db = join(dir, 'polku.duckdb');
    const result = await withStore(db, (store) => importEvents(store, csv, 'csv'));
    expect(result).toEqual({
      read: 6,
      stored: 4,
      duplicates: 0,
      skipped: [
        { record: 5, reason: 'id "not-a-uuid" is not a UUID' },
        { record: 6, reason: 'ts "yesterday" is not a time' },
      ],
      ignored: [],
    });
    const rows = await withStore(db, (store) =>
      store.query('select path, hostname, ts, visitor_id, session_id from events order by ts'),
    );
    expect(rows.map(({ session_id, ...rest }) => rest)).toEqual([
      { path: '/a', hostname: 'shop.example', ts: '2026-03-01T12:00:00.000Z', visitor_id: 'ga-7' },
      { path: '/b', hostname: 'shop.example', ts: '2026-03-01T12:01:00.000Z', visitor_id: 'ga-7' },
      { path: '/c', hostname: 'shop.example', ts: '2026-03-01T12:02:00.000Z', visitor_id: 'ga-7' },
      { path: '/d', hostname: 'shop.example', ts: '2026-03-01T13:02:00.000Z', visitor_id: 'ga-7' },
    ]);
    // The given session id is kept; missing ones are cut at 30 minutes of inactivity.
    const sessions = rows.map((row) => row.session_id);
    expect(sessions[0]).toBe('ga-s1');
    expect(sessions[2]).toBe(sessions[1]);
    expect(sessions[3]).not.toBe(sessions[2]);
  });

  it('breaks timestamp ties by the order of rows in the file (arrival order), not by id', async () => {
    const dir = tempDir();
    // Same time, same session; the ids sort opposite to the file order.
    const lines = [
      { id: '00000000-0000-4000-8000-00000000000f', path: '/first-in-file' },
      { id: '00000000-0000-4000-8000-000000000001', path: '/second-in-file' },
      { id: '00000000-0000-4000-8000-000000000000', path: '/third-in-file' },
    ];
    const ndjson = join(dir, 'ties.ndjson');
    writeFileSync(
      ndjson,
      lines
        .map(({ id, path }) =>
          JSON.stringify({
            id,
            ts: T,
            site: 'shop',
            name: 'pageview',
            url: `https://shop.example${path}`,
            session_id: 's',
          }),
        )
        .join('\n'),
    );
    const csv = join(dir, 'ties.csv');
    writeFileSync(
      csv,
      [
        'id,ts,site,name,url',
        ...lines.map(
          ({ id, path }) => `${id.replace('-4000-', '-4001-')},${T},blog,pageview,https://blog.example${path}`,
        ),
      ].join('\n'),
    );
    const db = join(dir, 'polku.duckdb');
    const paths = await withStore(db, async (store) => {
      await importEvents(store, ndjson, 'ndjson');
      await importEvents(store, csv, 'csv');
      const rows = await store.query('select site, path from events order by ts, seq');
      return rows.map((row) => `${row.site} ${row.path}`);
    });
    expect(paths).toEqual([
      'shop /first-in-file',
      'shop /second-in-file',
      'shop /third-in-file',
      'blog /first-in-file',
      'blog /second-in-file',
      'blog /third-in-file',
    ]);
  });

  it('says which required columns a file lacks', async () => {
    const dir = tempDir();
    const file = join(dir, 'bad.ndjson');
    writeFileSync(file, '{"id":"00000000-0000-4000-8000-000000000001","when":1}\n');
    const error = await withStore(join(dir, 'x.duckdb'), (store) => importEvents(store, file, 'ndjson')).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      `${file}: missing columns ts, site, name; --from polku reads the export shape (polku export), which needs id, ts, site, name`,
    );
  });
});

describe('purge', () => {
  it('deletes by retention, by site and by visitor (with their replays)', async () => {
    const db = join(tempDir(), 'polku.duckdb');
    const day = 86_400_000;
    const result = await withStore(db, async (store) => {
      await appendEvents(store, [
        storedEvent({ ts: T - 800 * day, path: '/old' }),
        storedEvent({ ts: T, path: '/keep' }),
        storedEvent({ ts: T, site: 'blog', path: '/blog' }),
        storedEvent({ ts: T, visitorId: 'forget-me', pageId: 'p9', path: '/mine' }),
      ]);
      await store.exclusive(async (connection) => {
        await connection.run(
          `insert into replay_chunks values ('shop', 'p9', 0, make_timestamp(($t * 1000)::bigint), 'x'::blob),
                                            ('shop', 'p1', 0, make_timestamp(($old * 1000)::bigint), 'y'::blob),
                                            ('shop', 'p2', 0, make_timestamp(($t * 1000)::bigint), 'z'::blob)`,
          { t: T, old: T - 31 * day },
        );
      });
      const purged = await purge(store, {
        eventsBefore: T - 761 * day,
        replaysBefore: T - 30 * day,
        site: 'blog',
        visitor: 'forget-me',
      });
      return {
        purged,
        events: await store.query('select path from events order by path'),
        replays: await store.query('select page_id from replay_chunks order by page_id'),
      };
    });
    expect(result).toEqual({
      purged: { events: 3, replays: 2 },
      events: [{ path: '/keep' }],
      replays: [{ page_id: 'p2' }],
    });
  });
});

describe('maintenance commands', () => {
  it('imports files with progress, exports them again, and purges by the config', async () => {
    const dir = tempDir();
    const db = join(dir, 'polku.duckdb');
    const file = join(dir, 'events.ndjson');
    writeFileSync(
      file,
      `${JSON.stringify({ id: '00000000-0000-4000-8000-00000000000a', ts: T, site: 'shop', name: 'pageview', url: 'https://shop.example/' })}\n`,
    );
    const imported = await runPolku(['import', '--db', db, file, file]);
    expect(imported.stdout).toBe(
      `[1/2] events.ndjson: 1 rows, 1 new\n[2/2] events.ndjson: 1 rows, 0 new, 1 already stored\nimported 1 new events into ${db}\n`,
    );
    expect(imported.code).toBe(0);
    const out = join(dir, 'out.ndjson');
    const exported = await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', out]);
    expect(exported.stdout).toBe(`exported 1 events to ${out}\n`);
    const config = join(dir, 'polku.config.json');
    writeFileSync(
      config,
      JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }], retention: { events: '1d' } }),
    );
    const purged = await runPolku(['purge', '--config', config, '--db', db]);
    expect(purged.stdout).toBe('purged 1 events and 0 replay chunks (retention: events 1d, replays 30d)\n');
    const wrong = await runPolku(['import', '--db', db, join(dir, 'x.xlsx')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe(
      `polku import: ${join(dir, 'x.xlsx')}: --from polku reads .ndjson, .jsonl, .csv, .parquet files\n`,
    );
  });
});
