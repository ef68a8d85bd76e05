import type { DuckDBValue } from '@duckdb/node-api';
import type { StepConfig } from '../config/index.ts';
import { globToRegex } from './glob.ts';

/**
 * SQL condition (over the columns of `table`, an events row) for "this event matches this step". Every config
 * value is a bound parameter, added to `params` under a name unique to the step.
 */
export function stepCondition(
  step: StepConfig,
  key: string,
  params: Record<string, DuckDBValue>,
  table = 'events',
): string {
  const conditions: string[] = [];
  if (step.page !== undefined) {
    params[`${key}_page`] = globToRegex(step.page);
    conditions.push(`${table}.name = 'pageview'`, `regexp_full_match(${table}.path, $${key}_page)`);
  }
  if (step.event !== undefined) {
    params[`${key}_event`] = step.event;
    conditions.push(`${table}.name = $${key}_event`);
  }
  Object.entries(step.props ?? {}).forEach(([prop, value], index) => {
    params[`${key}_prop${index}_path`] = `$."${prop.replace(/["\\]/g, '\\$&')}"`;
    params[`${key}_prop${index}_value`] = String(value);
    conditions.push(`json_extract_string(${table}.props, $${key}_prop${index}_path) = $${key}_prop${index}_value`);
  });
  return conditions.join(' and ');
}
