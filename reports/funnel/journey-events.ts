import type { JourneyConfig } from '../../config/index.ts';
import type { SqlParams } from '../sql-params.ts';
import { type EventMatcher, stepCondition } from '../step-match.ts';
import { keySeq, keyUs, orderKey } from './order-key.ts';
import { anyFlag, type StepFlags } from './step-flags.ts';
import { overlappingStepGroups } from './step-overlap.ts';

/** The period a report covers: ISO instants, `from` inclusive, `to` exclusive; either may be open. */
export interface ReportRange {
  from?: string;
  to?: string;
}

/**
 * A journey translated into the pieces every funnel order needs, with durations (microseconds)
 * written as `Us`: a bound DuckDB placeholder (JourneyShape) or a bigint (the ClickHouse programme).
 */
export interface JourneyShapeOf<Us> {
  /** The events column that identifies a unit. */
  unitColumn: 'session_id' | 'visitor_id';
  steps: number;
  /** Whole-journey window in microseconds, or null for none. */
  windowUs: Us | null;
  /** Per step (index 0 unused): `within` in microseconds, or null. */
  withinUs: (Us | null)[];
  hasExclusions: boolean;
}

/** The DuckDB engine's shape: durations as bound placeholders. */
export type JourneyShape = JourneyShapeOf<string>;

/**
 * SQL for the journey's events of its site in the range: `unit` (the unit's number), `session_no`,
 * times (`us`), `seq` and their packed order `key` (order-key.ts), with one boolean column per step
 * (`m1`..`mN`: does this event match step k?), ANY_STEP and `x` (does it match an exclusion?). Every unit's
 * events are ordered by time, then arrival order (`seq`), as the funnel semantics require.
 *
 * By default only the events that match a step or an exclusion, read as one scan per group of
 * matchers that one event could satisfy together (step-overlap.ts): each scan's filter is a plain
 * condition that DuckDB pushes into the table scan (`name = …` on the compressed column), and a
 * query that asks for `m2` alone reads only the scans that can set it. Computing every flag for
 * every event of the site instead cost 4–6× the CPU on 10 M events (bench/RESULTS.md).
 * `everyEvent`: all of the site's events, flags computed per event (the strict order needs the events
 * between steps).
 * `flags`: the report's matched events of the journey's site (step-flags.ts, built for the same
 * range), read by their bits instead of matching the events again.
 */
export function journeyEventsSql(
  journey: JourneyConfig,
  params: SqlParams,
  range: ReportRange,
  { everyEvent = false, flags }: { everyEvent?: boolean; flags?: StepFlags } = {},
): string {
  const unitColumn = unitNumberColumn(journey.unit === 'visitor' ? 'visitor_id' : 'session_id');
  if (flags !== undefined) return flaggedEventsSql(journey, unitColumn, flags, everyEvent);
  const from = range.from === undefined ? 'true' : `e.ts >= ${params.bind(range.from, 'from')}::timestamp`;
  const to = range.to === undefined ? 'true' : `e.ts < ${params.bind(range.to, 'to')}::timestamp`;
  const matchers = journeyMatchers(journey);
  const isExclusion = (index: number) => index >= journey.steps.length;
  // Per matcher: its condition on `e`, or a constant when the scan's filter already decides it.
  const select = (flag: (index: number) => string) => {
    const steps = journey.steps.map((_, index) => `${flag(index)} as m${index + 1}`);
    const exclusions = matchers
      .map((_, index) => index)
      .filter(isExclusion)
      .map(flag);
    const anyStep = journey.steps.map((_, index) => flag(index)).join(' or ');
    return `select e.${unitColumn} as unit, e.session_no, e.seq, epoch_us(e.ts) as us,
      ${orderKey('epoch_us(e.ts)', 'e.seq')} as key, ${steps.join(', ')}, (${anyStep}) as ${ANY_STEP},
      ${exclusions.length === 0 ? 'false' : `(${exclusions.join(' or ')})`} as x
    from events e
    where e.site = ${params.bind(journey.site, 'site')} and ${from} and ${to}`;
  };
  if (everyEvent)
    return select((index) => `coalesce(${stepCondition(matchers[index] as EventMatcher, params, 'e')}, false)`);
  return overlappingStepGroups(matchers)
    .map((group) => {
      const members = new Set(group.map((step) => step - 1));
      const alone = members.size === 1;
      const conditions = new Map(
        [...members].map((index) => [index, stepCondition(matchers[index] as EventMatcher, params, 'e')]),
      );
      const flag = (index: number) =>
        !members.has(index) ? 'false' : alone ? 'true' : `coalesce(${conditions.get(index)}, false)`;
      return `${select(flag)} and (${[...conditions.values()].join(' or ')})`;
    })
    .join('\nunion all ');
}

