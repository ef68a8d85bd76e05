import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { purge, Store } from '../../store/index.ts';
import { numberNewUnits } from '../../store/unit-numbers.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/** Each stored event's path with its session and visitor numbers, in arrival order. */
const numbered = (store: Store) =>
  store.query(
    'select path, session_no::integer as session_no, visitor_no::integer as visitor_no from events order by seq',
  );

describe('session and visitor numbers', () => {
  it('one number per (site, id), the same in every later load, new ones in order of first arrival', async () => {
    const store = await Store.open(join(tempDir(), 'polku.duckdb'));
    await appendEvents(store, [
      storedEvent({ path: '/a', sessionId: 'sess-1', visitorId: 'vis-1' }),
      storedEvent({ path: '/b', sessionId: 'sess-2', visitorId: 'vis-1' }),
      storedEvent({ path: '/c', sessionId: 'sess-1', visitorId: 'vis-1' }),
    ]);
    // A later load: a known session, a new one, and the same session id on another site (another unit).
    await appendEvents(store, [
      storedEvent({ path: '/d', sessionId: 'sess-3', visitorId: 'vis-2' }),
      storedEvent({ path: '/e', sessionId: 'sess-1', visitorId: 'vis-1' }),
      storedEvent({ path: '/f', site: 'blog', sessionId: 'sess-1', visitorId: 'vis-1' }),
    ]);
    expect(await numbered(store)).toEqual([
      { path: '/a', session_no: 1, visitor_no: 1 },
      { path: '/b', session_no: 2, visitor_no: 1 },
      { path: '/c', session_no: 1, visitor_no: 1 },
      { path: '/d', session_no: 3, visitor_no: 2 },
      { path: '/e', session_no: 1, visitor_no: 1 },
      { path: '/f', session_no: 4, visitor_no: 3 },
    ]);
    expect(await store.query('select site, session_id, no::integer as no from session_numbers order by no')).toEqual([
      { site: 'shop', session_id: 'sess-1', no: 1 },
      { site: 'shop', session_id: 'sess-2', no: 2 },
      { site: 'shop', session_id: 'sess-3', no: 3 },
      { site: 'blog', session_id: 'sess-1', no: 4 },
    ]);
    await store.close();
  });

  it('numbers events that have none (as the migration does for a database from before numbers)', async () => {
    const store = await Store.open(join(tempDir(), 'polku.duckdb'));
    await appendEvents(store, [
      storedEvent({ path: '/a', sessionId: 'sess-1', visitorId: 'vis-1' }),
      storedEvent({ path: '/b', sessionId: 'sess-2', visitorId: 'vis-2' }),
    ]);
    await store.exclusive(async (connection) => {
      await connection.run('update events set session_no = null, visitor_no = null');
      await connection.run('delete from session_numbers; delete from visitor_numbers');
      await numberNewUnits(connection);
    });
    expect(await numbered(store)).toEqual([
      { path: '/a', session_no: 1, visitor_no: 1 },
      { path: '/b', session_no: 2, visitor_no: 2 },
    ]);
    await store.close();
  });

  it('an erased visitor leaves no id behind in the number tables', async () => {
    const store = await Store.open(join(tempDir(), 'polku.duckdb'));
    await appendEvents(store, [
      storedEvent({ path: '/a', sessionId: 'sess-1', visitorId: 'vis-gone' }),
      storedEvent({ path: '/b', sessionId: 'sess-2', visitorId: 'vis-kept' }),
    ]);
    expect(await purge(store, { visitor: 'vis-gone' })).toEqual({ events: 1, replays: 0 });
    expect(await store.query('select session_id from session_numbers')).toEqual([{ session_id: 'sess-2' }]);
    expect(await store.query('select visitor_id from visitor_numbers')).toEqual([{ visitor_id: 'vis-kept' }]);
    // The next new session continues after the largest number in use.
    await appendEvents(store, [storedEvent({ path: '/c', sessionId: 'sess-4', visitorId: 'vis-new' })]);
    expect(await numbered(store)).toEqual([
      { path: '/b', session_no: 2, visitor_no: 2 },
      { path: '/c', session_no: 3, visitor_no: 3 },
    ]);
    await store.close();
  });
});

describe('a database from before the numbers', () => {
  it('is upgraded when a report opens it read-only, its events numbered', async () => {
    const file = join(tempDir(), 'polku.duckdb');
    const store = await Store.open(file);
    await appendEvents(store, [
      storedEvent({ path: '/a', sessionId: 'sess-1', visitorId: 'vis-1' }),
      storedEvent({ path: '/b', sessionId: 'sess-2', visitorId: 'vis-1' }),
    ]);
    // As an older Polku left it: schema version 4, no number columns or tables.
    await store.exclusive((connection) =>
      connection.run(`delete from schema_migrations where version = 5;
        alter table events drop column session_no; alter table events drop column visitor_no;
        drop table session_numbers; drop table visitor_numbers`),
    );
    await store.close();
    const reader = await Store.open(file, { readOnly: true });
    expect(await numbered(reader)).toEqual([
      { path: '/a', session_no: 1, visitor_no: 1 },
      { path: '/b', session_no: 2, visitor_no: 1 },
    ]);
    expect(await reader.query('select max(version)::integer as version from schema_migrations')).toEqual([
      { version: 5 },
    ]);
    await reader.close();
  });
});
