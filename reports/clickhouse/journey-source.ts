import type { JourneyConfig } from '../../config/index.ts';
import { sqlBigInt, sqlString } from '../../store/clickhouse/literal.ts';
import type { ReportRange } from '../funnel/journey-events.ts';
import { clickHouseMatchCondition } from './match-conditions.ts';

/** A journey as the ClickHouse array programme needs it; times in microseconds. */
export interface ClickHouseJourneyShape {
  unitColumn: 'session_id' | 'visitor_id';
  steps: number;
  /** Whole-journey window, or null for none. */
  windowUs: bigint | null;
  /** Per step (index 0 unused): `within`, or null. Any-order journeys have none (no previous step). */
  withinUs: (bigint | null)[];
  hasExclusions: boolean;
}

export function clickHouseJourneyShape(journey: JourneyConfig): ClickHouseJourneyShape {
  const micros = (ms: number | undefined) => (ms === undefined ? null : BigInt(Math.round(ms * 1000)));
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

/** The exclusion rules that can match an event (a rule with neither a page nor an event cannot). */
function exclusionRules(journey: JourneyConfig) {
  return journey.exclude.filter((rule) => rule.page !== undefined || rule.event !== undefined);
}

/**
 * The per-event pieces the programme collects: `mask` (bit k-1 set when the event matches step k,
 * a UInt32 as steps are at most 20), `excluded` (0/1: matches an exclusion) and `where` (the site,
 * the report range, and unless `everyEvent` only events that match a step or an exclusion). The
 * range applies to every event, as in DuckDB's journeyEventsSql.
 */
export function clickHouseJourneyEvents(
  journey: JourneyConfig,
  range: ReportRange,
  { everyEvent = false }: { everyEvent?: boolean } = {},
): { mask: string; excluded: string; where: string } {
  const bits = journey.steps.map((step, index) => `if(${clickHouseMatchCondition(step)}, ${2 ** index}, 0)`);
  const mask = `toUInt32(${bits.join(' + ')})`;
  const rules = exclusionRules(journey).map(clickHouseMatchCondition);
  const excluded = rules.length === 0 ? 'toUInt8(0)' : `toUInt8(${rules.join(' OR ')})`;
  const where = [`site = ${sqlString(journey.site)}`];
  if (range.from !== undefined) where.push(`ts_us >= ${sqlBigInt(rangeMicros(range.from, 'from'))}`);
  if (range.to !== undefined) where.push(`ts_us < ${sqlBigInt(rangeMicros(range.to, 'to'))}`);
  if (!everyEvent) where.push(`(${mask} != 0 OR ${excluded} = 1)`);
  return { mask, excluded, where: where.join(' AND ') };
}

/** An ISO instant of the report range as epoch microseconds; a string that is no instant is refused. */
function rangeMicros(iso: string, which: 'from' | 'to'): bigint {
  // DuckDB reads a time without a zone as UTC (the stored times are UTC); Date.parse would read it as local.
  const zoned = !iso.includes('T') || /(Z|[+-]\d\d:?\d\d)$/i.test(iso);
  const ms = Date.parse(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) {
    throw new RangeError(`report range "${which}" is "${iso}", not an ISO instant (like 2026-03-01T00:00:00.000Z)`);
  }
  return BigInt(ms) * 1000n;
}
