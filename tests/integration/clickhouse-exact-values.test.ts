// Every value Polku writes to a real 2-shard ClickHouse cluster (Debian's 18.16) comes back exactly:
// doubles bit for bit (18.16 parses 3.28 in JSON as 3.2800000000000002, so inserts go as RowBinary,
// store/clickhouse/insert-event-rows.ts), and hostile text byte for byte in every string column,
// through the three ways events reach the cluster: a real collector process, the collector's sink
// on a spool segment, and `polku import` (checked against a DuckDB file importing the same file).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ClickHouseClient, clickHouseClient } from '../../store/clickhouse/client.ts';
import { clickHouseEventRow, numberedEventLine } from '../../store/clickhouse/event-rows.ts';
import { sqlString } from '../../store/clickhouse/literal.ts';
import { clickHouseColumns } from '../../store/clickhouse/schema.ts';
import { ClickHouseSink } from '../../store/clickhouse/sink.ts';
import { Store, type StoredEvent } from '../../store/index.ts';
import { type ClickHouseCluster, describeClickHouse, startClickHouseCluster } from '../support/clickhouse-cluster.ts';
import { CHROME_UA } from '../support/collector.ts';
import { storedEvent } from '../support/events.ts';
import { runPolku, startPolku } from '../support/polku-process.ts';
import { appendEvents } from '../support/seed-events.ts';
import { tempDir } from '../support/temp.ts';

/**
 * Doubles a decimal float parser gets wrong or refuses: 18.16 stores the first three one bit off from
 * JSON, and 5e-324 (the smallest subnormal) as 0; the rest are the edges of the format.
 */
const AWKWARD = [
  3.28,
  1.39,
  1.82,
  0.1 + 0.2,
  1e-300,
  5e-324,
  -2.5e-310,
  2 ** 53 + 2,
  // biome-ignore lint/correctness/noPrecisionLoss: more digits than a double holds, on purpose; the nearest double must arrive.
  123456789.123456789,
  1.7976931348623157e308,
  -7.1e-7,
];

/** Every character class that breaks text formats: quotes, backslashes, NUL and controls, 2-, 3- and 4-byte UTF-8. */
const HOSTILE = `it's "q" \\ \\\\n \u0000nul \u0001\u001f\u007f\n\r\t Åäö € \u2028\u2029 🚀𝄞 '); DROP TABLE events; --`;

/** The same kinds in a name's 64 characters (an import refuses longer event names). */
const SHORT_HOSTILE = `'"\\ \u0000\u001f\n\t é€ 🚀𝄞`;

/** The IEEE bits of a double, as the decimal text ClickHouse gives for reinterpretAsUInt64. */
function bitsOf(value: number): string {
  const bytes = Buffer.alloc(8);
  bytes.writeDoubleLE(value);
  return bytes.readBigUInt64LE().toString();
}

/** SELECT list for a value's bits on the server, not through any float printer or parser. */
const VALUE_BITS = 'toString(reinterpretAsUInt64(reinterpretAsString(value))) AS bits';

let cluster: ClickHouseCluster;
let shards: ClickHouseClient[];

/** One site's rows as reads see them (FINAL), from the Distributed table, in arrival order. */
async function siteRows(site: string, select: string): Promise<Record<string, unknown>[]> {
  return (shards[0] as ClickHouseClient).query(
    `SELECT ${select} FROM events FINAL WHERE site = ${sqlString(site)} ORDER BY seq`,
  );
}

/** Checks each row's value is exactly the expected double: Object.is on the parsed JSON, and the bits. */
function expectExactValues(rows: Record<string, unknown>[], expected: readonly number[]) {
  expect(rows.length).toBe(expected.length);
  for (const [index, row] of rows.entries()) {
    const want = expected[index] as number;
    expect({ index, value: row.value, bits: row.bits }).toEqual({ index, value: want, bits: bitsOf(want) });
    expect(Object.is(row.value, want), `row ${index}: ${row.value} is not ${want}`).toBe(true);
  }
}

