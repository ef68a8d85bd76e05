import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickHouseCohortCells } from '../../reports/clickhouse/journey/cohorts.ts';
import { clickHouseCrossSegmentCounts } from '../../reports/clickhouse/journey/cross-segments.ts';
import { clickHouseBreakdownCounts, clickHouseTrendCounts } from '../../reports/clickhouse/journey/segment-queries.ts';
import { localPeriodSql } from '../../reports/clickhouse/local-period.ts';
import { clickHouseReportPreviousPeriodCounts } from '../../reports/clickhouse/previous-period.ts';
import type { RunTableName } from '../../reports/clickhouse/run-schema.ts';
import { type ClickHouseReportRun, closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import type { ReportRange } from '../../reports/funnel/journey-events.ts';
import { computeReport } from '../../reports/index.ts';
import { cohortCells } from '../../reports/journey/cohorts.ts';
import { crossSegmentCounts } from '../../reports/journey/cross-segments.ts';
import { breakdownCounts, trendCounts } from '../../reports/journey/segment-queries.ts';
import { previousPeriodCounts } from '../../reports/previous-period.ts';
import { SqlParams } from '../../reports/sql-params.ts';
import type { StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { copyStageTables, type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { seededRandom } from '../support/random.ts';
import { RANDOM_REPORT_START, randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The segment metrics from a ClickHouse report run (breakdowns, cross-segments, trend, cohorts and
 * the previous period's step counts) give exactly DuckDB's rows on the same random shop traffic.
 * The traffic's first ten days of March cross America/St_Johns' DST change (8 March); a second
 * batch of visitors from 24 March to 3 April crosses Europe/Helsinki's (29 March), so local days
 * and weeks are checked on both sides of a change, in a zone with a :45 offset and one with :30.
 */
const LATE_SHIFT = Date.UTC(2026, 2, 24) - RANDOM_REPORT_START;
const STAGES: RunTableName[] = ['journey_list', 'journey_units', 'segment_levels'];
const ZONES = ['Europe/Helsinki', 'Asia/Kathmandu', 'America/St_Johns'];

const config = randomReportConfig();
const events = [...randomReportEvents(seededRandom(20261202), 420), ...lateEvents()];
let engines: ReportEngines;
let run: ClickHouseReportRun;

/** Other visitors' traffic moved to late March: ids of their own, times shifted whole days. */
function lateEvents(): StoredEvent[] {
  return randomReportEvents(seededRandom(20260329), 150).map((event) => ({
    ...event,
    id: randomUUID(),
    ts: event.ts + LATE_SHIFT,
    receivedAt: event.receivedAt + LATE_SHIFT,
    visitorId: `late-${event.visitorId}`,
    sessionId: `late-${event.sessionId}`,
  }));
}

const isProductView = (event: StoredEvent) => event.path?.startsWith('/products/') === true;
const isShopping = (event: StoredEvent) => ['add_to_cart', 'begin_checkout', 'purchase'].includes(event.name);

/**
 * The first minute of the traffic whose events are all `allowed` and one of them `wanted`, as a
 * window: previous periods where some journeys have units and others none.
 */
function minuteWhere(wanted: (event: StoredEvent) => boolean, allowed: (event: StoredEvent) => boolean) {
  const minutes = new Map<number, StoredEvent[]>();
  for (const event of events) minutes.set(event.ts, [...(minutes.get(event.ts) ?? []), event]);
  const [minute] = [...minutes]
    .filter(([, at]) => at.some(wanted) && at.every(allowed))
    .map(([ts]) => ts)
    .sort((a, b) => a - b);
  if (minute === undefined) throw new Error('the random traffic has no such minute');
  return { from: new Date(minute).toISOString(), to: new Date(minute + 60_000).toISOString() };
}

/** computeReport over `range` in DuckDB, and its stage tables copied into a fresh run. */
async function reportRun(range: ReportRange = {}): Promise<ClickHouseReportRun> {
  await computeReport(config, engines.store, { range });
  const fresh = await openReportRun(engines.shards, ['shop']);
  await copyStageTables(engines.store, fresh, STAGES);
  return fresh;
}

const byJson = <T>(rows: T[]): T[] =>
  rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => row);

describeClickHouse('segment metrics from a ClickHouse report run', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
    run = await reportRun();
  });
  afterAll(async () => {
    if (run !== undefined) await closeReportRun(run);
    await engines?.stop();
  });

  it('breakdown counts: units per step of every one-dimension segment', async () => {
    const expected = await breakdownCounts(engines.store);
    const actual = await clickHouseBreakdownCounts(run);
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.some((row) => (row.steps[3] ?? 0) > 0)).toBe(true);
    expect(actual).toEqual(byJson(expected).sort(byKey('journey', 'dimension', 'value')));
  });

  it('cross-segment counts: every tested pair of values, in DuckDB’s order', async () => {
    const expected = await crossSegmentCounts(engines.store);
    expect(expected.length).toBeGreaterThan(5);
    expect(expected.some((row) => row.converted > 0)).toBe(true);
    expect(await clickHouseCrossSegmentCounts(run)).toEqual(expected);
  });

  for (const timezone of ZONES) {
    for (const granularity of ['day', 'week'] as const) {
      it(`trend by ${granularity} in ${timezone}`, async () => {
        const expected = await trendCounts(engines.store, new SqlParams(), timezone, granularity);
        expect(expected.length).toBeGreaterThan(granularity === 'day' ? 40 : 10);
        expect(expected.some((row) => row.converted > 0)).toBe(true);
        expect(await clickHouseTrendCounts(run, timezone, granularity)).toEqual(expected);
      });
    }
  }

  it('trend days on both sides of Helsinki’s DST change', async () => {
    const rows = await clickHouseTrendCounts(run, 'Europe/Helsinki', 'day');
    const periods = new Set(rows.filter((row) => row.journey === 'checkout').map((row) => row.period));
    for (const day of ['2026-03-28', '2026-03-29', '2026-03-30']) expect(periods.has(day), day).toBe(true);
  });

  it('local days and weeks of every quarter hour of 2026, as DuckDB names them', async () => {
    const start = BigInt(Date.UTC(2026, 0, 1)) * 1000n;
    const slots = 365 * 96;
    const slotUs = 900_000_000n;
    for (const timezone of [...ZONES, 'Australia/Lord_Howe']) {
      for (const granularity of ['day', 'week'] as const) {
        // Each period's first and last quarter hour: the periods follow time, so these fix the mapping.
        const duckDb = await engines.store.query(
          `select p as period, min(slot_us)::varchar as first, max(slot_us)::varchar as last from (
            select slot_us, strftime(date_trunc('${granularity}', timezone('${timezone}', to_timestamp(slot_us / 1e6))), '%Y-%m-%d') as p
            from (select ${start} + range * ${slotUs} as slot_us from range(${slots}))) group by p order by p`,
        );
        const clickHouse = await engines.shards.first.query(
          `SELECT ${localPeriodSql('slot_us', timezone, granularity)} AS period, toString(min(slot_us)) AS first,
            toString(max(slot_us)) AS last
          FROM (SELECT toInt64(${start}) + toInt64(number) * ${slotUs} AS slot_us FROM system.numbers LIMIT ${slots})
          GROUP BY period ORDER BY period`,
        );
        expect(duckDb.length, `${timezone} ${granularity}`).toBeGreaterThan(granularity === 'day' ? 364 : 52);
        expect(clickHouse, `${timezone} ${granularity}`).toEqual(duckDb);
      }
    }
  });

  for (const timezone of ZONES) {
    it(`cohort cells in ${timezone}`, async () => {
      const expected = await cohortCells(engines.store, config.journeys, timezone);
      // One visitor journey of two steps with cohorts ('any' keeps no time per step): a row a week.
      expect(expected.length).toBeGreaterThanOrEqual(5);
      expect(expected.some((row) => (row.reached[0] ?? 0) > 0)).toBe(true);
      expect(new Set(expected.map((row) => row.observed_weeks)).size).toBeGreaterThan(1);
      expect(await clickHouseCohortCells(run, config.journeys, timezone, {})).toEqual(expected);
    });
  }

  it('cohort cells of a report range that ends before the data does', async () => {
    const range = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-27T12:00:00.000Z' };
    const ranged = await reportRun(range);
    try {
      const expected = await cohortCells(engines.store, config.journeys, 'Europe/Helsinki');
      expect(expected.length).toBeGreaterThanOrEqual(3);
      expect(await clickHouseCohortCells(ranged, config.journeys, 'Europe/Helsinki', range)).toEqual(expected);
      // Not the same cells as without the range: the data ends earlier.
      expect(expected).not.toEqual(await clickHouseCohortCells(run, config.journeys, 'Europe/Helsinki', {}));
    } finally {
      await closeReportRun(ranged);
      await computeReport(config, engines.store);
    }
  });

  it('cohort cells without visitor journeys are none', async () => {
    const sessionOnly = config.journeys.filter((journey) => journey.unit !== 'visitor');
    expect(await cohortCells(engines.store, sessionOnly, 'UTC')).toEqual([]);
    expect(await clickHouseCohortCells(run, sessionOnly, 'UTC', {})).toEqual([]);
  });

  const windows = [
    ['a window of days inside the traffic', { from: '2026-03-03T00:00:00.000Z', to: '2026-03-06T12:00:00.000Z' }],
    ['a window across Helsinki’s DST change', { from: '2026-03-28T00:00:00.000Z', to: '2026-03-30T00:00:00.000Z' }],
    // The sequential journeys count units here; the any-order one (from the cart on) has none.
    ['a minute with product views and no cart', minuteWhere(isProductView, (event) => !isShopping(event))],
    // Events, but no step of any journey: every journey has zero units.
    [
      'a minute without any step',
      minuteWhere(
        () => true,
        (event) => !isProductView(event) && !isShopping(event),
      ),
    ],
    ['a window before the traffic', { from: '2026-02-01T00:00:00.000Z', to: '2026-02-05T00:00:00.000Z' }],
  ] as const;
  for (const [name, window] of windows) {
    it(`previous period step counts: ${name}`, async () => {
      const expected = await previousPeriodCounts(engines.store, config, window);
      const actual = await clickHouseReportPreviousPeriodCounts(run, config, window);
      expect(expected?.from).toBe(window.from);
      expect({ ...actual, rows: byJson(actual?.rows ?? []) }).toEqual({
        ...expected,
        rows: byJson(expected?.rows ?? []),
      });
    });
  }

  it('previous period step counts are not vacuous', async () => {
    const inside = await previousPeriodCounts(engines.store, config, windows[0][1]);
    expect(inside?.sitesWithData).toEqual(['shop']);
    expect(new Set(inside?.rows.map((row) => row.journey))).toEqual(new Set(config.journeys.map((j) => j.id)));
    expect(inside?.rows.find((row) => row.journey === 'checkout' && row.step === 4)?.units).toBeGreaterThan(0);
    // DuckDB's any-order count has no row without units; the sequential journeys' counts have one per step.
    const minute = await clickHouseReportPreviousPeriodCounts(run, config, windows[2][1]);
    expect(minute?.rows.find((row) => row.journey === 'checkout' && row.step === 1)?.units).toBeGreaterThan(0);
    expect(minute?.rows.filter((row) => row.journey === 'any')).toEqual([]);
    expect(minute?.rows.filter((row) => row.journey === 'quick').map((row) => row.step)).toEqual([1, 2, 3, 4]);
    const none = await clickHouseReportPreviousPeriodCounts(run, config, windows[3][1]);
    expect(none?.sitesWithData).toEqual(['shop']);
    expect(new Set(none?.rows.map((row) => row.journey))).toEqual(new Set(['checkout', 'quick', 'no-feedback']));
    expect(none?.rows.every((row) => row.units === 0)).toBe(true);
    const before = await clickHouseReportPreviousPeriodCounts(run, config, windows[4][1]);
    expect(before).toEqual({ ...windows[4][1], sitesWithData: [], rows: [] });
  });
});

function byKey<T extends Record<string, unknown>>(...keys: (keyof T)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const x = String(a[key]);
      const y = String(b[key]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
}
