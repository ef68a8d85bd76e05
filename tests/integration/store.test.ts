import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store, StoreError } from '../../store/index.ts';
import { MIGRATIONS } from '../../store/migrations.ts';
import { eventLine } from '../../store/spool-lines.ts';
import { storedEvent } from '../support/events.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

describe('store', () => {
  it('creates the schema once and records each migration', async () => {
    const file = join(tempDir(), 'polku.duckdb');
    const first = await Store.open(file);
    await first.close();
    const again = await Store.open(file);
    expect(await again.query('select version, name from schema_migrations order by version')).toEqual(
      MIGRATIONS.map(({ version, name }) => ({ version, name })),
    );
    await again.close();
  });

  it('appends in bulk, skips known ids and numbers arrivals in order', async () => {
    const store = await Store.open(join(tempDir(), 'polku.duckdb'));
    const a = storedEvent({ path: '/a' });
    const b = storedEvent({ path: '/b' });
    expect(await appendEvents(store, [a, b, a])).toBe(2);
    expect(await appendEvents(store, [b, storedEvent({ path: '/c' })])).toBe(1);
    expect(await store.query('select path, seq::integer as seq from events order by seq')).toEqual([
      { path: '/a', seq: 1 },
      { path: '/b', seq: 2 },
      { path: '/c', seq: 5 },
    ]);
    await store.close();
  });

  it('loads spool segments once per id: new ids by the fast path, stored and repeated ids skipped', async () => {
    const dir = tempDir();
    const store = await Store.open(join(dir, 'polku.duckdb'));
    const segment = (name: string, events: ReturnType<typeof storedEvent>[]) => {
      const path = join(dir, name);
      writeFileSync(path, events.map(eventLine).join(''));
      return path;
    };
    const a = storedEvent({ path: '/a' });
    const b = storedEvent({ path: '/b' });
    expect(await store.loadSpooled([segment('1.ndjson', [a, b])], 2, [])).toEqual({
      events: 2,
      replays: 0,
      unreadable: 0,
    });
    // A retried batch (b, stored already) and a repeat within one load (c twice): each stored once,
    // at its first arrival; the arrival numbers still count every line.
    const c = storedEvent({ path: '/c' });
    const files = [segment('2.ndjson', [b, c]), segment('3.ndjson', [{ ...c, path: '/c-again' }])];
    expect(await store.loadSpooled(files, 3, [])).toEqual({ events: 1, replays: 0, unreadable: 0 });
    expect(await store.loadSpooled([segment('4.ndjson', [storedEvent({ path: '/d' })])], 1, [])).toEqual({
      events: 1,
      replays: 0,
      unreadable: 0,
    });
    expect(await store.query('select path, seq::integer as seq from events order by seq')).toEqual([
      { path: '/a', seq: 1 },
      { path: '/b', seq: 2 },
      { path: '/c', seq: 4 },
      { path: '/d', seq: 6 },
    ]);
    await store.close();
  });

  it('keeps accepted events across a reopen and continues the arrival order', async () => {
    const file = join(tempDir(), 'polku.duckdb');
    const store = await Store.open(file);
    await appendEvents(store, [storedEvent({ path: '/a' })]);
    await store.close();
    const reopened = await Store.open(file);
    await appendEvents(reopened, [storedEvent({ path: '/b' })]);
    expect(await reopened.query('select path, seq::integer as seq from events order by seq')).toEqual([
      { path: '/a', seq: 1 },
      { path: '/b', seq: 2 },
    ]);
    await reopened.close();
  });

  it('explains a database locked by another process', async () => {
    const file = join(tempDir(), 'polku.duckdb');
    await (await Store.open(file)).close();
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const db = await DuckDBInstance.create(${JSON.stringify(file)});
         console.log('locked'); setTimeout(() => {}, 60000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      await once(holder.stdout, 'data');
      const error = await Store.open(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toBe(
        `database ${file} is locked by another process (PID ${holder.pid}); stop the other polku process, or build from a snapshot of the database`,
      );
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('explains a file that is not a DuckDB database', async () => {
    const file = join(tempDir(), 'polku.duckdb');
    writeFileSync(file, 'this is not a database '.repeat(500));
    const error = await Store.open(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^database ${file} is not a readable DuckDB database \\(.+\\); move it aside and restore a backup or start with a new file via --db$`,
      ),
    );
  });
});