describeClickHouse('exact values on a ClickHouse cluster', () => {
  beforeAll(async () => {
    cluster = await startClickHouseCluster();
    shards = cluster.shardUrls.map((url) => clickHouseClient(url));
  }, 120_000);
  afterAll(() => cluster?.stop());

  it('a collector stores the acknowledged doubles bit for bit (-0 as the +0 its spool line holds, as DuckDB does)', async () => {
    const dir = tempDir();
    const config = join(dir, 'polku.config.json');
    writeFileSync(config, JSON.stringify({ sites: [{ id: 'values', origins: ['https://shop.example'] }] }));
    const collector = await startPolku([
      'collect',
      '--backend',
      'clickhouse',
      '--clickhouse',
      cluster.shardUrls.join(','),
      '--config',
      config,
      '--spool',
      join(dir, 'spool'),
      '--port',
      '0',
      '--rate-limit',
      '0',
    ]);
    const sent = [...AWKWARD, -0];
    // Hand-written JSON: JSON.stringify would send -0 as 0.
    const events = sent.map(
      (value, index) =>
        `{"id":"00000000-0000-4000-8000-${String(index).padStart(12, '0')}","name":"buy","url":"https://shop.example/","value":${Object.is(value, -0) ? '-0' : JSON.stringify(value)}}`,
    );
    const response = await fetch(`${collector.url}/api/events`, {
      method: 'POST',
      body: `{"site":"values","events":[${events.join(',')}]}`,
      headers: { 'Content-Type': 'text/plain', 'User-Agent': CHROME_UA },
    });
    expect(response.status).toBe(202);
    expect(await collector.stop()).toBe(0);
    const rows = await siteRows('values', `toString(id) AS id, value, ${VALUE_BITS}`);
    expect(rows.map((row) => row.id)).toEqual(
      sent.map((_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
    );
    // The spool line is JSON (JSON.stringify(-0) is "0"): both backends store the -0 a client sent as 0.
    expectExactValues(rows, [...AWKWARD, 0]);
  });

  it('the sink stores hostile text in every string column byte for byte, and re-shipping a segment changes nothing', async () => {
    const dir = tempDir();
    const site = `site ${HOSTILE}`;
    const hostile: StoredEvent = storedEvent({
      id: 'ABCDEF01-2345-4678-9abc-def012345678', // upper case: ClickHouse gives it back in lower case
      site,
      name: HOSTILE,
      url: HOSTILE,
      path: HOSTILE,
      hostname: HOSTILE,
      referrer: HOSTILE,
      referrerHost: HOSTILE,
      utmSource: HOSTILE,
      utmMedium: HOSTILE,
      utmCampaign: HOSTILE,
      utmTerm: HOSTILE,
      utmContent: HOSTILE,
      channel: HOSTILE,
      visitorId: HOSTILE,
      sessionId: HOSTILE,
      pageId: HOSTILE,
      device: HOSTILE,
      browser: HOSTILE,
      os: HOSTILE,
      country: HOSTILE,
      props: { [HOSTILE]: HOSTILE, n: 3.28, [`${HOSTILE}2`]: true },
      value: 3.28,
    });
    const others = AWKWARD.map((value, index) =>
      storedEvent({ site, visitorId: `v${index}`, value, ts: Date.UTC(2026, 2, 1) + index }),
    );
    const withNulls = storedEvent({ site, visitorId: 'nulls', value: null });
    const events = [hostile, ...others, withNulls];
    const firstSeq = 2n ** 62n + 1n; // beyond 2^53: seq must stay exact too
    const segment = join(dir, 'segment.ndjson');
    writeFileSync(segment, events.map((event, index) => numberedEventLine(event, firstSeq + BigInt(index))).join(''));

    const sink = await ClickHouseSink.open(shards);
    expect(await sink.loadSpooled([segment], events.length, [])).toEqual({
      events: events.length,
      replays: 0,
      unreadable: 0,
    });
    // A segment shipped again (its answer lost) collapses into the same rows.
    expect(await sink.loadSpooled([segment], events.length, [])).toEqual({
      events: events.length,
      replays: 0,
      unreadable: 0,
    });
    await sink.close();

    const columns = clickHouseColumns().map((column) =>
      ['UUID', 'UInt64', 'Int64'].includes(column.type) ? `toString(${column.name}) AS ${column.name}` : column.name,
    );
    const rows = await siteRows(site, `${columns.join(', ')}, ${VALUE_BITS}`);
    const expected = events.map((event, index) => {
      const row = clickHouseEventRow(event, firstSeq + BigInt(index));
      return {
        ...Object.fromEntries(
          Object.entries(row).map(([name, value]) => [
            name,
            typeof value === 'bigint' || name.endsWith('_us') ? String(value) : value,
          ]),
        ),
        id: event.id.toLowerCase(),
        bits: event.value === null ? null : bitsOf(event.value),
      };
    });
    expect(rows).toEqual(expected);
    expect(rows[0]).toMatchObject({ url: HOSTILE, visitor_id: HOSTILE, prop_keys: [HOSTILE, 'n', `${HOSTILE}2`] });
    expect(rows[0]?.prop_values).toEqual([HOSTILE, '3.28', 'true']);
    expectExactValues(rows.slice(1, -1), AWKWARD);
    // Physical rows: the second shipping wrote a second copy that FINAL collapses, nothing more.
    const [physical] = await (shards[0] as ClickHouseClient).query<{ n: string }>(
      `SELECT count() AS n FROM events WHERE site = ${sqlString(site)}`,
    );
    expect(Number(physical?.n)).toBeLessThanOrEqual(2 * events.length);
  });

  it('polku import stores the doubles and texts of a file as the DuckDB import does: the exports are the same bytes', async () => {
    const dir = tempDir();
    const events = [
      storedEvent({
        site: 'imported',
        // Before the others: the DuckDB import numbers a file's rows in time order, the cluster's in file order.
        ts: Date.UTC(2026, 1, 28),
        name: SHORT_HOSTILE,
        url: `https://shop.example/p?q='"\\<x>`,
        visitorId: HOSTILE,
        sessionId: HOSTILE,
        utmSource: HOSTILE,
        utmCampaign: HOSTILE,
        pageId: SHORT_HOSTILE,
        props: { [HOSTILE]: HOSTILE },
        value: 1.39,
      }),
      ...AWKWARD.map((value, index) =>
        storedEvent({ site: 'imported', visitorId: `v${index}`, value, ts: Date.UTC(2026, 2, 1) + index }),
      ),
    ];
    const source = join(dir, 'source.duckdb');
    const store = await Store.open(source);
    try {
      expect(await appendEvents(store, events)).toBe(events.length);
    } finally {
      await store.close();
    }
    const file = join(dir, 'events.ndjson');
    expect((await runPolku(['export', '--db', source, '--format', 'ndjson', '--out', file])).code).toBe(0);
    // A file may hold -0 (another tool's export): add one, and compare with what DuckDB makes of it.
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const negativeZero = JSON.parse(lines.at(-1) as string) as Record<string, unknown>;
    lines.push(
      JSON.stringify({ ...negativeZero, id: 'fedcba98-7654-4321-8fed-cba987654321' }).replace(
        /"value":[^,}]+/,
        '"value":-0.0',
      ),
    );
    writeFileSync(file, `${lines.join('\n')}\n`);

    const clickhouse = ['--backend', 'clickhouse', '--clickhouse', cluster.shardUrls.join(',')];
    const intoCluster = await runPolku(['import', ...clickhouse, file]);
    expect(intoCluster).toMatchObject({ code: 0, stderr: '' });
    const duckdb = join(dir, 'imported.duckdb');
    expect(await runPolku(['import', '--db', duckdb, file])).toMatchObject({ code: 0, stderr: '' });

    const fromCluster = join(dir, 'cluster.ndjson');
    const fromDuckdb = join(dir, 'duckdb.ndjson');
    expect(
      (await runPolku(['export', ...clickhouse, '--site', 'imported', '--format', 'ndjson', '--out', fromCluster]))
        .code,
    ).toBe(0);
    expect((await runPolku(['export', '--db', duckdb, '--format', 'ndjson', '--out', fromDuckdb])).code).toBe(0);
    const exported = readFileSync(fromCluster, 'utf8');
    expect(exported).toBe(readFileSync(fromDuckdb, 'utf8'));

    const values = exported
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as { value: number }).value);
    expect(values.length).toBe(events.length + 1);
    expect(values.slice(0, -1).every((value, index) => Object.is(value, events[index]?.value))).toBe(true);
    const rows = await siteRows('imported', `toString(id) AS id, value, ${VALUE_BITS}`);
    expectExactValues(rows, [...events.map((event) => event.value as number), -0]);
    expect(rows[0]).toBeDefined();
  });
});
