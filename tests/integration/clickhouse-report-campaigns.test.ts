import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolkuConfig } from '../../config/index.ts';
import { campaignJourneys } from '../../reports/campaign/campaign-journeys.ts';
import {
  campaignPeriods,
  campaignRankings,
  campaignTotals,
  siteAverages,
} from '../../reports/campaign/campaign-queries.ts';
import { campaignSegments } from '../../reports/campaign/campaign-segments.ts';
import { campaignDailyTrends } from '../../reports/campaign/daily-trend.ts';
import { clickHouseCampaignJourneys } from '../../reports/clickhouse/campaign/campaign-journeys.ts';
import {
  clickHouseCampaignPeriods,
  clickHouseCampaignRankings,
  clickHouseCampaignTotals,
  clickHouseSiteAverages,
} from '../../reports/clickhouse/campaign/campaign-queries.ts';
import { clickHouseCampaignSegments } from '../../reports/clickhouse/campaign/campaign-segments.ts';
import { clickHouseCampaignDailyTrends } from '../../reports/clickhouse/campaign/daily-trend.ts';
import type { RunTableName } from '../../reports/clickhouse/run-schema.ts';
import { type ClickHouseReportRun, closeReportRun, openReportRun } from '../../reports/clickhouse/run-tables.ts';
import { clickHouseCampaignDeciles, clickHouseJourneyDeciles } from '../../reports/clickhouse/value/deciles.ts';
import { clickHouseJourneyValues } from '../../reports/clickhouse/value/journey-value.ts';
import { computeReport } from '../../reports/index.ts';
import { campaignDeciles, journeyDeciles } from '../../reports/value/deciles.ts';
import { journeyValues } from '../../reports/value/journey-value.ts';
import type { StoredEvent } from '../../store/index.ts';
import { describeClickHouse } from '../support/clickhouse-cluster.ts';
import { copyStageTables, type ReportEngines, startReportEngines } from '../support/clickhouse-report-run.ts';
import { storedEvent } from '../support/events.ts';
import { seededRandom } from '../support/random.ts';
import { randomReportConfig, randomReportEvents } from '../support/random-report-events.ts';

/**
 * The campaign and value metric queries on a real 2-shard cluster (reports/clickhouse/campaign-*.ts,
 * daily-trend.ts, deciles.ts, journey-value.ts) give exactly DuckDB's rows on the same events, read
 * from DuckDB's stage tables copied into a report run: with journey values only, with a revenue
 * rule, and without configured campaigns. Values are bit-equal because both engines add amounts as
 * exact whole millionths (reports/value/tables.ts); float sums differed in their last bits.
 */

/**
 * Sessions of campaign `newsletter-7` (no period) around Helsinki's switch to summer time
 * (2026-03-29 03:00 local, 01:00 UTC): local midnight is 22:00 UTC before it and 21:00 UTC after, so
 * a session at 21:30 UTC on the 29th is on the 30th in Helsinki, and one at 21:30 UTC on the 28th is
 * on the 28th still. Each buys something, so the days have value too.
 */
function sessionsAroundDst(): StoredEvent[] {
  const starts = [
    Date.UTC(2026, 2, 28, 21, 30),
    Date.UTC(2026, 2, 28, 22, 30),
    Date.UTC(2026, 2, 29, 0, 59),
    Date.UTC(2026, 2, 29, 1, 0),
    Date.UTC(2026, 2, 29, 20, 59),
    Date.UTC(2026, 2, 29, 21, 30),
  ];
  return starts.flatMap((ts, index) => {
    const base = { visitorId: `dst-v${index % 4}`, sessionId: `dst-s${index}`, channel: 'Email' };
    return [
      storedEvent({ ...base, ts, path: '/products/lamp', utmCampaign: 'Newsletter-7', utmSource: 'newsletter' }),
      storedEvent({ ...base, ts: ts + 60_000, name: 'purchase', path: '/thanks', value: 10.1 * (index + 1) }),
    ];
  });
}

/**
 * Campaign sessions with hostile UTM values (quotes, backslashes, control characters, markup: they
 * reach SQL only as data) and amounts no real sale has or a float sum adds inexactly: beyond ±10^12
 * (counted as 0 by both engines), negative (a refund), below a millionth, and tenths.
 */
function hostileSessions(): StoredEvent[] {
  const campaign = `It's "x" \\ <b>\u0001`;
  const amounts = [2e12, -7.25, 1e-7, 0.1, 0.2, 0.3, 19.99, 5e9, -3e15];
  return amounts.flatMap((value, index) => {
    const base = { visitorId: `hostile-v${index % 3}`, sessionId: `hostile-s${index}`, channel: 'Email' };
    const ts = Date.UTC(2026, 2, 4, 10, index);
    return [
      storedEvent({ ...base, ts, path: "/products/it's", utmCampaign: campaign, utmContent: "a'b\\", utmTerm: '\t' }),
      storedEvent({ ...base, ts: ts + 1000, name: 'purchase', path: '/thanks', value }),
    ];
  });
}

