// Stateless collectors shipping to a real 2-shard ClickHouse cluster (docs/clickhouse.md,
// "Collectors"): real `polku collect --backend clickhouse` processes on loopback, real servers.
// Every acknowledged event must end up in the cluster exactly once (read with FINAL), whatever
// happens in between: two collectors at once, the cluster down, a collector killed mid-ship.
import { once } from 'node:events';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { splitSeq } from '../../store/clickhouse/arrival-seq.ts';
import { clickHouseClient } from '../../store/clickhouse/client.ts';
import { numberedEventLine } from '../../store/clickhouse/event-rows.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import { eventLine } from '../../store/spool-lines.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';
import { storedEvent } from '../support/events.ts';
import { type LoadResult, makeBatch, postBatch, sendUntil } from '../support/load.ts';
import { type RunningPolku, startPolku } from '../support/polku-process.ts';
import { tempDir } from '../support/temp.ts';

let cluster: ClickHouseCluster;

/** Collectors a failed test left running are killed, so none outlives the file. */
const started: RunningPolku[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((collector) => collector.crash()));
});

/** Each test posts to a site of its own, so the tests share the cluster without seeing each other's rows. */
const SITES = ['concurrent', 'outage', 'shop', 'hostile', 'late', 'mixed', 'visit'] as const;
type Site = (typeof SITES)[number];

function setup() {
  const dir = tempDir();
  const config = join(dir, 'polku.config.json');
  writeFileSync(config, JSON.stringify({ sites: SITES.map((id) => ({ id, origins: ['https://shop.example'] })) }));
  const collect = async (spool: string, ...extra: string[]) => {
    const collector = await startPolku([
      'collect',
      '--backend',
      'clickhouse',
      '--clickhouse',
      extra.includes('--clickhouse')
        ? (extra.splice(extra.indexOf('--clickhouse'), 2)[1] as string)
        : cluster.shardUrls.join(','),
      '--config',
      config,
      '--spool',
      join(dir, spool),
      '--port',
      '0',
      '--rate-limit',
      '0',
      ...extra,
    ]);
    started.push(collector);
    return collector;
  };
  return { dir, collect };
}

interface StoredRow {
  id: string;
  seq: string;
  received_at_us: string;
}

/** The site's rows as reads see them (FINAL: one row per id), from every shard. */
async function storedRows(site: Site): Promise<StoredRow[]> {
  const rows: StoredRow[] = [];
  for (const url of cluster.shardUrls) {
    rows.push(
      ...(await clickHouseClient(url).query<StoredRow>(
        `SELECT toString(id) AS id, toString(seq) AS seq, received_at_us FROM events_local FINAL
         WHERE site = ${sqlString(site)}`,
      )),
    );
  }
  return rows;
}

/** Waits until the site has `count` rows in the cluster (the writer ships about once a second). */
async function waitForRows(site: Site, count: number): Promise<void> {
  await expect.poll(async () => (await storedRows(site)).length, { timeout: 30_000, interval: 250 }).toBe(count);
}

const collectorIdOf = (dir: string, spool: string) => Number(readFileSync(join(dir, spool, 'collector-id'), 'utf8'));

/** A loopback port nothing listens on (one the system just handed out and took back). */
async function unusedPort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  return port;
}

/** One client posting `batches` batches of 10 one after the other; returns the event ids in the order sent. */
async function postInOrder(url: string, site: Site, batches: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < batches; i++) {
    const batch = makeBatch(10, site);
    const response = await postBatch(url, batch);
    expect(response.status).toBe(202);
    ids.push(...batch.events.map((event) => event.id));
  }
  return ids;
}

