// The maintenance commands on a real 2-shard ClickHouse cluster, run as `polku` processes:
// a DuckDB file's events move to the cluster (export + import) and come back as the same file;
// importing twice counts once; purge deletes exactly the rows it names on both shards; check names a
// stopped shard. (report and build from the cluster: clickhouse-report-command.test.ts.)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClickHouseClient, clickHouseClient } from '../../store/clickhouse/client.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';
import { storedEvent } from '../support/events.ts';
import { runPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

const T = Date.UTC(2026, 2, 1, 12, 0, 0);

let cluster: ClickHouseCluster;
let shards: ClickHouseClient[];
let clickhouse: string[];

// Every test needs the cluster: without a server they are skipped loudly (and fail under CI=true).
describeClickHouse('polku import, export, purge and check on a ClickHouse cluster', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
    shards = cluster.shardUrls.map((url) => clickHouseClient(url));
    clickhouse = ['--backend', 'clickhouse', '--clickhouse', cluster.shardUrls.join(',')];
  });
  afterAll(() => cluster?.stop());

  /** Shard 1, which holds the Distributed `events`: the cluster's whole data answers there. */
  const queries = (): ClickHouseClient => shards[0] as ClickHouseClient;

  /** A DuckDB file with these events, stored the way the collector stores them. */
  async function duckdbFile(dir: string, events: readonly StoredEvent[]): Promise<string> {
    const db = join(dir, 'source.duckdb');
    const store = await Store.open(db);
    try {
      expect(await appendEvents(store, events)).toBe(events.length);
    } finally {
      await store.close();
    }
    return db;
  }

  /** The ids of one site's events on each shard (events_local, FINAL), sorted. */
  async function idsPerShard(site: string): Promise<string[][]> {
    return Promise.all(
      shards.map(async (shard) =>
        (
          await shard.query<{ id: string }>(
            `SELECT toString(id) AS id FROM events_local FINAL WHERE site = ${sqlString(site)} ORDER BY id`,
          )
        ).map((row) => row.id),
      ),
    );
  }

  /** The shard (0-based) ClickHouse's sharding key puts a visitor on: cityHash64(visitor_id) modulo 2. */
  async function shardOf(visitor: string): Promise<number> {
    const [row] = await queries().query<{ n: string }>(`SELECT cityHash64(${sqlString(visitor)}) % 2 AS n`);
    return Number(row?.n);
  }

  /** Events of several visitors, with every column in use: props of each kind, values, text from anywhere. */
  function varietyOfEvents(site: string): StoredEvent[] {
    const events: StoredEvent[] = [];
    for (let v = 1; v <= 8; v++) {
      const visitorId = `${site}-visitor-${v}`;
      const sessionId = `${visitorId}-s1`;
      events.push(
        storedEvent({
          site,
          visitorId,
          sessionId,
          ts: T + v * 60_000,
          receivedAt: T + v * 60_000 + 250,
          path: '/products/kettle',
          url: 'https://shop.example/products/kettle?utm_source=news&utm_medium=email&utm_campaign=spring',
          utmSource: 'news',
          utmMedium: 'email',
          utmCampaign: 'spring',
          channel: 'Email',
          referrer: 'https://mail.example/inbox',
          referrerHost: 'mail.example',
          pageId: `page-${v}`,
          device: 'mobile',
          browser: 'Safari',
          os: 'iOS',
          country: 'FI',
        }),
        // Same time as the page view: arrival order (seq) breaks the tie.
        storedEvent({
          site,
          visitorId,
          sessionId,
          ts: T + v * 60_000,
          receivedAt: T + v * 60_000 + 300,
          name: 'add_to_cart',
          path: '/products/kettle',
          url: 'https://shop.example/products/kettle',
          props: { sku: 'KT-1', qty: v, gift: v % 2 === 0, price: 19.99, big: 1e21, quote: 'a "b" \\ ä 🙂' },
          value: v * 19.99,
        }),
        // Arrived before the two above (seq order is not time order).
        storedEvent({
          site,
          visitorId,
          sessionId,
          ts: T - 3_600_000 + v,
          receivedAt: T + v * 60_000 + 400,
          name: 'purchase',
          path: '/checkout/done',
          url: 'https://shop.example/checkout/done',
          props: {},
          value: 0.1 + 0.2,
        }),
      );
    }
    return events;
  }

  describe('export from DuckDB, import to the cluster, export from the cluster', () => {
    it('gives the same NDJSON file byte for byte and the same Parquet rows and types; each visitor on one shard', async () => {
      const dir = tempDir();
      const events = varietyOfEvents('trip');
      const db = await duckdbFile(dir, events);
      for (const format of ['ndjson', 'parquet'] as const) {
        const fromDuckdb = join(dir, `duckdb.${format}`);
        const fromCluster = join(dir, `cluster.${format}`);
        const exported = await runPolku(['export', '--db', db, '--format', format, '--out', fromDuckdb]);
        expect(exported).toMatchObject({ code: 0, stdout: `exported 24 events to ${fromDuckdb}\n` });

        const imported = await runPolku(['import', ...clickhouse, fromDuckdb]);
        expect(imported.stderr).toBe('');
        // The second format's file holds the same ids: nothing new.
        const counts = format === 'ndjson' ? '24 rows, 24 new' : '24 rows, 0 new, 24 already stored';
        const newCount = format === 'ndjson' ? 24 : 0;
        expect(imported).toMatchObject({
          code: 0,
          stdout: `[1/1] duckdb.${format}: ${counts}\nimported ${newCount} new events into the ClickHouse cluster at ${cluster.url}\n`,
        });

        const back = await runPolku([
          'export',
          ...clickhouse,
          '--site',
          'trip',
          '--format',
          format,
          '--out',
          fromCluster,
        ]);
        expect(back).toMatchObject({
          code: 0,
          stdout: `exported 24 events from the ClickHouse cluster at ${cluster.url} to ${fromCluster}\n`,
        });
        if (format === 'ndjson') {
          expect(readFileSync(fromCluster, 'utf8')).toBe(readFileSync(fromDuckdb, 'utf8'));
        } else {
          expect(await parquetRows(dir, fromCluster)).toEqual(await parquetRows(dir, fromDuckdb));
        }
      }

      const perShard = await idsPerShard('trip');
      expect(perShard.flat().sort()).toEqual(events.map((event) => event.id).sort());
      for (const [index, ids] of perShard.entries()) {
        const expected: string[] = [];
        for (const event of events) if ((await shardOf(event.visitorId)) === index) expected.push(event.id);
        expect(ids).toEqual(expected.sort());
        expect(ids.length).toBeGreaterThan(0);
      }
    });

    it("keeps props as DuckDB's json_extract_string reads them, in prop_keys and prop_values", async () => {
      const dir = tempDir();
      const events = varietyOfEvents('props');
      const db = await duckdbFile(dir, events);
      const file = join(dir, 'events.ndjson');
      expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', file])).code).toBe(0);
      expect((await runPolku(['import', ...clickhouse, file])).code).toBe(0);
      const store = await Store.open(db, { readOnly: true });
      const fromDuckdb = await store.query(
        `select id::varchar as id,
        coalesce(json_keys(props), []::varchar[]) as keys,
        coalesce(list_transform(json_keys(props), k -> json_extract_string(props, '$.' || k)), []::varchar[]) as vals
      from events order by 1`,
      );
      await store.close();
      const fromCluster = await queries().query<{ id: string; keys: string[]; vals: string[] }>(
        "SELECT toString(id) AS id, prop_keys AS keys, prop_values AS vals FROM events FINAL WHERE site = 'props'",
      );
      fromCluster.sort((a, b) => (a.id < b.id ? -1 : 1));
      // Plain rows carry DuckDB's lists as JSON text.
      expect(
        fromCluster.map(({ id, keys, vals }) => ({ id, keys: JSON.stringify(keys), vals: JSON.stringify(vals) })),
      ).toEqual(fromDuckdb);
      const cart = fromCluster.find((row) => row.keys.length === 6);
      expect(cart?.vals.slice(2)).toEqual([expect.stringMatching(/^(true|false)$/), '19.99', '1e21', 'a "b" \\ ä 🙂']);
    });
  });

  /** Every column of a Parquet file, with its type, as DuckDB reads it. */
  async function parquetRows(dir: string, file: string): Promise<unknown> {
    const store = await Store.open(join(dir, 'reader.duckdb'));
    try {
      const types = await store.query('select * exclude (file_name) from parquet_schema($file)', { file });
      const rows = await store.query(
        'select * replace (props::varchar as props, ts::varchar as ts, received_at::varchar as received_at) from read_parquet($file)',
        { file },
      );
      return { types, rows };
    } finally {
      await store.close();
    }
  }

  describe('import from other tools', () => {
    it('stores the same events from Snowplow, GA4 and PostHog files as the DuckDB import, with the same messages', async () => {
      const dir = tempDir();
      const db = join(dir, 'imported.duckdb');
      const files = [
        ['snowplow', 'snowplow.csv'],
        ['ga4', 'ga4.ndjson'],
        ['posthog', 'posthog.csv'],
      ] as const;
      for (const [source, name] of files) {
        const file = fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
        const intoDuckdb = await runPolku(['import', '--from', source, '--site', 'imported', '--db', db, file]);
        const intoCluster = await runPolku(['import', '--from', source, '--site', 'imported', ...clickhouse, file]);
        expect(intoCluster.stderr).toBe(intoDuckdb.stderr);
        expect(intoCluster.code).toBe(intoDuckdb.code);
        expect(intoCluster.stdout).toBe(
          intoDuckdb.stdout.replace(` into ${db}`, ` into the ClickHouse cluster at ${cluster.url}`),
        );
      }
      const fromDuckdb = join(dir, 'duckdb.ndjson');
      const fromCluster = join(dir, 'cluster.ndjson');
      expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', fromDuckdb])).code).toBe(0);
      const args = ['export', ...clickhouse, '--site', 'imported', '--format', 'ndjson', '--out', fromCluster];
      expect((await runPolku(args)).code).toBe(0);
      // Arrival order differs on purpose (DuckDB: time order; the cluster: file order): compared by id.
      const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).sort();
      expect(lines(fromCluster)).toEqual(lines(fromDuckdb));
      expect(lines(fromCluster).length).toBeGreaterThan(5);
    });
  });

  describe('import twice', () => {
    it('counts once: the second run adds nothing, ids repeated in a file are stored once, FINAL or not', async () => {
      const dir = tempDir();
      const events = varietyOfEvents('twice').slice(0, 6);
      const db = await duckdbFile(dir, events);
      const file = join(dir, 'events.ndjson');
      expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', file])).code).toBe(0);
      // The file's first line once more at its end: a repeated id.
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      writeFileSync(file, `${[...lines, lines[0]].join('\n')}\n`);

      const first = await runPolku(['import', ...clickhouse, file]);
      expect(first.stdout).toBe(
        `[1/1] events.ndjson: 7 rows, 6 new, 1 already stored\nimported 6 new events into the ClickHouse cluster at ${cluster.url}\n`,
      );
      const second = await runPolku(['import', ...clickhouse, file]);
      expect(second.stdout).toBe(
        `[1/1] events.ndjson: 7 rows, 0 new, 7 already stored\nimported 0 new events into the ClickHouse cluster at ${cluster.url}\n`,
      );
      // Not even a second physical row waits for a merge: the import did not send the known ids again.
      expect(await queries().query("SELECT count() AS n FROM events WHERE site = 'twice'")).toEqual([{ n: '6' }]);
      expect(await queries().query("SELECT count() AS n FROM events FINAL WHERE site = 'twice'")).toEqual([{ n: '6' }]);
    });
  });

  describe('purge on the cluster', () => {
    it('deletes exactly one visitor, one site, and what is past retention, on both shards, and logs no visitor id', async () => {
      const dir = tempDir();
      const kept = varietyOfEvents('keep');
      const other = varietyOfEvents('gone').slice(0, 6);
      // Retention ends 30 days before T (the purge runs now, T lies months back): these four are past it,
      // every other event of this file is not.
      const retentionDays = Math.ceil((Date.now() - T) / 86_400_000) + 30;
      const old = Array.from({ length: 4 }, (_, i) =>
        storedEvent({ site: 'keep', visitorId: `old-${i}`, sessionId: `old-${i}-s`, ts: T - 400 * 86_400_000 }),
      );
      const db = await duckdbFile(dir, [...kept, ...other, ...old]);
      const file = join(dir, 'events.ndjson');
      expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', file])).code).toBe(0);
      expect((await runPolku(['import', ...clickhouse, file])).code).toBe(0);
      const config = join(dir, 'polku.config.json');
      writeFileSync(
        config,
        JSON.stringify({
          sites: [{ id: 'keep', origins: ['https://shop.example'] }],
          retention: { events: `${retentionDays}d` },
        }),
      );
      const purged = (events: number) =>
        `purged ${events} events from 2 ClickHouse shards (retention: events ${retentionDays}d)\n`;

      const visitor = 'keep-visitor-3';
      const byVisitor = await runPolku(['purge', ...clickhouse, '--config', config, '--visitor', visitor]);
      // The visitor's 3 events and the 4 past retention.
      expect(byVisitor).toMatchObject({ code: 0, stderr: '', stdout: purged(7) });
      const left = kept.filter((event) => event.visitorId !== visitor);
      expect((await idsPerShard('keep')).flat().sort()).toEqual(left.map((event) => event.id).sort());
      expect((await idsPerShard('gone')).flat()).toHaveLength(6);

      const bySite = await runPolku(['purge', ...clickhouse, '--config', config, '--site', 'gone']);
      expect(bySite).toMatchObject({ code: 0, stderr: '', stdout: purged(6) });
      expect(await idsPerShard('gone')).toEqual([[], []]);
      const perShard = await idsPerShard('keep');
      for (const [index, ids] of perShard.entries()) {
        const expected: string[] = [];
        for (const event of left) if ((await shardOf(event.visitorId)) === index) expected.push(event.id);
        expect(ids).toEqual(expected.sort());
      }

      const again = await runPolku(['purge', ...clickhouse, '--config', config]);
      expect(again.stdout).toBe(purged(0));

      // The mutations ClickHouse keeps (and any output) carry no visitor id, only its hash.
      for (const shard of shards) {
        const mutations = await shard.query<{ command: string }>(
          "SELECT command FROM system.mutations WHERE table = 'events_local'",
        );
        expect(mutations.length).toBeGreaterThan(0);
        expect(JSON.stringify(mutations)).not.toContain(visitor);
      }
      for (const run of [byVisitor, bySite]) expect(run.stdout + run.stderr).not.toContain(visitor);
    });
  });

  describe('check on the cluster', () => {
    it('lists shards and sites when all is well, and names a stopped shard with a non-zero exit', async () => {
      const dir = tempDir();
      const db = await duckdbFile(dir, varietyOfEvents('checked').slice(0, 3));
      const file = join(dir, 'events.ndjson');
      expect((await runPolku(['export', '--db', db, '--format', 'ndjson', '--out', file])).code).toBe(0);
      expect((await runPolku(['import', ...clickhouse, file])).code).toBe(0);
      const config = join(dir, 'polku.config.json');
      writeFileSync(
        config,
        JSON.stringify({
          sites: [
            { id: 'checked', origins: ['https://shop.example'] },
            { id: 'quiet', origins: ['https://quiet.example'] },
          ],
        }),
      );
      const counts = await Promise.all(
        shards.map(async (shard) =>
          Number((await shard.query<{ n: string }>('SELECT count() AS n FROM events_local FINAL'))[0]?.n),
        ),
      );
      const sites = await queries().query<{ site: string; n: string; newest: string }>(
        'SELECT site, count() AS n, toString(max(ts_us)) AS newest FROM events FINAL GROUP BY site ORDER BY site',
      );
      const healthy = await runPolku(['check', ...clickhouse, '--config', config]);
      expect(healthy.stdout).toBe(
        [
          `shard 1 (${cluster.shardUrls[0]}): ${counts[0]} events`,
          `shard 2 (${cluster.shardUrls[1]}): ${counts[1]} events`,
          ...sites.map(
            (row) => `site "${row.site}": ${row.n} events, newest ${new Date(Number(row.newest) / 1000).toISOString()}`,
          ),
          'warning: site "quiet": has no events on the cluster',
          ...sites
            .filter((row) => row.site !== 'checked')
            .map(
              (row) =>
                `warning: site "${row.site}": has events on the cluster but is not in the config: its events are in no report`,
            ),
          `0 error(s), ${sites.length} warning(s)`,
          '',
        ].join('\n'),
      );
      expect(healthy.code).toBe(0);
      expect(sites.find((row) => row.site === 'checked')).toEqual({
        site: 'checked',
        n: '3',
        newest: String((T + 60_000) * 1000),
      });

      await cluster.stopShard(2);
      try {
        const down = await runPolku(['check', ...clickhouse, '--config', config]);
        expect(down.code).toBe(1);
        expect(down.stdout).toBe(
          [
            `error: shard 2 (${cluster.shardUrls[1]}): does not answer: start it, or fix its URL in --clickhouse`,
            '1 error(s), 0 warning(s)',
            'journeys and campaigns are checked once the cluster has no errors',
            '',
          ].join('\n'),
        );
        // The other commands refuse to start on a cluster with a shard down, naming it.
        for (const args of [
          ['export', ...clickhouse, '--out', join(dir, 'x.ndjson'), '--format', 'ndjson'],
          ['import', ...clickhouse, file],
          ['purge', ...clickhouse, '--config', config],
        ]) {
          const run = await runPolku(args);
          expect(run.code).toBe(1);
          expect(run.stderr).toBe(
            `ClickHouse shard 2 (${cluster.shardUrls[1]}) does not answer: start it (or fix its URL in --clickhouse) and run the command again\n`,
          );
        }
      } finally {
        await cluster.resume(2);
      }
    });
  });

  describe('flags', () => {
    it('says what is wrong with --backend and --clickhouse, and names a server that is down', async () => {
      const dir = tempDir();
      const cases: [string[], number, string][] = [
        [['export', '--backend', 'postgres'], 2, 'polku export: --backend "postgres": use one of duckdb, clickhouse\n'],
        [
          ['export', '--backend', 'clickhouse'],
          2,
          "polku export --backend clickhouse: name the cluster with --clickhouse URL (e.g. http://127.0.0.1:8123/; several shards' URLs comma-separated, the one holding the Distributed table first)\n",
        ],
        [
          ['purge', '--clickhouse', cluster.url],
          2,
          'polku purge: --clickhouse is only read with --backend clickhouse; add --backend clickhouse to use the cluster\n',
        ],
        [
          ['check', '--backend', 'clickhouse', '--clickhouse', 'ftp://x'],
          2,
          'polku check: --clickhouse "ftp://x" must be an http:// or https:// URL\n',
        ],
        [
          ['export', '--backend', 'clickhouse', '--clickhouse', 'not a url'],
          2,
          'polku export: --clickhouse "not a url" is not a URL: give one like http://127.0.0.1:8123/\n',
        ],
        [
          ['export', '--backend', 'clickhouse', '--clickhouse', cluster.shardUrls[0] as string],
          1,
          `cluster "polku" has 2 shard(s) but --clickhouse names 1: give every shard's HTTP URL, comma-separated, the one holding the Distributed table first\n`,
        ],
        [
          ['export', '--backend', 'clickhouse', '--clickhouse', 'http://127.0.0.1:1/', '--out', join(dir, 'x.ndjson')],
          1,
          'ClickHouse shard 1 (http://127.0.0.1:1/) does not answer: start it (or fix its URL in --clickhouse) and run the command again\n',
        ],
      ];
      for (const [args, code, stderr] of cases) {
        const run = await runPolku(args);
        expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code, stderr });
      }
    });
  });
});
