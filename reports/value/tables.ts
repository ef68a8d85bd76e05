/**
 * Temporary table: the events whose value counts, one row per (rule, event) with its amount.
 * A rule is `revenue` (the config's `revenue` definition), `journey:<id>` (that journey's last
 * step) or `journeys` (the last step of any journey, each event once). Only conversion events carry value here, so a value also sent with `add_to_cart` or
 * `begin_checkout` is never added to the purchase's; and an event is one row per rule, so within a
 * rule no event counts twice. Built by value/conversion-values.ts.
 */
export const CONVERSION_VALUES = 'conversion_values';
/** Temporary table: the rule whose events make each campaign's value (campaigns without one have no row). */
export const CAMPAIGN_VALUE_RULES = 'campaign_value_rules';
