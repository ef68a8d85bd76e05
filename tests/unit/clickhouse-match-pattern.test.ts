import { describe, expect, it } from 'vitest';
import { clickHouseFullMatchPattern, clickHouseMatchCondition } from '../../reports/clickhouse/match-conditions.ts';

// The ClickHouse side of a step matcher, as text; that it matches what DuckDB matches is checked on a
// real cluster in tests/integration/clickhouse-hostile-funnels.test.ts.
describe('clickHouseFullMatchPattern', () => {
  it('anchors the glob regex and keeps `**` from crossing a newline, as DuckDB`s `.` does not', () => {
    expect(clickHouseFullMatchPattern('/products/*')).toBe('^(?:/products/[^/]*)$');
    expect(clickHouseFullMatchPattern('/docs/**')).toBe('^(?:/docs/[^\\n]*)$');
    expect(clickHouseFullMatchPattern('/a?.html')).toBe('^(?:/a[^/]\\.html)$');
  });

  it('keeps escapes as escapes and writes a NUL byte as \\x00', () => {
    expect(clickHouseFullMatchPattern('/\\.*')).toBe('^(?:/\\\\\\.[^/]*)$');
    expect(clickHouseFullMatchPattern('/a\u0000b')).toBe('^(?:/a\\x00b)$');
    expect(clickHouseFullMatchPattern('/(x)|[y]$')).toBe('^(?:/\\(x\\)\\|\\[y\\]\\$)$');
  });
});

describe('clickHouseMatchCondition', () => {
  it('writes every value as an escaped literal', () => {
    expect(clickHouseMatchCondition({ event: "it's", props: { "k'": 'v\\' } })).toBe(
      "ifNull(name = 'it\\'s' AND arrayExists((k, v) -> k = 'k\\'' AND v = 'v\\\\', prop_keys, prop_values), 0)",
    );
  });
});
