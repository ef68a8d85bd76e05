// A stored event as the ClickHouse row: times in µs, seq exact past 2^53, props as text and as the
// key/value arrays DuckDB's json_extract_string would give (the integration test compares with DuckDB).
import { describe, expect, it } from 'vitest';
import { clickHouseEventLine, propsColumns } from '../../store/clickhouse/event-rows.ts';
import { clickHouseColumns } from '../../store/clickhouse/schema.ts';
import { storedEvent } from '../support/events.ts';

describe('clickHouseEventLine', () => {
  it("writes every ClickHouse column once, in the schema's order, with exact integers", () => {
    const event = storedEvent({
      id: '0b7c1a52-7f3e-4c36-9a52-2f0f8c1d4e11',
      ts: Date.UTC(2026, 2, 1, 12, 0, 0, 123),
      receivedAt: Date.UTC(2026, 2, 1, 12, 0, 1),
      props: { plan: 'pro', seats: 3 },
      value: 49.5,
    });
    const line = clickHouseEventLine(event, 9_007_199_254_740_993n);
    expect(line.endsWith('}\n')).toBe(true);
    expect(line).toContain('"seq":9007199254740993,');
    const row = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(clickHouseColumns().map((column) => column.name));
    expect(row).toMatchObject({
      id: '0b7c1a52-7f3e-4c36-9a52-2f0f8c1d4e11',
      ts_us: 1_772_366_400_123_000,
      received_at_us: 1_772_366_401_000_000,
      referrer: null,
      props: '{"plan":"pro","seats":3}',
      prop_keys: ['plan', 'seats'],
      prop_values: ['pro', '3'],
      value: 49.5,
    });
  });
});

describe('propsColumns', () => {
  it('writes numbers as yyjson does, booleans as words, nested values as JSON, and leaves nulls to the text', () => {
    const props = { a: 1e21, b: 1.5e-7, c: true, d: 'x"y', e: 0.1 + 0.2, f: null, g: { h: 1 } } as never;
    expect(propsColumns(props)).toEqual({
      props: '{"a":1e+21,"b":1.5e-7,"c":true,"d":"x\\"y","e":0.30000000000000004,"f":null,"g":{"h":1}}',
      prop_keys: ['a', 'b', 'c', 'd', 'e', 'g'],
      prop_values: ['1e21', '1.5e-7', 'true', 'x"y', '0.30000000000000004', '{"h":1}'],
    });
  });

  it('keeps "no props" apart from empty props', () => {
    expect(propsColumns(null)).toEqual({ props: '', prop_keys: [], prop_values: [] });
    expect(propsColumns({})).toEqual({ props: '{}', prop_keys: [], prop_values: [] });
  });
});
