/**
 * The columns of a ClickHouse report run's tables (run-tables.ts): the same content as the DuckDB
 * report's temporary tables of the same names, with times as Int64 epoch microseconds (`_us`) as in
 * `events`, and a `visitor_id` in every per-unit table (its sharding key).
 *
 * The contract between the stages that fill these tables and the metric queries that read them:
 * a metric query written against them gives the same rows as its DuckDB original.
 */
import type { RunColumn } from './run-tables.ts';

/** Replicated: one row per configured journey; `journey_index` is its place in the config. */
export const JOURNEY_LIST_COLUMNS: readonly RunColumn[] = [
  ['journey_index', 'UInt32'],
  ['journey', 'String'],
  ['site', 'String'],
  ['unit_kind', 'String'],
  ['steps', 'UInt32'],
];

/** Per unit: one row per (journey, counted unit), as reports/funnel/unit-result.ts describes. */
export const JOURNEY_UNITS_COLUMNS: readonly RunColumn[] = [
  ['journey_index', 'UInt32'],
  ['visitor_id', 'String'],
  ['site', 'String'],
  ['unit', 'String'],
  ['level', 'UInt32'],
  ['reached_us', 'Array(Int64)'],
  ['last_us', 'Int64'],
  ['last_seq', 'Int64'],
  /** The session of the last step; for a session unit, the unit itself. */
  ['last_session', 'String'],
  ['convert_us', 'Nullable(Int64)'],
];

/** Per session in the range, described by its first event (reports/session-facts.ts). */
export const SESSION_FACTS_COLUMNS: readonly RunColumn[] = [
  ['session_id', 'String'],
  ['site', 'String'],
  ['visitor_id', 'String'],
  ['started_us', 'Int64'],
  ['ended_us', 'Int64'],
  ['campaign', 'Nullable(String)'],
  ['campaign_raw', 'Nullable(String)'],
  ['source', 'Nullable(String)'],
  ['medium', 'Nullable(String)'],
  ['content', 'Nullable(String)'],
  ['term', 'Nullable(String)'],
  ['channel', 'String'],
  ['device', 'String'],
  ['country', 'String'],
  ['landing_page', 'Nullable(String)'],
  ['pageviews', 'UInt32'],
  ['events', 'UInt32'],
];

/** Per unit: a journey unit's level and its traffic source and context (reports/unit-dimensions.ts). */
export const UNIT_DIMENSIONS_COLUMNS: readonly RunColumn[] = [
  ['journey_index', 'UInt32'],
  ['visitor_id', 'String'],
  ['unit', 'String'],
  ['level', 'UInt32'],
  ['steps', 'UInt32'],
  ['started_us', 'Int64'],
  ['channel', 'String'],
  ['campaign', 'String'],
  ['source_medium', 'String'],
  ['device', 'String'],
  ['landing_page', 'String'],
  ['country', 'String'],
];

/** Per event that carries value, one row per rule (reports/value/tables.ts). */
export const CONVERSION_VALUES_COLUMNS: readonly RunColumn[] = [
  ['rule', 'String'],
  ['id', 'String'],
  ['session_id', 'String'],
  ['site', 'String'],
  ['visitor_id', 'String'],
  ['amount', 'Float64'],
];

/** Replicated: the value rule of each campaign seen in the sessions. */
export const CAMPAIGN_VALUE_RULES_COLUMNS: readonly RunColumn[] = [
  ['campaign', 'String'],
  ['rule', 'String'],
];

/** Replicated: each configured campaign's period in UTC and how much of it has passed (0..1). */
export const CAMPAIGN_PERIODS_COLUMNS: readonly RunColumn[] = [
  ['campaign', 'String'],
  ['starts_us', 'Nullable(Int64)'],
  ['ends_us', 'Nullable(Int64)'],
  ['elapsed', 'Nullable(Float64)'],
];

/** Replicated (small, one row per group): reports/journey/segment-levels.ts's SEGMENT_LEVELS. */
export const SEGMENT_LEVELS_COLUMNS: readonly RunColumn[] = [
  ['journey', 'String'],
  ['dimension', 'String'],
  ['value', 'String'],
  ['second', 'Nullable(String)'],
  ['second_value', 'Nullable(String)'],
  ['level', 'Nullable(UInt32)'],
  ['steps', 'UInt32'],
  ['units', 'UInt64'],
  ['converted', 'UInt64'],
];

/** Every run table: name → columns, and whether it is per unit (sharded) or replicated. */
export const RUN_TABLES = {
  journey_list: { columns: JOURNEY_LIST_COLUMNS, perUnit: false },
  journey_units: { columns: JOURNEY_UNITS_COLUMNS, perUnit: true },
  session_facts: { columns: SESSION_FACTS_COLUMNS, perUnit: true },
  unit_dimensions: { columns: UNIT_DIMENSIONS_COLUMNS, perUnit: true },
  conversion_values: { columns: CONVERSION_VALUES_COLUMNS, perUnit: true },
  campaign_value_rules: { columns: CAMPAIGN_VALUE_RULES_COLUMNS, perUnit: false },
  campaign_periods: { columns: CAMPAIGN_PERIODS_COLUMNS, perUnit: false },
  segment_levels: { columns: SEGMENT_LEVELS_COLUMNS, perUnit: false },
} as const;
export type RunTableName = keyof typeof RUN_TABLES;
