import { sqlBigInt, sqlString } from '../../../store/clickhouse/literal.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { rangeMicros } from '../funnel/journey-source.ts';
import type { ClickHouseReportRun } from '../run-tables.ts';

/**
 * The `feedback` events of counted units, as DuckDB's npsByStep and commentsByStep read them: each
 * event joined to the units it belongs to (a session unit by its session, a visitor unit by its
 * visitor, on the journey's site), within the report range, attributed to the furthest step the unit
 * had reached when it was sent (`step`, 0 before step 1). The props are read as DuckDB reads them:
 *
 * - `json_extract_string(props, '$.k')` is the schema's `prop_values` entry for `k` (absent, or null
 *   in the JSON: not in `prop_keys`);
 * - `json_type(props, '$.k') = 'VARCHAR'` is read from the props text (JSON.stringify's, so no spaces
 *   and keys written plainly): its tokens, found by a regex, with their object/array depth; `k` is a
 *   string when the top-level key token `"k"` (depth 1, followed by `:`) is followed by a string
 *   token. Depth matters: an imported event's nested `{"k":"…"}` does not make a top-level number a string.
 *
 * Returns a FROM … JOIN clause over the run's Distributed `journey_units` (the join runs on each
 * shard: a unit's events are on its shard) with the event columns `at_us`, `id`, `props`,
 * `prop_keys`, `prop_values`, and `where` (conditions on the events alone, like "has a score").
 */
export function feedbackEventsJoin(run: ClickHouseReportRun, range: ReportRange, where: readonly string[]): string {
  const conditions = ["name = 'feedback'", ...where];
  if (range.from !== undefined) conditions.push(`ts_us >= ${sqlBigInt(rangeMicros(range.from, 'from'))}`);
  if (range.to !== undefined) conditions.push(`ts_us < ${sqlBigInt(rangeMicros(range.to, 'to'))}`);
  return `${run.distributed('journey_units')}
    ALL INNER JOIN (
      SELECT journey_index, site, if(unit_kind = 'session', session_id, visitor_id) AS unit,
        at_us, id, props, prop_keys, prop_values
      FROM (
        SELECT site, session_id, visitor_id, ts_us AS at_us, toString(id) AS id, props, prop_keys, prop_values
        FROM events_local FINAL
        WHERE ${conditions.join(' AND ')}
      ) AS feedback ALL INNER JOIN (SELECT journey_index, site, unit_kind FROM ${run.local('journey_list')}) AS journeys USING site
    ) AS feedback_units USING (journey_index, site, unit)`;
}

/**
 * The step a feedback row belongs to: how many of the unit's steps it had reached by then. `at_us` is
 * passed to the lambda as an array: 18.16 does not fetch a joined column named only inside a lambda.
 */
export const FEEDBACK_STEP =
  'arrayCount((t, at) -> t <= at, reached_us, arrayResize(emptyArrayInt64(), length(reached_us), at_us))';

/** `json_extract_string(props, '$.key')`, '' when absent (callers check `has(prop_keys, key)`). */
export function propText(key: string): string {
  return `prop_values[indexOf(prop_keys, ${sqlString(key)})]`;
}

/** JSON text tokens: a string (with its escapes), one structural character, or a bare scalar. */
const JSON_TOKEN = String.raw`"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^{}\[\]:,"]+`;

/** `json_type(props, '$.key') = 'VARCHAR'`, from the props text (see feedbackEventsJoin). */
export function propIsString(key: string): string {
  const keyToken = sqlString(JSON.stringify(key));
  const next = (skip: number) => `arraySlice(arrayConcat(tokens, ['', '']), ${skip + 1}, length(tokens))`;
  const depths = `arrayCumSum(arrayMap(t -> multiIf(t = '{' OR t = '[', 1, t = '}' OR t = ']', -1, 0), tokens))`;
  return `arrayMap(tokens -> arrayExists((t, depth, colon, value) -> t = ${keyToken} AND depth = 1 AND colon = ':' AND substring(value, 1, 1) = '"',
      tokens, ${depths}, ${next(1)}, ${next(2)}), [extractAll(props, ${sqlString(JSON_TOKEN)})])[1]`;
}

/**
 * DuckDB's `trim()`: it strips the Unicode space separators (category Zs) from both ends, and
 * nothing else (not tabs or line breaks). ClickHouse's regexes are UTF-8, so `\x{…}` is a code point.
 */
export function trimSpacesSql(text: string): string {
  const zs = String.raw`[ \x{A0}\x{1680}\x{2000}-\x{200A}\x{202F}\x{205F}\x{3000}]`;
  return `replaceRegexpAll(${text}, ${sqlString(`^${zs}+|${zs}+$`)}, '')`;
}
