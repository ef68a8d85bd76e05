import type { JourneyConfig } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { rangeCondition } from '../session-facts.ts';
import { SqlParams } from '../sql-params.ts';
import { type EventMatcher, stepCondition } from '../step-match.ts';
import { journeyMatchers, type ReportRange } from './journey-events.ts';
import { orderKey } from './order-key.ts';

/**
 * One site's events in the report range, matched once against every step and exclusion of every
 * journey on that site: `table` holds each event's session and visitor numbers, its packed order
 * `key` (order-key.ts) and `flags`, one bit per distinct matcher (`bits`, by matcherKey). Journeys
 * then read bits instead of matching strings: ten journeys' step scans (a page glob is a regular
 * expression per event) cost more than one pass that matches all of them (bench/RESULTS.md).
 */
export interface StepFlags {
  table: string;
  bits: ReadonlyMap<string, number>;
  /** Bits of the largest `key` when keys are BIGINTs (null for HUGEINT keys): strict.ts packs the rest. */
  keyBits: number | null;
}

/** A flags column is at most a UBIGINT; a site with more distinct matchers reads the events itself. */
const MAX_MATCHERS = 64;

/** Matchers that match the same events share a bit. */
export function matcherKey(matcher: EventMatcher): string {
  const props = Object.entries(matcher.props ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([matcher.page ?? null, matcher.event ?? null, props]);
}

/** The smallest unsigned integer type with a bit per matcher. */
function flagsType(count: number): string {
  return count <= 8 ? 'utinyint' : count <= 16 ? 'usmallint' : count <= 32 ? 'uinteger' : 'ubigint';
}

/**
 * Creates one StepFlags table per site of `journeys` (after defineOrderKey) and returns them by site;
 * dropStepFlags removes them. A site's table keeps every event of the site when a strict journey
 * needs the events between steps, else only the events that match something.
 */
export async function defineStepFlags(
  store: Store,
  journeys: readonly JourneyConfig[],
  range: ReportRange,
): Promise<Map<string, StepFlags>> {
  const bySite = new Map<string, JourneyConfig[]>();
  for (const journey of journeys) bySite.set(journey.site, [...(bySite.get(journey.site) ?? []), journey]);
  const flags = new Map<string, StepFlags>();
  for (const [site, siteJourneys] of bySite) {
    const matchers = new Map<string, EventMatcher>();
    for (const journey of siteJourneys)
      for (const matcher of journeyMatchers(journey)) matchers.set(matcherKey(matcher), matcher);
    if (matchers.size > MAX_MATCHERS) continue;
    const table = `journey_step_flags_${flags.size}`;
    const params = new SqlParams();
    const bits = new Map([...matchers.keys()].map((key, bit) => [key, bit]));
    const type = flagsType(matchers.size);
    const sum = [...matchers.values()]
      .map((matcher, bit) => `(case when ${stepCondition(matcher, params, 'e')} then ${1n << BigInt(bit)} else 0 end)`)
      .join(' + ');
    const everyEvent = siteJourneys.some((journey) => journey.order === 'strict');
    await store.query(
      `create or replace temporary table ${table} as
      select * from (select e.session_no, e.visitor_no, ${orderKey('epoch_us(e.ts)', 'e.seq')} as key,
          (${sum})::${type} as flags
        from events e where e.site = ${params.bind(site, 'site')} and ${rangeCondition(range, params, 'e.ts')})
      ${everyEvent ? '' : 'where flags <> 0'}`,
      params.values,
    );
    const [widest] = await store.query(
      `select max(key)::varchar as most, max(key) >= 0 and max(key) < 4611686018427387904 as small from ${table}`,
    );
    const keyBits = widest?.small === false ? null : BigInt(String(widest?.most ?? 0)).toString(2).length;
    flags.set(site, { table, bits, keyBits });
  }
  return flags;
}

/** Drops the tables of defineStepFlags. */
export async function dropStepFlags(store: Store, flags: ReadonlyMap<string, StepFlags>): Promise<void> {
  for (const { table } of flags.values()) await store.query(`drop table if exists ${table}`);
}

/** SQL for "the event's flags include any of these matchers'". */
export function anyFlag(flags: StepFlags, matchers: readonly EventMatcher[]): string {
  if (matchers.length === 0) return 'false';
  const mask = matchers.reduce((bits, matcher) => bits | (1n << BigInt(bitOf(flags, matcher))), 0n);
  return `(flags & ${mask}) <> 0`;
}

function bitOf(flags: StepFlags, matcher: EventMatcher): number {
  const bit = flags.bits.get(matcherKey(matcher));
  if (bit === undefined) throw new Error(`step flags: no bit for ${matcherKey(matcher)}`);
  return bit;
}
