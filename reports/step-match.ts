import type { StepConfig } from '../config/index.ts';
import { globToRegex } from './glob.ts';
import type { SqlParams } from './sql-params.ts';

/** What a step or an exclusion matches: a page glob or an event name, optionally with property filters. */
export type EventMatcher = Pick<StepConfig, 'page' | 'event' | 'props'>;

/**
 * SQL condition (over the columns of `table`, an events row) for "this event matches this step".
 * Every config value is a bound parameter.
 */
export function stepCondition(step: EventMatcher, params: SqlParams, table = 'events'): string {
  const conditions: string[] = [];
  if (step.page !== undefined) {
    conditions.push(
      `${table}.name = 'pageview'`,
      `regexp_full_match(${table}.path, ${params.bind(globToRegex(step.page), 'page')})`,
    );
  }
  if (step.event !== undefined) conditions.push(`${table}.name = ${params.bind(step.event, 'event')}`);
  for (const [prop, value] of Object.entries(step.props ?? {})) {
    const path = params.bind(`$."${prop.replace(/["\\]/g, '\\$&')}"`, 'prop');
    conditions.push(`json_extract_string(${table}.props, ${path}) = ${params.bind(String(value), 'value')}`);
  }
  return conditions.length === 0 ? 'false' : conditions.join(' and ');
}
