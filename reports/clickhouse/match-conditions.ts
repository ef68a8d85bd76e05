import { sqlString } from '../../store/clickhouse/literal.ts';
import { globToRegex } from '../glob.ts';
import type { EventMatcher } from '../step-match.ts';

/**
 * The pattern for ClickHouse's `match()` that accepts exactly the paths DuckDB's
 * `regexp_full_match(path, globToRegex(glob))` accepts. Both use RE2, but:
 * - `match()` finds a substring, so the pattern is anchored (`^(?:…)$`; `$` is the end of the text);
 * - ClickHouse compiles with `.` matching a newline, DuckDB without: the one unescaped `.` that
 *   globToRegex writes (for `**`) becomes `[^\n]`;
 * - a pattern may not hold a NUL byte in ClickHouse: it is written as the escape `\x00`.
 * Every other character is copied as globToRegex escaped it.
 */
export function clickHouseFullMatchPattern(glob: string): string {
  const regex = globToRegex(glob);
  let pattern = '';
  for (let i = 0; i < regex.length; i++) {
    const char = regex[i] as string;
    if (char === '\\' && i + 1 < regex.length) {
      pattern += char + regex[i + 1];
      i++;
    } else if (char === '.') pattern += '[^\\n]';
    else if (char === '\u0000') pattern += '\\x00';
    else pattern += char;
  }
  return `^(?:${pattern})$`;
}

/**
 * ClickHouse condition (0 or 1, never null) for "this event matches this step or exclusion", over
 * the columns of one `events` row. The same rules as reports/step-match.ts: a page glob on page views,
 * an event name, and property filters on the values DuckDB's json_extract_string gives (which the
 * schema keeps in `prop_keys`/`prop_values`). Every value is a literal from store/clickhouse/literal.ts.
 */
export function clickHouseMatchCondition(matcher: EventMatcher): string {
  const conditions: string[] = [];
  if (matcher.page !== undefined) {
    conditions.push(`name = 'pageview'`, `match(path, ${sqlString(clickHouseFullMatchPattern(matcher.page))})`);
  }
  if (matcher.event !== undefined) conditions.push(`name = ${sqlString(matcher.event)}`);
  for (const [key, value] of Object.entries(matcher.props ?? {})) {
    conditions.push(
      `arrayExists((k, v) -> k = ${sqlString(key)} AND v = ${sqlString(String(value))}, prop_keys, prop_values)`,
    );
  }
  // `path` is nullable (server events): a null comparison counts as no match.
  return conditions.length === 0 ? '0' : `ifNull(${conditions.join(' AND ')}, 0)`;
}
