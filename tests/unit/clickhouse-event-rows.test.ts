// The ClickHouse collector's spool line and the JSONEachRow row made from it (store/clickhouse/
// event-rows.ts): times in µs, props as JSON text plus keys and the values DuckDB's
// json_extract_string gives, the arrival number carried as exact text.
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { eventRow, eventRowOfLine, numberedEventLine, SpoolLineError } from '../../store/clickhouse/event-rows.ts';
import { clickHouseColumns } from '../../store/clickhouse/schema.ts';
import type { StoredEvent } from '../../store/index.ts';
import { storedEvent } from '../support/events.ts';

const TS = Date.UTC(2026, 2, 1, 12, 0, 0, 123);

const event: StoredEvent = storedEvent({
  id: '0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f',
  ts: TS,
  receivedAt: TS + 5_000,
  name: 'add_to_cart',
  url: 'https://shop.example/products/lamp',
  path: '/products/lamp',
  visitorId: 'v1',
  sessionId: 's1',
  pageId: 'p1',
  device: 'desktop',
  browser: 'Chrome',
  os: 'Linux',
  value: 240.5,
});

/** Props a client may send (flat strings, numbers, booleans), chosen to break naive quoting. */
const HOSTILE_PROPS = {
  quote: `it's "quoted" \\ back\\slash`,
  newline: 'line\nbreak\ttab\u0000nul',
  unicode: 'Åäö 🚀 \u2028',
  'key with \' and " and .dot': 'x',
  '': 'empty key',
  emptyValue: '',
  int: 2,
  negative: -0.5,
  big: 1e21,
  tiny: 1e-7,
  yes: true,
  no: false,
  looksLikeNumber: '007',
  sql: "'); DROP TABLE events; --",
};

describe('ClickHouse event rows', () => {
  it('puts the arrival number in front of the DuckDB spool line, as exact text', () => {
    const seq = 9_007_199_254_740_993n; // 2^53 + 1: a JavaScript number would round it
    const line = numberedEventLine(event, seq);
    expect(line.startsWith('{"seq":9007199254740993,"id":"0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f","ts":')).toBe(true);
    expect(line.endsWith('}\n')).toBe(true);
    expect(eventRowOfLine(line)).toMatch(/^\{"seq":9007199254740993,/);
  });

  it('makes the exact row: times in µs, every column of the schema, props empty text when there are none', () => {
    const row = eventRow(event, 42n);
    expect(row).toBe(
      '{"seq":42,"id":"0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f","ts_us":1772366400123000,' +
        '"received_at_us":1772366405123000,"site":"shop","name":"add_to_cart",' +
        '"url":"https://shop.example/products/lamp","path":"/products/lamp","hostname":"shop.example",' +
        '"referrer":null,"referrer_host":null,"utm_source":null,"utm_medium":null,"utm_campaign":null,' +
        '"utm_term":null,"utm_content":null,"channel":"Direct","visitor_id":"v1","session_id":"s1",' +
        '"page_id":"p1","device":"desktop","browser":"Chrome","os":"Linux","country":null,' +
        '"props":"","prop_keys":[],"prop_values":[],"value":240.5}',
    );
    // Every ClickHouse column is there, and nothing else.
    expect(Object.keys(JSON.parse(row)).sort()).toEqual(
      clickHouseColumns()
        .map((c) => c.name)
        .sort(),
    );
  });

  it('keeps hostile props as their JSON text, with the keys and the values json_extract_string gives', () => {
    const row = JSON.parse(eventRow({ ...event, props: HOSTILE_PROPS }, 1n)) as Record<string, unknown>;
    expect(row.props).toBe(JSON.stringify(HOSTILE_PROPS));
    expect(row.prop_keys).toEqual(Object.keys(HOSTILE_PROPS));
    expect(row.prop_values).toEqual([
      `it's "quoted" \\ back\\slash`,
      'line\nbreak\ttab\u0000nul',
      'Åäö 🚀 \u2028',
      'x',
      'empty key',
      '',
      '2',
      '-0.5',
      '1e21', // JavaScript writes 1e+21, DuckDB 1e21
      '1e-7',
      'true',
      'false',
      '007',
      "'); DROP TABLE events; --",
    ]);
  });

  it('gives for each prop exactly what DuckDB json_extract_string returns from the same JSON text', async () => {
    const row = JSON.parse(eventRow({ ...event, props: HOSTILE_PROPS }, 1n)) as {
      props: string;
      prop_keys: string[];
      prop_values: string[];
    };
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const fromDuckDb: string[] = [];
      // DuckDB has no path for the empty key (the protocol refuses one: z.string().min(1)).
      const keys = row.prop_keys.filter((key) => key !== '');
      for (const key of keys) {
        // The path quoting reports/step-match.ts uses.
        const reader = await connection.runAndReadAll('select json_extract_string($props::json, $path) as v', {
          props: row.props,
          path: `$."${key.replace(/["\\]/g, '\\$&')}"`,
        });
        fromDuckDb.push(String(reader.getRowObjectsJS()[0]?.v));
      }
      expect(keys.map((key) => row.prop_values[row.prop_keys.indexOf(key)])).toEqual(fromDuckDb);
      expect(keys.length).toBe(row.prop_keys.length - 1);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('leaves out a JSON null prop (json_extract_string gives NULL: nothing to match)', () => {
    const line = numberedEventLine(event, 7n).replace('"props":null', '"props":{"a":null,"b":"x"}');
    const row = JSON.parse(eventRowOfLine(line)) as Record<string, unknown>;
    expect([row.props, row.prop_keys, row.prop_values]).toEqual(['{"a":null,"b":"x"}', ['b'], ['x']]);
  });

  it('refuses lines it cannot make a row of, saying why', () => {
    const line = numberedEventLine(event, 7n);
    const cases: [string, string][] = [
      [
        line.replace('{"seq":7,', '{'),
        'the line has no arrival number ("seq"): it was not spooled by a ClickHouse collector',
      ],
      [line.slice(0, 40), 'the line is not JSON'],
      [line.replace('"id":"0b9d6c1e-5f1a-4a51-9f0e-6a2f3c4d5e6f"', '"id":"x"'), '"id" is not a UUID'],
      [line.replace('"site":"shop"', '"site":null'), '"site" is missing'],
      [line.replace(`"ts":${TS}`, `"ts":${TS}.5`), '"ts" is not whole epoch milliseconds'],
      [line.replace('"path":"/products/lamp"', '"path":5'), '"path" is not text'],
      [line.replace('"value":240.5', '"value":"240"'), '"value" is not a number'],
      [line.replace('"props":null', '"props":[1]'), '"props" is not a JSON object'],
    ];
    for (const [bad, message] of cases) {
      expect(() => eventRowOfLine(bad)).toThrow(new SpoolLineError(message));
    }
  });
});