/** journeyEventsSql's columns from a StepFlags table (its rows are the site's, in the range). */
function flaggedEventsSql(
  journey: JourneyConfig,
  unitColumn: ReturnType<typeof unitNumberColumn>,
  flags: StepFlags,
  everyEvent: boolean,
): string {
  const steps = journey.steps.map((step, index) => `${anyFlag(flags, [step])} as m${index + 1}`);
  const relevant = anyFlag(flags, journeyMatchers(journey));
  return `select ${unitColumn} as unit, session_no,
      ${keySeq('key')} as seq, ${keyUs('key')} as us, key, ${steps.join(', ')},
      ${anyFlag(flags, journey.steps)} as ${ANY_STEP}, ${anyFlag(flags, exclusionRules(journey))} as x
    from ${flags.table}${everyEvent ? '' : ` where ${relevant}`}`;
}

/**
 * The events column holding a unit's number (store/unit-numbers.ts): DuckDB groups and joins units
 * by it, never by their text ids (the ClickHouse programme keeps `unitColumn`).
 */
export function unitNumberColumn(unitColumn: JourneyShape['unitColumn']): 'session_no' | 'visitor_no' {
  return unitColumn === 'visitor_id' ? 'visitor_no' : 'session_no';
}

/** Everything a journey matches events against: its steps, then its exclusion rules. */
export function journeyMatchers(journey: JourneyConfig): EventMatcher[] {
  return [...journey.steps, ...exclusionRules(journey)];
}

/** The exclusion rules that can match an event (a rule with neither a page nor an event cannot). */
export function exclusionRules(journey: JourneyConfig): EventMatcher[] {
  return journey.exclude.filter((rule) => rule.page !== undefined || rule.event !== undefined);
}

/** Whether a journey has a time rule: a window, or a `within` on some step (exclusions are not one). */
export function hasTimeRules<Us>(shape: JourneyShapeOf<Us>): boolean {
  return shape.windowUs !== null || shape.withinUs.some((within) => within !== null);
}

/** Any-order journeys ignore `within` (there is no previous step), so it is not bound for them. */
export function journeyShape(journey: JourneyConfig, params: SqlParams): JourneyShape {
  return journeyShapeOf(journey, (us) => `${params.bind(us, 'us')}::bigint`);
}

/** The shape with each duration (whole microseconds) written by `write`. */
export function journeyShapeOf<Us>(journey: JourneyConfig, write: (us: bigint) => Us): JourneyShapeOf<Us> {
  const micros = (ms: number | undefined) => (ms === undefined ? null : write(BigInt(Math.round(ms * 1000))));
  return {
    unitColumn: journey.unit === 'visitor' ? 'visitor_id' : 'session_id',
    steps: journey.steps.length,
    windowUs: micros(journey.window),
    withinUs: [
      null,
      ...journey.steps.map((step, index) => (index === 0 || journey.order === 'any' ? null : micros(step.within))),
    ],
    hasExclusions: exclusionRules(journey).length > 0,
  };
}

/**
 * journeyEventsSql's column "the event matches some step" (`m1 or m2 or …`): from step flags one
 * mask test instead of one per step, on millions of rows per journey.
 */
export const ANY_STEP = 'any_step';