describeClickHouse('collectors shipping to a ClickHouse cluster', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('two collectors at once: every acknowledged event exactly once, seq unique and in arrival order per collector', async () => {
    const { dir, collect } = setup();
    // Ids are random on first start; set here, so the two surely differ (the other tests make theirs).
    for (const [spool, id] of [
      ['a.spool', 17],
      ['b.spool', 905],
    ] as const) {
      mkdirSync(join(dir, spool));
      writeFileSync(join(dir, spool, 'collector-id'), `${id}\n`);
    }
    const [a, b] = await Promise.all([collect('a.spool'), collect('b.spool')]);

    // Three clients per collector, each posting 12 batches in sequence: 720 events, all at once.
    const started = Date.now();
    const clients = await Promise.all([
      ...[1, 2, 3].map(() => postInOrder(a.url, 'concurrent', 12).then((ids) => ({ collector: a, ids }))),
      ...[1, 2, 3].map(() => postInOrder(b.url, 'concurrent', 12).then((ids) => ({ collector: b, ids }))),
    ]);
    const finished = Date.now();
    expect(await a.stop()).toBe(0);
    expect(await b.stop()).toBe(0);
    expect(a.output()).toContain('collector stopped; spool shipped to the ClickHouse cluster');

    const rows = await storedRows('concurrent');
    expect(rows.length).toBe(720);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(clients.flatMap((client) => client.ids)));
    expect(new Set(rows.map((row) => row.seq)).size).toBe(720);

    const byId = new Map(rows.map((row) => [row.id, row]));
    const idOf = (collector: RunningPolku) => collectorIdOf(dir, collector === a ? 'a.spool' : 'b.spool');
    for (const { collector, ids } of clients) {
      const seqs = ids.map((id) => BigInt((byId.get(id) as StoredRow).seq));
      // A client's next batch is sent after the last one was acknowledged: it must sort after it.
      for (let i = 1; i < seqs.length; i++) expect((seqs[i] as bigint) > (seqs[i - 1] as bigint)).toBe(true);
      for (const [i, seq] of seqs.entries()) {
        const parts = splitSeq(seq);
        expect(parts.collectorId).toBe(idOf(collector));
        // The time part is when the event entered the spool: after it was received, within the run.
        const receivedMs = Number((byId.get(ids[i] as string) as StoredRow).received_at_us) / 1000;
        expect(parts.ms).toBeGreaterThanOrEqual(receivedMs);
        expect(parts.ms).toBeGreaterThanOrEqual(started);
        expect(parts.ms).toBeLessThanOrEqual(finished);
      }
    }
  });

  it('keeps acknowledging while a shard is down, 503 at the cap, and ships everything once it is back', async () => {
    const { collect } = setup();
    // A 16 KiB cap: a few batches fill it.
    const collector = await collect('outage.spool', '--spool-cap', String(16 / 1024));
    const first = await postInOrder(collector.url, 'outage', 1);
    await waitForRows('outage', 10);
    expect((await fetch(`${collector.url}/readyz`)).status).toBe(200);

    // Every event of this client is one visitor's, so all of them go to one shard: that one goes down
    // (with any other, an insert that sends nothing there would succeed).
    const counts = await Promise.all(
      cluster.shardUrls.map((url) =>
        clickHouseClient(url).query<{ n: string }>("SELECT count() AS n FROM events_local WHERE site = 'outage'"),
      ),
    );
    const shard = counts.findIndex((rows) => rows[0]?.n === '10') + 1;
    expect(shard).toBeGreaterThan(0);
    await cluster.stopShard(shard);
    const accepted = [...first];
    try {
      let status = 202;
      for (let i = 0; i < 60 && status === 202; i++) {
        const batch = makeBatch(5, 'outage');
        const response = await postBatch(collector.url, batch);
        status = response.status;
        if (status === 202) accepted.push(...batch.events.map((event) => event.id));
        else {
          expect(response.headers.get('retry-after')).toBe('1');
          expect(await response.json()).toEqual({
            error: 'the spool holds 16384 bytes not yet stored in the ClickHouse cluster; retry later',
            issues: [],
          });
        }
      }
      expect(status).toBe(503);
      expect(accepted.length).toBeGreaterThan(10);
      // /readyz says why, naming the shard that is down (once the writer has tried again).
      expect((await fetch(`${collector.url}/readyz`)).status).toBe(503);
      const down = cluster.shardUrls[shard - 1] as string;
      await expect
        .poll(async () => ((await (await fetch(`${collector.url}/readyz`)).json()) as { reason: string }).reason, {
          timeout: 10_000,
          interval: 200,
        })
        .toContain(`cannot write the ClickHouse cluster: cannot reach ClickHouse at ${down}`);
    } finally {
      await cluster.resume(shard);
    }

    // The writer retries every second: the spool drains and the collector is ready again.
    await expect
      .poll(async () => (await fetch(`${collector.url}/readyz`)).status, { timeout: 30_000, interval: 200 })
      .toBe(200);
    const last = await postInOrder(collector.url, 'outage', 1);
    expect(await collector.stop()).toBe(0);
    const rows = await storedRows('outage');
    expect(rows.length).toBe(accepted.length + 10);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set([...accepted, ...last]));
  });

  it('kill -9 mid-ship: the restart re-ships the spool, and nothing counts twice after FINAL', async () => {
    const { dir, collect } = setup();
    const spool = join(dir, 'crash.spool');
    const first = await collect('crash.spool');
    let killed = false;
    const progress: LoadResult = { sent: [], acknowledged: new Set() };
    const load = sendUntil(first.url, 6, () => killed, progress);
    // Let the writer ship a segment or two, then crash while it goes on shipping under load.
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await expect.poll(() => progress.acknowledged.size, { timeout: 30_000, interval: 50 }).toBeGreaterThan(300);
    const crashed = first.crash();
    killed = true;
    const { sent } = await load;
    await crashed;
    const acknowledged = [...progress.acknowledged];
    const sentIds = new Set(sent.flatMap((batch) => batch.events.map((event) => event.id)));

    // What the crash left in the spool; a copy, to ship once more below, as if the next crash came
    // after ClickHouse took a segment but before the collector deleted it.
    const left = readdirSync(join(spool, 'events'));
    expect(left.length).toBeGreaterThan(0);
    const backup = join(dir, 'crash-backup');
    cpSync(join(spool, 'events'), backup, { recursive: true });

    // The restart takes over the dead process's spool lock and ships what it left.
    const second = await collect('crash.spool');
    expect(await second.stop()).toBe(0);
    const afterRestart = await storedRows('shop');
    const stored = new Set(afterRestart.map((row) => row.id));
    expect(stored.size).toBe(afterRestart.length); // one row per id
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]); // nothing acknowledged is lost
    expect([...stored].filter((id) => !sentIds.has(id))).toEqual([]); // nothing unknown appears
    expect(readdirSync(join(spool, 'events'))).toEqual([]);

    // Ship the crashed run's segments a second time: the same rows, still once each.
    for (const name of left) cpSync(join(backup, name), join(spool, 'events', name));
    const third = await collect('crash.spool');
    expect(await third.stop()).toBe(0);
    const afterReship = await storedRows('shop');
    expect(afterReship.length).toBe(afterRestart.length);
    expect(new Set(afterReship.map((row) => `${row.id} ${row.seq}`))).toEqual(
      new Set(afterRestart.map((row) => `${row.id} ${row.seq}`)),
    );
  });

  it('stores hostile props and texts exactly as sent, with the keys and values reports match on', async () => {
    const { collect } = setup();
    const collector = await collect('hostile.spool');
    const props = {
      quote: `it's "quoted" \\ back\\slash`,
      control: 'line\nbreak\ttab\u0000nul',
      unicode: 'Åäö 🚀 \u2028',
      'key with \' and " and .dot': 'x',
      big: 1e21,
      negative: -0.5,
      yes: true,
      sql: "'); DROP TABLE events; --",
    };
    const batch = {
      site: 'hostile',
      events: [
        {
          id: '5f0c2a9e-8d4b-4c7a-9e1f-2b3c4d5e6f70',
          name: 'checkout',
          url: "https://shop.example/p?q='%22<x>",
          props,
          value: 12.5,
        },
      ],
    };
    expect((await postBatch(collector.url, batch)).status).toBe(202);
    expect(await collector.stop()).toBe(0);
    const rows: Record<string, unknown>[] = [];
    for (const url of cluster.shardUrls) {
      rows.push(
        ...(await clickHouseClient(url).query(
          `SELECT toString(id) AS id, name, url, path, props, prop_keys, prop_values, value FROM events_local FINAL
           WHERE site = 'hostile'`,
        )),
      );
    }
    expect(rows).toEqual([
      {
        id: '5f0c2a9e-8d4b-4c7a-9e1f-2b3c4d5e6f70',
        name: 'checkout',
        url: "https://shop.example/p?q='%22<x>",
        path: '/p',
        props: JSON.stringify(props),
        prop_keys: Object.keys(props),
        prop_values: [
          `it's "quoted" \\ back\\slash`,
          'line\nbreak\ttab\u0000nul',
          'Åäö 🚀 \u2028',
          'x',
          '1e21',
          '-0.5',
          'true',
          "'); DROP TABLE events; --",
        ],
        value: 12.5,
      },
    ]);
  });

  it('starts while the cluster is unreachable, keeps what it took in the spool, and ships it at the next start', async () => {
    const { dir, collect } = setup();
    const nowhere = `http://127.0.0.1:${await unusedPort()}/`;
    const first = await collect('late.spool', '--clickhouse', nowhere);
    const ready = await fetch(`${first.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toBe(
      `cannot write the ClickHouse cluster: cannot reach ClickHouse at ${nowhere} (ECONNREFUSED): start the server or fix --clickhouse`,
    );
    const ids = await postInOrder(first.url, 'late', 3);
    expect(await first.stop()).toBe(0);
    expect(first.output()).toMatch(/collector stopped; \d+ bytes stay in the spool and are shipped at the next start/);
    expect(readdirSync(join(dir, 'late.spool', 'events')).length).toBeGreaterThan(0);

    const second = await collect('late.spool');
    expect(await second.stop()).toBe(0);
    expect(new Set((await storedRows('late')).map((row) => row.id))).toEqual(new Set(ids));
    expect(readdirSync(join(dir, 'late.spool', 'events'))).toEqual([]);
  });

  it('keeps a line without an arrival number (a DuckDB spool) in quarantine and ships the rest', async () => {
    const { dir, collect } = setup();
    const event = storedEvent({
      id: '6a1d3b0f-9e5c-4d8b-8f2a-3c4d5e6f7081',
      site: 'mixed',
      visitorId: 'v1',
      sessionId: 's1',
    });
    const events = join(dir, 'mixed.spool', 'events');
    mkdirSync(events, { recursive: true });
    writeFileSync(
      join(events, '000000000001.ndjson'),
      numberedEventLine(event, 5n) + eventLine({ ...event, id: '7b2e4c1a-0f6d-4e9c-9a3b-4d5e6f708192' }),
    );
    const collector = await collect('mixed.spool');
    expect(await collector.stop()).toBe(0);
    expect(collector.output()).toContain(
      `1 spooled line(s) could not be read into the ClickHouse cluster; the rest is stored, and the segments are kept in ${join(dir, 'mixed.spool', 'quarantine', 'events-000000000001.ndjson')}`,
    );
    expect(await storedRows('mixed')).toEqual([
      { id: '6a1d3b0f-9e5c-4d8b-8f2a-3c4d5e6f7081', seq: '5', received_at_us: String(event.receivedAt * 1000) },
    ]);
  });

  it('a restart does not split a running visit: sessions go on from what the collector shipped', async () => {
    const { collect } = setup();
    const first = await collect('visit.spool');
    await postInOrder(first.url, 'visit', 1);
    // SIGTERM ships everything: the restart finds nothing in its spool, only in the cluster.
    expect(await first.stop()).toBe(0);
    const second = await collect('visit.spool');
    await postInOrder(second.url, 'visit', 1);
    expect(await second.stop()).toBe(0);
    const visits: { events: string; visitors: string; sessions: string }[] = [];
    for (const url of cluster.shardUrls) {
      visits.push(
        ...(await clickHouseClient(url).query<{ events: string; visitors: string; sessions: string }>(
          `SELECT toString(count()) AS events, toString(uniqExact(visitor_id)) AS visitors,
                  toString(uniqExact(session_id)) AS sessions
           FROM events_local FINAL WHERE site = 'visit'`,
        )),
      );
    }
    // Same address and browser, seconds apart: one visitor, one session, across the restart.
    expect(visits.filter((shard) => shard.events !== '0')).toEqual([{ events: '20', visitors: '1', sessions: '1' }]);
  });

  it('refuses a second collector on the same spool folder, and replay chunks, with a clear note', async () => {
    const { dir, collect } = setup();
    const running = await collect('shared.spool');
    try {
      await expect(collect('shared.spool')).rejects.toThrow(
        `the spool ${join(dir, 'shared.spool')} is in use by process ${running.process.pid}: give each collector its own --spool folder`,
      );
      const replay = await fetch(`${running.url}/api/replay?site=shop&page_id=p1&seq=0`, {
        method: 'POST',
        body: '[]',
        headers: { 'Content-Type': 'text/plain' },
      });
      expect(replay.status).toBe(403);
      expect(((await replay.json()) as { error: string }).error).toMatch(
        /^this collector ships to ClickHouse, which does not store session replays yet/,
      );
    } finally {
      expect(await running.stop()).toBe(0);
    }
  });
});
