import type { JourneyConfig } from '../../../config/index.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { anyOrderLevels } from './any-order-levels.ts';
import { clickHouseJourneyEvents, clickHouseJourneyShape } from './journey-source.ts';
import { sequentialLevels } from './sequential-levels.ts';
import { strictLevels } from './strict-levels.ts';
import { type Definition, unitArrays } from './unit-arrays.ts';

/**
 * The per-unit query of one journey over the Distributed `events` table: one row (`unit`, `level`)
 * per counted unit. Run it with PER_UNIT_ON_SHARDS: every unit lives on one shard (the table is
 * sharded by visitor, and a session belongs to one visitor), so each shard groups and levels its own
 * units completely and the initiator only concatenates the rows; without it each shard would send
 * its units' whole event arrays to be merged first. `FINAL` collapses events shipped twice (the
 * table is a ReplacingMergeTree by id). `withUnit: false` leaves the unit id out, for counts.
 */
export function clickHouseUnitLevelsSql(journey: JourneyConfig, range: ReportRange = {}, { withUnit = true } = {}) {
  const shape = clickHouseJourneyShape(journey);
  const { mask, excluded, where } = clickHouseJourneyEvents(journey, range, { everyEvent: journey.order === 'strict' });
  const programme =
    journey.order === 'strict'
      ? strictLevels(shape)
      : journey.order === 'any'
        ? anyOrderLevels(shape, journey.steps)
        : sequentialLevels(shape);
  const level = bindDefinitions([...unitArrays(shape, mask, excluded), ...programme.definitions], programme.level);
  return `SELECT ${withUnit ? `${shape.unitColumn} AS unit, ` : ''}toUInt8(${level}) AS level
FROM events FINAL
WHERE ${where}
GROUP BY ${shape.unitColumn}
HAVING level > 0`;
}

/** Settings for the per-unit query: shards complete their own GROUP BY (see clickHouseUnitLevelsSql). */
export const PER_UNIT_ON_SHARDS = {
  distributed_group_by_no_merge: 1,
  // One nested binding per definition: a 20-step journey nests a few hundred deep (the default allows 1000).
  max_ast_depth: 10_000,
} as const;

/**
 * `body` with each definition bound as a lambda parameter, `arrayMap(name -> rest, [value])[1]`,
 * rather than as an alias: ClickHouse pastes an alias's whole expression wherever it is named, and the
 * steps name their predecessors several times each, so aliases grew the query exponentially with the
 * number of steps ("AST is too big" at four). A lambda parameter is a value, named at no cost.
 */
export function bindDefinitions(definitions: readonly Definition[], body: string): string {
  return definitions.reduceRight((inner, [name, value]) => `arrayMap(${name} -> ${inner}, [${value}])[1]`, body);
}
