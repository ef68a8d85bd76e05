import type { JourneyConfig } from '../../config/index.ts';
import type { SqlParams } from '../sql-params.ts';
import { stepCondition } from '../step-match.ts';

/** The period a report covers: ISO instants, `from` inclusive, `to` exclusive; either may be open. */
export interface ReportRange {
  from?: string;
  to?: string;
}

/** A journey translated into the pieces every funnel order needs. */
export interface JourneyShape {
  /** The events column that identifies a unit. */
  unitColumn: 'session_id' | 'visitor_id';
  steps: number;
  /** Whole-journey window in microseconds, or null for none. */
  windowUs: string | null;
  /** Per step (index 0 unused): `within` in microseconds as a bound placeholder, or null. */
  withinUs: (string | null)[];
  hasExclusions: boolean;
}

/**
 * SQL for the journey's events of its site in the range, with one boolean column per step
 * (`m1`..`mN`: does this event match step k?) and `x` (does it match an exclusion?). Every unit's
 * events are ordered by time, then arrival order (`seq`), as the funnel semantics require.
 */
export function journeyEventsSql(journey: JourneyConfig, params: SqlParams, range: ReportRange): string {
  const unitColumn = journey.unit === 'visitor' ? 'visitor_id' : 'session_id';
  const matches = journey.steps.map(
    (step, index) => `coalesce(${stepCondition(step, params, 'e')}, false) as m${index + 1}`,
  );
  const exclusions = journey.exclude
    .filter((rule) => rule.page !== undefined || rule.event !== undefined)
    .map((rule) => `coalesce(${stepCondition(rule, params, 'e')}, false)`);
  const from = range.from === undefined ? 'true' : `e.ts >= ${params.bind(range.from, 'from')}::timestamp`;
  const to = range.to === undefined ? 'true' : `e.ts < ${params.bind(range.to, 'to')}::timestamp`;
  return `select e.${unitColumn} as unit, e.session_id, e.ts, e.seq, epoch_us(e.ts) as us,
      ${matches.join(', ')}, ${exclusions.length === 0 ? 'false' : `(${exclusions.join(' or ')})`} as x
    from events e
    where e.site = ${params.bind(journey.site, 'site')} and ${from} and ${to}`;
}

/** Any-order journeys ignore `within` (there is no previous step), so it is not bound for them. */
export function journeyShape(journey: JourneyConfig, params: SqlParams): JourneyShape {
  const micros = (ms: number | undefined) =>
    ms === undefined ? null : `${params.bind(BigInt(Math.round(ms * 1000)), 'us')}::bigint`;
  return {
    unitColumn: journey.unit === 'visitor' ? 'visitor_id' : 'session_id',
    steps: journey.steps.length,
    windowUs: micros(journey.window),
    withinUs: [
      null,
      ...journey.steps.map((step, index) => (index === 0 || journey.order === 'any' ? null : micros(step.within))),
    ],
    hasExclusions: journey.exclude.some((rule) => rule.page !== undefined || rule.event !== undefined),
  };
}

/** `a or b or …` over the step match columns. */
export function anyStepMatches(steps: number): string {
  return Array.from({ length: steps }, (_, index) => `m${index + 1}`).join(' or ');
}
