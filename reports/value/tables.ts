/**
 * Temporary table: the events whose value counts, one row per (rule, event) with its amount, the
 * event's `seq`, its session by number (store/unit-numbers.ts: joined by one integer, not by the
 * session's text id and site) and its visitor id.
 * A rule is `revenue` (the config's `revenue` definition), `journey:<id>` (that journey's last
 * step) or `journeys` (the last step of any journey, each event once). Only conversion events carry value here, so a value also sent with `add_to_cart` or
 * `begin_checkout` is never added to the purchase's; and an event is one row per rule, so within a
 * rule no event counts twice. Built by value/conversion-values.ts.
 */
export const CONVERSION_VALUES = 'conversion_values';
/** Temporary table: the rule whose events make each campaign's value (campaigns without one have no row). */
export const CAMPAIGN_VALUE_RULES = 'campaign_value_rules';

/**
 * Value amounts are added as whole millionths of the currency unit, exactly (integers), and the sum
 * divided once at the end: a float sum's last bits depend on the order it adds in, which differs
 * between threads, runs and engines (DuckDB, ClickHouse), while an integer sum does not. A millionth
 * is finer than any currency; an amount beyond ±10^12 (or not a number) is no real value and counts
 * as 0, so the integers always fit. Report engines that sum value use the same expressions.
 */
export const VALUE_UNITS = 1_000_000;
export const MAX_COUNTED_AMOUNT = 1e12;

/** DuckDB: an amount as whole millionths (BIGINT), 0 when it is out of range. */
export function valueUnitsSql(amount: string): string {
  return `(case when abs(${amount}) <= ${MAX_COUNTED_AMOUNT} then floor(${amount} * ${VALUE_UNITS} + 0.5)::bigint else 0 end)`;
}

/** DuckDB: the exact sum of amounts (valueUnitsSql), as a double. */
export function valueSumSql(amount: string): string {
  return `(sum(${valueUnitsSql(amount)}) / ${VALUE_UNITS})`;
}
