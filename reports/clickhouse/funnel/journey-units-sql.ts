import type { JourneyConfig } from '../../../config/index.ts';
import { sqlNumber, sqlString } from '../../../store/clickhouse/literal.ts';
import type { ReportRange } from '../../funnel/journey-events.ts';
import { anyOrderDetails } from './any-order-details.ts';
import { clickHouseJourneyEvents, clickHouseJourneyShape } from './journey-source.ts';
import { sequentialDetails } from './sequential-details.ts';
import { strictDetails } from './strict-details.ts';
import { type Definition, LEVEL, unitArrays } from './unit-arrays.ts';
import { bindDefinitions } from './unit-levels-sql.ts';

/** One of `of` parts of the units, by a hash of the unit id: a fill reads every part in turn. */
export interface FillPart {
  part: number;
  of: number;
}

/**
 * The SELECT that fills one journey's rows of the journey_units run table on a shard, in the table's
 * column order (run-schema.ts JOURNEY_UNITS_COLUMNS): one row per counted unit of the shard's own
 * `events_local` (FINAL: events shipped twice count once), with the columns of
 * reports/funnel/unit-result.ts. The order's programme (…-details.ts) gives the level, the reached
 * times, the index of the last step's event and the time to convert; the last step's time, arrival
 * order and session are read from that event. `index`: the journey's place in the config; `part`: only
the units of that part.
 */
export function clickHouseJourneyUnitsSelect(
  journey: JourneyConfig,
  index: number,
  range: ReportRange = {},
  part: FillPart = { part: 0, of: 1 },
): string {
  const shape = clickHouseJourneyShape(journey);
  const { mask, excluded, where } = clickHouseJourneyEvents(journey, range, { everyEvent: journey.order === 'strict' });
  const programme =
    journey.order === 'strict'
      ? strictDetails(shape)
      : journey.order === 'any'
        ? anyOrderDetails(shape, journey.steps)
        : sequentialDetails(shape);
  // A session unit's last step is in the unit itself; a visitor's names its session.
  const visitorUnits = shape.unitColumn === 'visitor_id';
  const definitions: Definition[] = [
    ...unitArrays(shape, mask, excluded, { withSession: visitorUnits }),
    ...programme.definitions,
    [LEVEL, programme.level],
    ...programme.details,
    ['f_li', programme.last],
  ];
  const lastEvent = 'arrayElement(f_ev, f_li)';
  const result = `(${LEVEL}, ${programme.reached}, arrayElement(f_us, f_li), toInt64(tupleElement(${lastEvent}, 2)),
    ${visitorUnits ? `tupleElement(${lastEvent}, 5)` : "''"}, ${programme.convert})`;
  const field = (k: number) => `tupleElement(f_unit_result, ${k})`;
  return `SELECT toUInt32(${sqlNumber(index)}) AS journey_index, ${visitorUnits ? 'f_unit' : 'f_visitor'} AS visitor_id,
  ${sqlString(journey.site)} AS site, f_unit AS unit, toUInt32(${field(1)}) AS level, ${field(2)} AS reached_us,
  ${field(3)} AS last_us, ${field(4)} AS last_seq, ${visitorUnits ? field(5) : 'f_unit'} AS last_session,
  if(level = ${shape.steps}, toNullable(${field(6)}), NULL) AS convert_us
FROM (
  SELECT ${shape.unitColumn} AS f_unit, ${visitorUnits ? '' : 'any(visitor_id) AS f_visitor, '}${bindDefinitions(definitions, result)} AS f_unit_result
  FROM events_local FINAL
  WHERE ${where}${part.of > 1 ? ` AND cityHash64(${shape.unitColumn}) % ${sqlNumber(part.of)} = ${sqlNumber(part.part)}` : ''}
  GROUP BY ${shape.unitColumn}
)
WHERE ${field(1)} > 0`;
}
