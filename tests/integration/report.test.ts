import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CampaignReport, computeReport, type JourneyReport, type ReportData } from '../../reports/index.ts';
import { Store } from '../../store/index.ts';
import { appendReportFixture, reportConfig } from '../support/report-fixture.ts';
import { tempDir } from '../support/temp.ts';

let report: ReportData;
let journey: JourneyReport;
let campaign: CampaignReport;
beforeAll(async () => {
  const store = await Store.open(join(tempDir(), 'report.duckdb'));
  await appendReportFixture(store);
  report = await computeReport(reportConfig, store);
  await store.close();
  journey = report.journeys[0] as JourneyReport;
  campaign = report.campaigns[0] as CampaignReport;
});

describe('journey report', () => {
  it('gives units, shares, Wilson intervals and drop-offs per step', () => {
    expect(journey.steps.map((s) => [s.name, s.count, s.ofStart, s.ofPrevious, s.droppedHere])).toEqual([
      ['Product', 2, 1, 1, 1],
      ['Cart', 1, 0.5, 0.5, 0],
      ['Paid', 1, 0.5, 1, 0],
    ]);
    // Wilson 95 % for 1 of 2: 0.094531..0.905469.
    expect(journey.steps[1]?.interval).toEqual({ low: 0.094531, high: 0.905469 });
    expect(journey.conversion).toEqual({ rate: 0.5, interval: { low: 0.094531, high: 0.905469 } });
    expect(journey.biggestDropOff).toEqual({ afterStep: 1, dropped: 1, share: 0.5, significantlyWorse: false });
  });

  it('times steps, conversion and leaving, and says what dropped units did next', () => {
    expect(journey.steps.map((s) => s.timeFromPrevious?.medianSeconds ?? null)).toEqual([null, 60, 120]);
    expect(journey.timeToConvert.medianSeconds).toBe(180);
    expect(journey.timeToConvert.buckets.map((b) => b.units)).toEqual([0, 1, 0, 0, 0, 0]);
    expect(journey.steps[0]?.timeBeforeLeaving).toEqual({ units: 1, medianSeconds: 300, p75Seconds: 300 });
    expect(journey.steps[0]?.nextActions).toEqual([{ action: '/about', units: 1, share: 1 }]);
    expect(journey.steps[0]?.samples.map((s) => s.lastStepAt)).toEqual(['2026-03-01T12:00:00.000Z']);
  });

  it('summarises feedback as NPS at the step the unit had reached', () => {
    expect(journey.steps.map((s) => s.nps?.score ?? null)).toEqual([null, 100, null]);
  });

  it('breaks down by segment, marking small samples, and trends by local day', () => {
    const devices = journey.breakdowns.find((b) => b.dimension === 'device')?.segments;
    expect(devices?.map((s) => [s.value, s.steps, s.smallSample, s.worse])).toEqual([
      ['mobile', [1, 1, 1], true, false],
      ['unknown', [1, 0, 0], true, false],
    ]);
    expect(journey.trend).toEqual({
      granularity: 'day',
      points: [{ period: '2026-03-01', started: 2, converted: 1, conversion: 0.5 }],
    });
    // The default range starts at the first event: nothing before it to compare with.
    expect(journey.previousPeriod).toBeNull();
  });
});

describe('campaign report', () => {
  it('normalises spellings and counts traffic', () => {
    expect(report.campaigns.map((c) => c.campaign)).toEqual(['spring-sale']);
    expect(campaign.variants).toEqual([
      { spelling: ' Spring-Sale', sessions: 1 },
      { spelling: 'spring-sale', sessions: 1 },
    ]);
    expect([campaign.visitors, campaign.sessions, campaign.bounceRate, campaign.pagesPerSession]).toEqual([
      2, 2, 0, 1.5,
    ]);
    expect(campaign.siteAverage).toEqual({ bounceRate: 0.333333, pagesPerSession: 1.333333, conversionRate: 0.5 });
  });

  it('follows the campaign funnel step by step inside its period', () => {
    expect(campaign.journey).toEqual({
      id: 'checkout',
      byDefault: false,
      steps: [2, 1, 1],
      started: 2,
      conversions: 1,
      rate: 0.5,
      interval: { low: 0.094531, high: 0.905469 },
    });
  });

  it('measures targets against the share of the period elapsed (86 h of 743 h, Helsinki dates)', () => {
    expect(campaign.targets.map((t) => [t.metric, t.actual, t.expectedByNow, t.status])).toEqual([
      ['visitors', 2, 1.15747, 'on-track'],
      ['conversions', 1, 0.578735, 'on-track'],
      ['conversionRate', 0.5, 0.1, 'on-track'],
      ['revenue', 120, 115.746972, 'on-track'],
    ]);
    expect(campaign.value).toEqual({
      source: 'journey',
      total: 120,
      perVisitor: 60,
      // One payer: the top 10 % of one visitor is a tenth of that visitor's value (see ValueConcentration).
      top10Share: 0.1,
      top20Share: 0.2,
      payers: 1,
      deciles: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1],
    });
    expect(campaign.budget).toEqual({ amount: 100, costPerConversion: 100, returnOnSpend: 1.2 });
  });
});