const events = [...randomReportEvents(seededRandom(20261205), 400), ...sessionsAroundDst(), ...hostileSessions()];
const STAGES: RunTableName[] = [
  'journey_list',
  'session_facts',
  'unit_dimensions',
  'conversion_values',
  'campaign_value_rules',
  'campaign_periods',
];
/** The campaigns in the data, normalised (trimmed, lower-cased), in JSON text order. */
const CAMPAIGNS = ['autumn', `it's "x" \\ <b>\u0001`, 'newsletter-7', 'spring-sale'];
let engines: ReportEngines;

/** Rows in one order for engines whose query leaves the order open. */
function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

describeClickHouse('campaign and value queries on ClickHouse', () => {
  beforeAll(async () => {
    engines = await startReportEngines(events);
  });
  afterAll(() => engines?.stop());

  for (const [label, config] of [
    ['journey values', randomReportConfig()],
    ['a revenue rule', randomReportConfig({ revenue: true })],
    // Campaigns seen only in the data: no periods, every value rule the default one.
    ['no configured campaigns', { ...randomReportConfig(), campaigns: {} }],
  ] as [string, PolkuConfig][]) {
    describe(`with ${label}`, () => {
      let run: ClickHouseReportRun;
      beforeAll(async () => {
        await computeReport(config, engines.store);
        run = await openReportRun(engines.shards, ['shop']);
        await copyStageTables(engines.store, run, STAGES);
      });
      afterAll(() => closeReportRun(run));

      it('journey values', async () => {
        const expected = await journeyValues(engines.store);
        // Every journey but `strict`, whose last step (begin_checkout) carries no value.
        expect([...expected.keys()].sort()).toEqual(['any', 'checkout', 'no-feedback', 'quick']);
        expect([...expected.values()].every((total) => total > 0)).toBe(true);
        expect(await clickHouseJourneyValues(run)).toEqual(expected);
      });

      it('journey and campaign deciles', async () => {
        const journeys = await journeyDeciles(engines.store, config.journeys);
        expect(journeys.map((row) => row.grp)).toEqual(['checkout', 'quick', 'any', 'no-feedback']);
        expect(journeys.every((row) => row.payers > 5 && row.total > 0)).toBe(true);
        expect(await clickHouseJourneyDeciles(run, config.journeys)).toEqual(journeys);
        const campaigns = sorted(await campaignDeciles(engines.store));
        expect(campaigns.map((row) => row.grp)).toEqual(CAMPAIGNS);
        expect(sorted(await clickHouseCampaignDeciles(run))).toEqual(campaigns);
      });

      it('campaign totals, rankings, periods and site averages', async () => {
        const totals = sorted(await campaignTotals(engines.store));
        expect(totals.map((row) => row.campaign)).toEqual(CAMPAIGNS);
        expect(totals.every((row) => row.sessions > 0 && row.value > 0)).toBe(true);
        // Exact whole millionths: 2e12 and -3e15 count as 0, 1e-7 rounds to 0, the rest add up exactly.
        expect(totals.find((row) => row.campaign === CAMPAIGNS[1])?.value).toBe(5000000013.34);
        expect(sorted(await clickHouseCampaignTotals(run))).toEqual(totals);
        const rankings = sorted(await campaignRankings(engines.store));
        expect(new Set(rankings.map((row) => row.kind))).toEqual(
          new Set(['landing_page', 'source', 'medium', 'content', 'term', 'variant', 'site']),
        );
        expect(sorted(await clickHouseCampaignRankings(run))).toEqual(rankings);
        const periods = sorted(await campaignPeriods(engines.store));
        expect(periods).toHaveLength(Object.keys(config.campaigns).length);
        expect(sorted(await clickHouseCampaignPeriods(run))).toEqual(periods);
        const sites = await siteAverages(engines.store);
        expect(sites).toHaveLength(1);
        expect(await clickHouseSiteAverages(run)).toEqual(sites);
      });

      it('campaign journeys and segments', async () => {
        const journeys = sorted(await campaignJourneys(engines.store, config));
        expect(journeys.length).toBeGreaterThanOrEqual(3);
        expect(sorted(await clickHouseCampaignJourneys(run, config))).toEqual(journeys);
        const segments = await campaignSegments(engines.store, config);
        // Segments are of configured campaigns that drive a journey only.
        if (Object.keys(config.campaigns).length === 0) expect(segments).toEqual([]);
        else expect(segments.length).toBeGreaterThan(3);
        expect(await clickHouseCampaignSegments(run, config)).toEqual(segments);
      });

      it('campaign days in Helsinki across the switch to summer time, and in other zones', async () => {
        const helsinki = await campaignDailyTrends(engines.store, 'Europe/Helsinki');
        const dst = helsinki.get('newsletter-7')?.filter((day) => day.day >= '2026-03-28');
        expect(dst?.map((day) => [day.day, day.sessions])).toEqual([
          ['2026-03-28', 1],
          ['2026-03-29', 4],
          ['2026-03-30', 1],
        ]);
        expect(await clickHouseCampaignDailyTrends(run, 'Europe/Helsinki')).toEqual(helsinki);
        for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
          expect(await clickHouseCampaignDailyTrends(run, zone), zone).toEqual(
            await campaignDailyTrends(engines.store, zone),
          );
        }
      });
    });
  }
});
