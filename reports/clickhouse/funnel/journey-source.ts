import type { JourneyConfig } from '../../../config/index.ts';
import { sqlBigInt, sqlString } from '../../../store/clickhouse/literal.ts';
import { exclusionRules, type JourneyShapeOf, journeyShapeOf, type ReportRange } from '../../funnel/journey-events.ts';
import { clickHouseMatchCondition } from '../match-conditions.ts';

/** A journey as the ClickHouse array programme needs it; durations in microseconds, as bigints. */
export type ClickHouseJourneyShape = JourneyShapeOf<bigint>;

export function clickHouseJourneyShape(journey: JourneyConfig): ClickHouseJourneyShape {
  return journeyShapeOf(journey, (us) => us);
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
export function rangeMicros(iso: string, which: 'from' | 'to'): bigint {
  // DuckDB reads a time without a zone as UTC (the stored times are UTC); Date.parse would read it as local.
  const zoned = !iso.includes('T') || /(Z|[+-]\d\d:?\d\d)$/i.test(iso);
  const ms = Date.parse(zoned ? iso : `${iso}Z`);
  if (Number.isNaN(ms)) {
    throw new RangeError(`report range "${which}" is "${iso}", not an ISO instant (like 2026-03-01T00:00:00.000Z)`);
  }
  return BigInt(ms) * 1000n;
}
