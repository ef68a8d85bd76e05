/**
 * Time and arrival order packed into one sortable HUGEINT, `us · 2^64 + seq`, so that one comparison
 * (or one ASOF join, one `min`) orders events by (ts, seq). Unpacked with a shift and a mask: HUGEINT
 * `//` and `%` cost about 20× more and were a visible share of the funnel queries. (seq is never
 * negative; times before 1970 unpack correctly too, the shift being a floor division.)
 */
export const ORDER_KEY = 'us::hugeint * 18446744073709551616 + seq';

/** Epoch microseconds of a packed key. */
export function keyUs(key: string): string {
  return `(${key} >> 64)::bigint`;
}

/** Arrival order (`seq`) of a packed key. */
export function keySeq(key: string): string {
  return `(${key} & 18446744073709551615)::bigint`;
}

/**
 * A HUGEINT that ranks attempts by level, then by start, earliest first: `arg_max(…, this)` picks a
 * unit's best attempt without a row number (one window sort less). Keys stay below 2^120 in
 * magnitude for any time before the year 4000, and levels are at most 20.
 */
export function levelThenEarliest(level: string, key: string): string {
  return `(${level})::hugeint * 1329227995784915872903807060280344576 - ${key}`;
}
