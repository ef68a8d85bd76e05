import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Store } from '../../store/index.ts';
import { type LoadResult, makeBatch, postBatch, sendUntil } from '../support/load.ts';
import { startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

function setup() {
  const dir = tempDir();
  const config = join(dir, 'polku.config.json');
  writeFileSync(config, JSON.stringify({ sites: [{ id: 'shop', origins: ['https://shop.example'] }] }));
  const db = join(dir, 'polku.duckdb');
  const args = (...extra: string[]) => ['collect', '--config', config, '--db', db, '--port', '0', ...extra];
  return { dir, db, args };
}

async function storedIds(db: string): Promise<string[]> {
  const store = await Store.open(db, { readOnly: true });
  try {
    const rows = await store.query('select id::varchar as id from events');
    return rows.map((row) => String(row.id));
  } finally {
    await store.close();
  }
}

/** Another process holding the database file open (DuckDB allows one writer process). */
async function lockDatabase(db: string): Promise<ChildProcess> {
  const holder = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { DuckDBInstance } from '@duckdb/node-api';
       const db = await DuckDBInstance.create(${JSON.stringify(db)});
       console.log('locked'); setTimeout(() => {}, 60000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(holder.stdout, 'data');
  return holder;
}

describe('durability over a real socket', () => {
  it('keeps every acknowledged event exactly once after kill -9 under load, and a resend adds nothing', async () => {
    const { db, args } = setup();
    const first = await startPolku(args('--rate-limit', '0'));
    let killed = false;
    const progress: LoadResult = { sent: [], acknowledged: new Set() };
    const load = sendUntil(first.url, 8, () => killed, progress);
    // Let the writer move a spool segment or two into the database, then crash mid-stream: after
    // 1.3 s and more than 500 acknowledged events (a loaded machine takes longer to get there).
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await expect.poll(() => progress.acknowledged.size, { timeout: 30_000, interval: 50 }).toBeGreaterThan(500);
    const crashed = first.crash();
    killed = true;
    const { sent, acknowledged } = await load;
    await crashed;
    expect(acknowledged.size).toBeGreaterThan(500);

    // The restart replays the spool; SIGTERM drains it into the database.
    const second = await startPolku(args('--rate-limit', '0'));
    // Resending every batch (a client retrying after the crash) must not add a single row.
    const statuses: number[] = [];
    for (let i = 0; i < sent.length; i += 16) {
      const answers = await Promise.all(sent.slice(i, i + 16).map((batch) => postBatch(second.url, batch)));
      statuses.push(...answers.map((answer) => answer.status));
    }
    expect(new Set(statuses)).toEqual(new Set([202]));
    expect(await second.stop()).toBe(0);

    const ids = await storedIds(db);
    const stored = new Set(ids);
    const sentIds = new Set(sent.flatMap((batch) => batch.events.map((event) => event.id)));
    expect(stored.size).toBe(ids.length); // no duplicates
    expect(ids.length).toBe(sentIds.size); // every batch sent is stored once, after the resend
    expect([...acknowledged].filter((id) => !stored.has(id))).toEqual([]);
  });

  it('stores acknowledged events after kill -9 without any resend', async () => {
    const { db, args } = setup();
    const first = await startPolku(args('--rate-limit', '0'));
    let killed = false;
    const load = sendUntil(first.url, 8, () => killed);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const crashed = first.crash();
    killed = true;
    const { sent, acknowledged } = await load;
    await crashed;

    const second = await startPolku(args());
    expect(await second.stop()).toBe(0);
    const ids = new Set(await storedIds(db));
    const sentIds = new Set(sent.flatMap((batch) => batch.events.map((event) => event.id)));
    expect([...acknowledged].filter((id) => !ids.has(id))).toEqual([]);
    // Events a client never heard back about may or may not be stored, but nothing unknown is.
    expect([...ids].filter((id) => !sentIds.has(id))).toEqual([]);
  });

  it('drains the spool on SIGTERM: exit 0, everything stored, spool empty', async () => {
    const { db, args } = setup();
    const collector = await startPolku(args());
    const batches = Array.from({ length: 20 }, () => makeBatch(10));
    const answers = await Promise.all(batches.map((batch) => postBatch(collector.url, batch)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    expect(await collector.stop()).toBe(0);
    expect((await storedIds(db)).length).toBe(200);
    expect(readdirSync(join(`${db}.spool`, 'events'))).toEqual([]);
    expect(collector.output()).toContain('spool drained, database checkpointed');
  });

  it('keeps accepting while another process locks the database, then 503 at the cap, and recovers', async () => {
    const { db, args } = setup();
    await (await Store.open(db)).close();
    const holder = await lockDatabase(db);
    try {
      // A 4 KiB cap: a few batches fill it.
      const collector = await startPolku(args('--spool-cap', String(4 / 1024)));
      const ready = await fetch(`${collector.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { reason: string }).reason).toMatch(/^cannot write the database: .*locked/);

      const accepted: string[] = [];
      let status = 202;
      for (let i = 0; i < 50 && status === 202; i++) {
        const batch = makeBatch(5);
        const response = await postBatch(collector.url, batch);
        status = response.status;
        if (status === 202) accepted.push(...batch.events.map((event) => event.id));
        else
          expect(await response.json()).toEqual({
            error: 'the spool holds 4096 bytes not yet stored in the database; retry later',
            issues: [],
          });
      }
      expect(status).toBe(503);
      expect(accepted.length).toBeGreaterThan(0);

      holder.kill('SIGKILL');
      await once(holder, 'close');
      // The writer retries every second and drains the spool by itself.
      let readyNow = 503;
      for (let i = 0; i < 50 && readyNow !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        readyNow = (await fetch(`${collector.url}/readyz`)).status;
      }
      expect(readyNow).toBe(200);
      expect((await postBatch(collector.url, makeBatch(1))).status).toBe(202);
      expect(await collector.stop()).toBe(0);
      const ids = new Set(await storedIds(db));
      expect(ids.size).toBe(accepted.length + 1);
      expect(accepted.filter((id) => !ids.has(id))).toEqual([]);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('keeps a snapshot for report builds while it collects (collect --snapshot)', async () => {
    const { dir, db, args } = setup();
    const snapshot = join(dir, 'snapshot.duckdb');
    const collector = await startPolku(args('--snapshot', snapshot, '--snapshot-every', '1'));
    const answers = await Promise.all(Array.from({ length: 5 }, () => postBatch(collector.url, makeBatch(4))));
    expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
    let inSnapshot = 0;
    for (let i = 0; i < 40 && inSnapshot < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      // The snapshot appears by rename, so whatever is there is a whole database.
      inSnapshot = (await storedIds(snapshot).catch(() => [])).length;
    }
    expect(inSnapshot).toBe(20);
    expect(await collector.stop()).toBe(0);
    // Detaching checkpoints the copy: no write-ahead log is left behind beside it.
    expect(readdirSync(dir).filter((name) => name.startsWith('snapshot'))).toEqual(['snapshot.duckdb']);
    expect((await storedIds(db)).length).toBe(20);
  });

  it("keeps visitor and session ids after kill -9 before the day's salt reached the database", async () => {
    const { db, args } = setup();
    await (await Store.open(db)).close();
    // While the database is locked the writer cannot store the salt the first request makes.
    const holder = await lockDatabase(db);
    try {
      const first = await startPolku(args());
      expect((await postBatch(first.url, makeBatch(1))).status).toBe(202);
      await first.crash();
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'close');
    }
    const second = await startPolku(args());
    expect((await postBatch(second.url, makeBatch(1))).status).toBe(202);
    expect(await second.stop()).toBe(0);
    const store = await Store.open(db, { readOnly: true });
    try {
      // Same address and browser, seconds apart: one visitor, one session, across the crash.
      expect(
        await store.query(`select count(*)::integer as events, count(distinct visitor_id)::integer as visitors,
          count(distinct session_id)::integer as sessions from events`),
      ).toEqual([{ events: 2, visitors: 1, sessions: 1 }]);
      expect(await store.query('select count(*)::integer as salts from salts')).toEqual([{ salts: 1 }]);
    } finally {
      await store.close();
    }
  });
});
