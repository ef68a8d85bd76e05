import { anyStepMatches, type JourneyShape } from './journey-events.ts';
import { ORDER_KEY } from './order-key.ts';
import { sequentialUnitsSql } from './sequential.ts';
import { greedyStepCountsSql } from './sequential-greedy.ts';
import { greedyUnitsSql } from './sequential-greedy-units.ts';
import { steps, UNIT_RESULT_COLUMNS } from './unit-result.ts';

/**
 * A window, `within` or exclusions only matter to units that can feel them. For a unit where no
 * step event lies further than the window after its first step-1 event, no step-k event further than
 * `within` after its first step-(k-1) event, and no exclusion after its first step-1 event, every
 * bound of the ASOF programme (sequential.ts) holds and every start is clean: it gets the same result
 * as from the journey without those rules. Those units take the greedy hash joins
 * (sequential-greedy*.ts); only the others take the programme, which sorts their events. Usually
 * most units are short sessions, so the sort shrinks to a fraction of the events. `greedyUnits`: a
 * table of greedyUnitsSql's rows for every unit, shared by journeys with the same unit and steps.
 */
export function splitSequentialUnitsSql(eventsSql: string, shape: JourneyShape, greedyUnits?: string): string {
  const { constrainedUnits, simple, constrained } = splitEvents(eventsSql, shape);
  // Shared greedy results (greedyUnitsSql over every unit, with `ukey`) need only the simple units.
  const simpleUnits =
    greedyUnits === undefined
      ? greedyUnitsSql(simple, shape)
      : `select * from ${greedyUnits} where ukey not in (select ukey from ${CONSTRAINED})`;
  return `with ${constrainedUnits}
    select ${UNIT_RESULT_COLUMNS} from (${simpleUnits})
    union all
    select ${UNIT_RESULT_COLUMNS} from (${sequentialUnitsSql(constrained, shape)})`;
}

/** Step counts (rows: step, units) of the same split: each unit is in exactly one of the parts. */
export function splitSequentialStepCountsSql(eventsSql: string, shape: JourneyShape): string {
  const { constrainedUnits, simple, constrained } = splitEvents(eventsSql, shape);
  return `with ${constrainedUnits}
    select step, sum(units)::integer as units from (
      select * from (${greedyStepCountsSql(simple, shape)})
      union all
      select * from (${sequentialUnitsSql(constrained, shape, { details: false })}))
    group by step`;
}

const CONSTRAINED = 'constrained_units';

function splitEvents(eventsSql: string, shape: JourneyShape) {
  const first = (k: number) => `min(case when m${k} then us end)`;
  const last = (k: number) => `max(case when m${k} then us end)`;
  const feels: string[] = [];
  // The step events each rule looks at: only those are read (an exclusion alone needs step 1's).
  const read = new Set<number>();
  if (shape.hasExclusions) {
    feels.push(`max(case when x then key end) > min(case when m1 then key end)`);
    read.add(1);
  }
  if (shape.windowUs !== null) {
    feels.push(`max(case when ${anyStepMatches(shape.steps)} then us end) - ${first(1)} > ${shape.windowUs}`);
    for (const k of steps(shape.steps)) read.add(k);
  }
  for (const k of steps(shape.steps).slice(1)) {
    const within = shape.withinUs[k];
    if (within !== null && within !== undefined) {
      feels.push(`${last(k)} - ${first(k - 1)} > ${within}`);
      read.add(k - 1).add(k);
    }
  }
  const filter = [...[...read].sort((a, b) => a - b).map((k) => `m${k}`), ...(shape.hasExclusions ? ['x'] : [])];
  // A unit feels a rule when the comparison is true; null (no such events) means it cannot.
  const constrainedUnits = `${CONSTRAINED} as materialized (select ukey from (
      select hash(unit) as ukey, us, ${ORDER_KEY} as key, ${steps(shape.steps)
        .map((k) => `m${k}`)
        .join(', ')}, x from (${eventsSql}) where ${filter.join(' or ')})
    group by ukey having coalesce(${feels.join(' or ')}, false))`;
  return {
    constrainedUnits,
    simple: `select * from (${eventsSql}) where hash(unit) not in (select ukey from ${CONSTRAINED})`,
    constrained: `select * from (${eventsSql}) where hash(unit) in (select ukey from ${CONSTRAINED})`,
  };
}
