import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PolkuConfig } from '../../config/index.ts';
import { computeCampaignPeriods } from '../../reports/campaign/campaign-queries.ts';
import { clickHouseComputeCampaignPeriods } from '../../reports/clickhouse/campaign/campaign-periods.ts';
import { clickHouseDuckDbLower, duckDbLowerPairs } from '../../reports/clickhouse/duckdb-lower.ts';
import { clickHouseSegmentLevels } from '../../reports/clickhouse/journey/segment-levels.ts';
import { clickHouseReportSummary } from '../../reports/clickhouse/report-summary.ts';
import { closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import { clickHouseSessionFacts } from '../../reports/clickhouse/session-facts.ts';
import { clickHouseUnitDimensions } from '../../reports/clickhouse/unit-dimensions.ts';
import { clickHouseConversionValues, duckDbDouble } from '../../reports/clickhouse/value/conversion-values.ts';
import { computeReport } from '../../reports/index.ts';
import { sqlFloat64, sqlString } from '../../store/clickhouse/literal.ts';
import type { StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import {
  copyStageTables,
  duckDbStageRows,
  dumpRunTable,
  type ReportEngines,
  startReportEngines,
} from '../support/clickhouse-report-run.ts';
import { storedEvent } from '../support/events.ts';
import { pickOne, seededRandom } from '../support/random.ts';
import { RANDOM_REPORT_START, randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The report's stages before its metric queries (reports/report.ts computeReport), each computed on
 * a real 2-shard cluster into its run table and compared row for row with DuckDB's temporary table
 * on the same events: the summary, session facts, unit dimensions, campaign periods, conversion
 * values and campaign value rules, and segment levels. Random shop traffic plus sessions with hostile
 * UTM values and paths (quotes, backslashes, control characters, non-ASCII case, Unicode spaces),
 * another site's events (which no stage may count), and purchases whose price is a property in every
 * spelling (for `revenue.valueProp`).
 */
const MINUTE = 60_000;
const HOSTILE_CAMPAIGNS = [
  'KESÄ-ALE',
  ' kesä-ale\u3000',
  '\u00a0Kesä-Ale\u2003',
  `it's "quoted" \\ back`,
  '\u0001ctl\ttab\n',
  '\t spaced\t',
  ' ',
  '<b>ΑΘΉΝΑ</b> & Σ',
  'Spring-Sale',
  'İSTANBUL-Ⱥ',
  'ᎠᎡ ǅemal 𐐀x',
];
const HOSTILE_SOURCES = [`o'brien`, 'back\\slash', 'nul\u0000l', 'Ääkkönen', null];
const HOSTILE_PATHS = [`/products/it's`, '/products/"x"\\y', '/products/\u0001\n', '/products/ä', '/', `/blog/'`];
const PRICES = ['12.50', 19.9, 'free', ' 7 ', '1_000', '3.28', '+-2', '', '1e3', '.5', '12,5', true, 0, -4.25];

/** Sessions with hostile labels and priced purchases, on the report's site and on another one. */
function hostileEvents(random: () => number): StoredEvent[] {
  const events: StoredEvent[] = [];
  for (let v = 0; v < 60; v++) {
    for (let s = 0; s < 2; s++) {
      const start = RANDOM_REPORT_START + Math.floor(random() * 9 * 86_400_000);
      const base = {
        site: v % 10 === 9 ? 'other' : 'shop',
        visitorId: `hostile-${v}`,
        sessionId: `hostile-${v}-${s}`,
        channel: pickOne(random, ['Email', 'Social', null]),
        device: pickOne(random, ['desktop', null]),
      };
      events.push(
        storedEvent({
          ...base,
          ts: start,
          path: pickOne(random, HOSTILE_PATHS),
          utmCampaign: pickOne(random, [...HOSTILE_CAMPAIGNS, null]),
          utmSource: pickOne(random, HOSTILE_SOURCES),
          utmMedium: pickOne(random, ['e\\mail', `cp'c`, null]),
          utmContent: pickOne(random, ['ä\u0000', null]),
          utmTerm: pickOne(random, ['"term"', null]),
        }),
        storedEvent({ ...base, ts: start + MINUTE, name: 'add_to_cart', path: '/cart' }),
        storedEvent({ ...base, ts: start + MINUTE, name: 'begin_checkout', path: '/checkout' }),
        storedEvent({
          ...base,
          ts: start + 2 * MINUTE,
          name: 'purchase',
          path: '/thanks',
          value: pickOne(random, [10, 45.5, null]),
          props: { price: pickOne(random, PRICES) },
        }),
      );
    }
  }
  return events;
}

/** The random traffic's purchases carry a price property too, in the spellings above. */
function withPrices(events: StoredEvent[], random: () => number): StoredEvent[] {
  return events.map((event) =>
    event.name === 'purchase' && random() < 0.7 ? { ...event, props: { price: pickOne(random, PRICES) } } : event,
  );
}

const random = seededRandom(20261204);
const events = [...withPrices(randomReportEvents(random, 420), random), ...hostileEvents(random)];
const valuePropConfig: PolkuConfig = { ...randomReportConfig(), revenue: { event: 'purchase', valueProp: 'price' } };
const CONFIGS: [string, PolkuConfig][] = [
  ['journeys only', randomReportConfig()],
  ['revenue', randomReportConfig({ revenue: true })],
  ['revenue from a property', valuePropConfig],
];
const RANGES = [{}, { from: '2026-03-03T00:00:00.000Z', to: '2026-03-07T12:30:00.000Z' }];

const STAGES = [
  'session_facts',
  'unit_dimensions',
  'campaign_periods',
  'conversion_values',
  'campaign_value_rules',
  'segment_levels',
] as const;

let engines: ReportEngines;

describeClickHouse('the report stages on a ClickHouse cluster', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
    // A fifth of the events shipped twice (a retried segment: identical rows, seq included), not yet
    // merged away: every stage must read them once (FINAL).
    await engines.shards.first.command(
      'INSERT INTO events SELECT * FROM events WHERE sipHash64(toString(id)) % 5 = 0',
      { insert_distributed_sync: 1 },
    );
    const [rows] = await engines.shards.first.query<{ rows: string; ids: string }>(
      'SELECT count() AS rows, uniqExact(id) AS ids FROM events',
    );
    expect(Number(rows?.rows)).toBeGreaterThan(Number(rows?.ids) * 1.1);
  });
  afterAll(() => engines?.stop());

  for (const [label, config] of CONFIGS) {
    for (const range of RANGES) {
      const name = `${label}, ${range.from === undefined ? 'all events' : 'a range'}`;
      it(`equal DuckDB's stage tables (${name})`, async () => {
        const report = await computeReport(config, engines.store, { range });
        const run = await openReportRun(
          engines.shards,
          config.sites.map((site) => site.id),
        );
        try {
          const summary = await clickHouseReportSummary(run, range);
          expect(summary).toEqual({
            events: report.eventCount,
            first: report.range?.from ?? null,
            last: report.range?.to ?? null,
          });
          expect(summary.events).toBeGreaterThan(1000);

          await clickHouseSessionFacts(run, range);
          const sessions = await duckDbStageRows(engines.store, 'session_facts');
          expect(await dumpRunTable(run, 'session_facts')).toEqual(sessions);
          const campaigns = new Set(sessions.map((row) => row.campaign));
          expect(campaigns).toContain('kesä-ale');
          expect(campaigns).toContain(`it's "quoted" \\ back`);
          expect(campaigns).toContain('\u0001ctl\ttab\n');
          expect(campaigns).toContain('istanbul-ⱥ');
          expect(campaigns).toContain('ꭰꭱ ǆemal 𐐨x');
          expect(sessions.some((row) => row.site === 'other')).toBe(false);

          await copyStageTables(engines.store, run, ['journey_list', 'journey_units']);
          await clickHouseUnitDimensions(run);
          const dimensions = await duckDbStageRows(engines.store, 'unit_dimensions');
          expect(dimensions.length).toBeGreaterThan(500);
          expect(await dumpRunTable(run, 'unit_dimensions')).toEqual(dimensions);
          // Visitor units whose campaign is an earlier session's (the last non-direct touch).
          const [touched] = await engines.store.query(
            `select count(*)::integer as units from journey_units u
            join session_facts s on s.session_no = u.last_session
            join unit_dimensions d on d.journey_index = u.journey_index and d.unit = u.unit
            where u.unit_kind = 'visitor' and s.campaign is null and d.campaign <> '(none)'`,
          );
          expect(touched?.units).toBeGreaterThan(5);

          await clickHouseComputeCampaignPeriods(run, config, summary.last);
          expect(await dumpRunTable(run, 'campaign_periods')).toEqual(
            await duckDbStageRows(engines.store, 'campaign_periods'),
          );

          await clickHouseConversionValues(run, config, range);
          const values = await duckDbStageRows(engines.store, 'conversion_values');
          expect(new Set(values.map((row) => row.rule)).size).toBeGreaterThan(config.revenue ? 3 : 2);
          expect(await dumpRunTable(run, 'conversion_values')).toEqual(values);
          if (config.revenue?.valueProp !== undefined) {
            const amounts = new Set(values.filter((row) => row.rule === 'revenue').map((row) => row.amount));
            for (const amount of [12.5, 19.9, 7, 1000, 3.28, -2, 0.5, 0, -4.25]) expect(amounts).toContain(amount);
          }
          const rules = await duckDbStageRows(engines.store, 'campaign_value_rules');
          expect(rules.length).toBeGreaterThan(3);
          expect(await dumpRunTable(run, 'campaign_value_rules')).toEqual(rules);

          await clickHouseSegmentLevels(run);
          const levels = await duckDbStageRows(engines.store, 'segment_levels');
          expect(levels.length).toBeGreaterThan(100);
          expect(await dumpRunTable(run, 'segment_levels')).toEqual(levels);
        } finally {
          await closeReportRun(run);
        }
      });
    }
  }

  it('gives empty stage tables, as DuckDB, for a range without events', async () => {
    const config = valuePropConfig;
    const range = { from: '2030-01-01T00:00:00.000Z', to: '2030-02-01T00:00:00.000Z' };
    const report = await computeReport(config, engines.store, { range });
    expect(report.eventCount).toBe(0);
    const run = await openReportRun(engines.shards, ['shop']);
    try {
      const summary = await clickHouseReportSummary(run, range);
      expect(summary).toEqual({ events: 0, first: null, last: null });
      await clickHouseSessionFacts(run, range);
      await copyStageTables(engines.store, run, ['journey_list', 'journey_units']);
      await clickHouseUnitDimensions(run);
      await clickHouseComputeCampaignPeriods(run, config, summary.last);
      await clickHouseConversionValues(run, config, range);
      await clickHouseSegmentLevels(run);
      for (const name of STAGES) {
        expect(await dumpRunTable(run, name), name).toEqual(await duckDbStageRows(engines.store, name));
      }
      // Without a newest event, a campaign with a period counts as wholly elapsed (DuckDB's least/greatest skip the null).
      expect(await dumpRunTable(run, 'campaign_periods')).toContainEqual(expect.objectContaining({ elapsed: 1 }));
    } finally {
      await closeReportRun(run);
    }
  });

  it('places campaign periods in time zones whose clocks skip or repeat midnight as DuckDB does', async () => {
    // Midnight skipped (Santiago in September, Havana in March, Beirut in March) or repeated (Havana
    // in November, Beirut in October).
    const campaigns = {
      'Winter ': { from: '2026-09-06', to: '2026-11-01' },
      SPRING: { from: '2026-03-08', to: '2026-10-24' },
      summer: { from: '2026-03-29', to: '2026-10-25' },
      open: { from: '2026-03-01' },
      always: {},
    };
    const zones = ['America/Santiago', 'America/Havana', 'Asia/Beirut', 'Europe/Helsinki', 'UTC', 'Pacific/Chatham'];
    for (const timezone of zones) {
      for (const now of [null, '2026-06-15T10:20:30.123Z', '2027-01-01T00:00:00.000Z']) {
        const base = randomReportConfig();
        const config: PolkuConfig = { ...base, campaigns, report: { ...base.report, timezone } };
        await computeCampaignPeriods(engines.store, config, now);
        const run = await openReportRun(engines.shards, ['shop']);
        try {
          await clickHouseComputeCampaignPeriods(run, config, now);
          const expected = await duckDbStageRows(engines.store, 'campaign_periods');
          expect(expected).toHaveLength(5);
          expect(await dumpRunTable(run, 'campaign_periods'), `${timezone} ${now}`).toEqual(expected);
        } finally {
          await closeReportRun(run);
        }
      }
    }
  });

  it('lowers every code point as DuckDB does', async () => {
    const { from, to } = duckDbLowerPairs();
    const rows = await engines.store.query(
      `select i, lower(chr(i::int)) as lower from range(1, 1114112) t(i) where (i < 55296 or i > 57343) and lower(chr(i::int)) <> chr(i::int)`,
    );
    // The driver drops a leading U+FEFF from every string it reads (TextDecoder), so chr(0xFEFF) reads as ''.
    const duckDb = rows.filter((row) => Number(row.i) !== 0xfeff);
    expect(duckDb.map((row) => [String.fromCodePoint(Number(row.i)), row.lower])).toEqual(
      from.map((upper, index) => [upper, to[index]]),
    );
    const text = `${from.join('')} plain ascii ÄÖ\u0000\n${'İ'.repeat(3)}`;
    const [row] = await engines.shards.first.query<{ lower: string }>(
      `SELECT ${clickHouseDuckDbLower(sqlString(text))} AS lower`,
    );
    const [expected] = await engines.store.query('select lower($text) as lower', { text });
    expect(row?.lower).toBe(expected?.lower);
    expect(row?.lower).toContain('iii');
  });

  it('writes Float64 literals exactly (sqlFloat64), where 18.16 parses some decimal text one bit off', async () => {
    const values = [3.28, 1.39, 19.9, 0.1, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, -0, 0, -4.25];
    const [row] = await engines.shards.first.query<{ exact: number[]; parsed: number }>(
      `SELECT [${values.map(sqlFloat64).join(', ')}] AS exact, toFloat64('3.28') AS parsed`,
    );
    expect(row?.exact.map((value, index) => Object.is(value, values[index]))).toEqual(values.map(() => true));
    expect(row?.parsed).not.toBe(3.28);
    const [special] = await engines.shards.first.query<{ nan: number; inf: number }>(
      `SELECT isNaN(${sqlFloat64(Number.NaN)}) AS nan, ${sqlFloat64(Number.NEGATIVE_INFINITY)} < -1e308 AS inf`,
    );
    expect(special).toEqual({ nan: 1, inf: 1 });
  });

  it('reads a price property as DuckDB’s try_cast reads it', async () => {
    const texts = [
      ...PRICES.map(String),
      ...['+.5', '5.', '1__0', '_1', '1_', '1._5', '1.5_5', '1e1_0', '1e_1', '.', '1e', 'e5', '++1', '-+1', '1.e5'],
      ...['Inf', '-infinity', 'NaN', '-nan', 'infinit', ' inf ', '\v1\f', '\r1', '1\u0000', '- 1', '1 2', '0x10'],
      ...['12.5\u00a0', '١٢', '00012', '-0', '1e400', '0.1e-400', '4.9e-324', '1.7976931348623157e308', '9'.repeat(30)],
    ];
    for (const text of texts) {
      const [row] = await engines.store.query('select try_cast($text as double) as v', { text });
      expect(Object.is(duckDbDouble(text), row?.v ?? null), JSON.stringify(text)).toBe(true);
    }
  });
});
