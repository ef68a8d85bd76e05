import { ANY_STEP, hasTimeRules, type JourneyShape } from './journey-events.ts';
import { sequentialUnitsSql } from './sequential.ts';
import { greedyStepCountsSql } from './sequential-greedy.ts';
import { greedyUnitsSql } from './sequential-greedy-units.ts';
import { segmentedGreedyUnitsSql } from './sequential-segmented.ts';
import { steps, UNIT_RESULT_COLUMNS } from './unit-result.ts';

/**
 * Tables computed once for the sequential journeys that share a unit and steps: `greedyUnits` holds
 * greedyUnitsSql's rows, `unitBounds` unitBoundsSql's.
 */
export interface SharedUnits {
  greedyUnits?: string;
  unitBounds?: string;
}

/**
 * A window, `within` or exclusions only matter to units that can feel them. For a unit where no
 * step event lies further than the window after its first step-1 event, no step-k event further than
 * `within` after its first step-(k-1) event, and no exclusion after its first step-1 event, every
 * bound of the ASOF programme (sequential.ts) holds and every start is clean: it gets the same result
 * as from the journey without those rules. Those units take the greedy hash joins
 * (sequential-greedy*.ts); only the others take the programme, which sorts their events. Usually
 * most units are short sessions, so the sort shrinks to a fraction of the events.
 * `shared.greedyUnits`: a table of greedyUnitsSql's rows for every unit, shared by journeys with the
 * same unit and steps. `shared.unitBounds`: a table of unitBoundsSql's rows for those steps, from which
 * each such journey finds the units that feel its rules without reading the step events again.
 */
export function splitSequentialUnitsSql(eventsSql: string, shape: JourneyShape, shared: SharedUnits = {}): string {
  const { constrainedUnits, simple, constrained } = splitEvents(eventsSql, shape, shared.unitBounds);
  // Shared greedy results (greedyUnitsSql over every unit, with `ukey`) need only the simple units.
  const simpleUnits =
    shared.greedyUnits === undefined
      ? greedyUnitsSql(simple, shape)
      : `select * from ${shared.greedyUnits} where ukey not in (select ukey from ${CONSTRAINED})`;
  return `with ${constrainedUnits}
    select ${UNIT_RESULT_COLUMNS} from (${simpleUnits})
    union all
    select ${UNIT_RESULT_COLUMNS} from (${constrainedUnitsSql(constrained, shape)})`;
}

/**
 * The units that feel a rule: exclusions alone (no window, no `within`) cut a unit into segments
 * that the greedy programme takes one by one (sequential-segmented.ts); any time rule needs the ASOF
 * programme.
 */
function constrainedUnitsSql(eventsSql: string, shape: JourneyShape): string {
  return hasTimeRules(shape) ? sequentialUnitsSql(eventsSql, shape) : segmentedGreedyUnitsSql(eventsSql, shape);
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

/** One per-unit bound a rule compares: its column, its aggregate, and the steps whose events it reads. */
interface Bound {
  name: string;
  aggregate: string;
  reads: number[];
}

const firstKeyOfStep1: Bound = { name: 'first_key_1', aggregate: 'min(case when m1 then key end)', reads: [1] };
const lastStepUs = (n: number): Bound => ({
  name: 'last_step_us',
  aggregate: `max(case when ${ANY_STEP} then us end)`,
  reads: steps(n),
});
const stepUs = (which: 'first' | 'last', k: number): Bound => ({
  name: `${which}_us_${k}`,
  aggregate: `${which === 'first' ? 'min' : 'max'}(case when m${k} then us end)`,
  reads: [k],
});

/**
 * What a unit's rules compare, per unit of the steps' events (`ukey`, the unit's number): the first
 * step-1 event (packed key), the last event of any step, each step's first and last time. Computed
 * once for journeys that share their steps and differ in rules; `shapes` say which columns they need
 * (all of them cost twice the few on 10 M events), and only the events of the steps those read are read.
 */
export function unitBoundsSql(eventsSql: string, shapes: readonly JourneyShape[]): string {
  const needed = new Map<string, Bound>();
  for (const shape of shapes) for (const bound of boundsOf(shape)) needed.set(bound.name, bound);
  const n = shapes[0]?.steps ?? 0;
  const columns = [...needed.values()].map((bound) => `${bound.aggregate} as ${bound.name}`);
  const read = steps(n).filter((k) => [...needed.values()].some((bound) => bound.reads.includes(k)));
  return `select unit as ukey, ${columns.join(', ')}
    from (select unit, us, key, ${ANY_STEP}, ${steps(n)
      .map((k) => `m${k}`)
      .join(', ')} from (${eventsSql}) where ${read.length === n ? ANY_STEP : read.map((k) => `m${k}`).join(' or ')})
    group by ukey`;
}

/**
 * The rules a journey's units may feel, as conditions on bounds columns (`column(bound)`) and, for
 * exclusions, the unit's last exclusion `last_x`: a unit feels a rule when its condition is true;
 * null (no such events) means it cannot.
 */
function feelsRules(shape: JourneyShape, column: (bound: Bound) => string): string[] {
  const feels: string[] = [];
  if (shape.hasExclusions) feels.push(`last_x > ${column(firstKeyOfStep1)}`);
  if (shape.windowUs !== null)
    feels.push(`${column(lastStepUs(shape.steps))} - ${column(stepUs('first', 1))} > ${shape.windowUs}`);
  for (const k of steps(shape.steps).slice(1)) {
    const within = shape.withinUs[k];
    if (within !== null && within !== undefined)
      feels.push(`${column(stepUs('last', k))} - ${column(stepUs('first', k - 1))} > ${within}`);
  }
  return feels;
}

/** The bounds a journey's rules read. */
function boundsOf(shape: JourneyShape): Bound[] {
  const bounds: Bound[] = [];
  feelsRules(shape, (bound) => {
    bounds.push(bound);
    return bound.name;
  });
  return bounds;
}

function splitEvents(eventsSql: string, shape: JourneyShape, unitBounds?: string) {
  const lastExclusion = `(select unit as ukey, max(key) as last_x from (${eventsSql}) where x group by ukey)`;
  const feels = feelsRules(shape, (bound) => bound.name);
  // With shared bounds only the exclusions are read here; without, the step events the rules look at
  // (an exclusion alone needs step 1's), grouped by unit.
  const bounds = unitBounds ?? `(${unitBoundsSql(eventsSql, [shape])})`;
  const exclusions = shape.hasExclusions ? ` left join ${lastExclusion} x on x.ukey = b.ukey` : '';
  const units = `select b.ukey from ${bounds} b${exclusions} where coalesce(${feels.join(' or ')}, false)`;
  return {
    constrainedUnits: `${CONSTRAINED} as materialized (${units})`,
    simple: `select * from (${eventsSql}) where unit not in (select ukey from ${CONSTRAINED})`,
    constrained: `select * from (${eventsSql}) where unit in (select ukey from ${CONSTRAINED})`,
  };
}
