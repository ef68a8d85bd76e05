import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { assembleCampaigns } from './campaign/assemble.ts';
import { explainCampaign } from './campaign/explanation.ts';
import { utmWarnings } from './campaign/utm-warnings.ts';
import { openDuckDbReportEngine } from './duckdb-engine.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import { assembleJourney, CONVERT_BUCKETS, type JourneyRows, NEXT_ACTIONS } from './journey/assemble.ts';
import { REPORT_MODEL_VERSION, type ReportData } from './model.ts';
import { overview } from './overview.ts';
import type { ReportEngine } from './report-engine.ts';
import { journeyValue } from './value/journey-value.ts';

/** Longer ranges trend by week instead of by day. */
const DAILY_TREND_MAX_DAYS = 62;

/**
 * Computes the whole report model from the database. Funnels for all journeys are computed once
 * into a temporary table; then every metric is one GROUP BY query over all journeys (or campaigns),
 * whose rows are sliced per journey and campaign in memory.
 */
export async function computeReport(
  config: PolkuConfig,
  store: Store,
  options: ReportOptions = {},
): Promise<ReportData> {
  return computeReportWith(config, await openDuckDbReportEngine(store, config), options);
}

/**
 * The report model from an engine's rows (report-engine.ts): the stages first, then one query per
 * metric, assembled here the same way whichever database answered.
 */
export async function computeReportWith(
  config: PolkuConfig,
  engine: ReportEngine,
  { range = {}, previous, onTiming }: ReportOptions = {},
): Promise<ReportData> {
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    onTiming?.(label, (performance.now() - start) / 1000);
    return result;
  };
  const { events, first, last } = await engine.summary(range);

  await step('journey units', () =>
    engine.computeJourneyUnits(config.journeys, range, (what, seconds) =>
      onTiming?.(`journey units: ${what}`, seconds),
    ),
  );
  await step('session facts', () => engine.computeSessionFacts(range));
  await step('unit dimensions', () => engine.computeUnitDimensions());
  await step('campaign periods', () => engine.computeCampaignPeriods(config, last));
  await step('conversion values', () => engine.computeConversionValues(config, range));
  await step('segment levels', () => engine.computeSegmentLevels());

  const span = periodOf(range, first, last);
  const granularity = span !== null && span.days > DAILY_TREND_MAX_DAYS ? 'week' : 'day';
  const rows: JourneyRows = {
    steps: await step('stepCounts', () => engine.stepCounts()),
    timeFromPrevious: await step('timeFromPrevious', () => engine.timeFromPrevious()),
    timeToConvert: await step('timeToConvert', () =>
      engine.timeToConvert(CONVERT_BUCKETS.map((bucket) => bucket.upToSeconds)),
    ),
    timeBeforeLeaving: await step('timeBeforeLeaving', () => engine.timeBeforeLeaving()),
    nextActions: await step('nextActions', () => engine.nextActions()),
    samples: await step('dropOffSamples', () => engine.dropOffSamples()),
    ...(await step('feedbackByStep', () => engine.feedbackByStep(range))),
    breakdowns: await step('breakdownCounts', () => engine.breakdownCounts()),
    crossSegments: await step('crossSegmentCounts', () => engine.crossSegmentCounts()),
    trend: await step('trend', () => engine.trendCounts(config.report.timezone, granularity)),
    granularity,
    cohorts: await step('cohorts', () => engine.cohortCells(config.journeys, config.report.timezone, range)),
    previous:
      span === null
        ? null
        : await step('previous period', () => engine.previousPeriodCounts(config, previous ?? previousWindow(span))),
  };
  const values = await step('journey values', () => engine.journeyValues());
  const decilesOfJourneys = await step('journeyDeciles', () => engine.journeyDeciles(config.journeys));
  const journeys = config.journeys.map((journey) => ({
    ...assembleJourney(journey, rows, config.report.tables.maxRows),
    value: journeyValue(journey.id, values, decilesOfJourneys),
  }));
  const journeyTotals = new Map(
    journeys.map((j) => [
      j.id,
      {
        site: j.site,
        stepCount: j.steps.length,
        started: j.steps[0]?.count ?? 0,
        converted: j.steps.at(-1)?.count ?? 0,
      },
    ]),
  );
  const { campaigns: assembled, other: otherCampaigns } = assembleCampaigns(config, {
    totals: await step('campaignTotals', () => engine.campaignTotals()),
    rankings: await step('campaignRankings', () => engine.campaignRankings()),
    concentration: await step('campaignDeciles', () => engine.campaignDeciles()),
    periods: await step('campaignPeriods', () => engine.campaignPeriods()),
    siteAverages: await step('siteAverages', () => engine.siteAverages()),
    journeys: await step('campaignJourneys', () => engine.campaignJourneys(config)),
    journeyTotals,
  });
  const days = await step('campaignDays', () => engine.campaignDailyTrends(config.report.timezone));
  const segments = await step('campaignSegments', () => engine.campaignSegments(config));
  const campaigns = assembled.map((campaign) => ({
    ...campaign,
    explanation: explainCampaign(
      campaign,
      journeys.find((journey) => journey.id === campaign.journey?.id),
      segments,
    ),
    daily: days.get(campaign.campaign) ?? [],
    utmWarnings: utmWarnings(campaign),
  }));
  return {
    version: REPORT_MODEL_VERSION,
    title: config.report.title,
    timezone: config.report.timezone,
    currency: config.report.currency,
    generatedAt: last,
    range: first !== null && last !== null ? { from: first, to: last } : null,
    requested: { from: range.from ?? null, to: range.to ?? null },
    eventCount: events,
    journeys,
    campaigns,
    otherCampaigns,
    limits: {
      campaignMinSessions: config.report.campaigns.minSessions,
      maxUnconfiguredCampaigns: config.report.campaigns.maxUnconfigured,
      maxRows: config.report.tables.maxRows,
      nextActions: NEXT_ACTIONS,
    },
    revenue:
      config.revenue === undefined
        ? null
        : {
            event: config.revenue.event,
            props: config.revenue.props ?? null,
            valueProp: config.revenue.valueProp ?? null,
          },
    overview: overview(journeys, campaigns),
    ...(engine.backend === 'clickhouse' ? { backend: 'clickhouse' as const } : {}),
  };
}

export interface ReportOptions {
  /** Events to include (default: all). */
  range?: ReportRange;
  /**
   * The window to compare with (a named period's as many local days before, reports/periods.ts);
   * default: the same length in time just before the period.
   */
  previous?: { from: string; to: string };
  /** Called after each query with its label and duration in seconds (benchmarks, diagnostics); the journey
   * units also per journey, as `journey units: <id>` (DuckDB). */
  onTiming?: (label: string, seconds: number) => void;
}

interface Span {
  from: string;
  to: string;
  days: number;
}

/** The report's period: the requested range, completed by the data's first and last event. */
function periodOf(range: ReportRange, first: string | null, last: string | null): Span | null {
  const from = range.from ?? first;
  const to = range.to ?? (last === null ? null : new Date(Date.parse(last) + 1).toISOString());
  if (from === null || to === null) return null;
  return { from, to, days: (Date.parse(to) - Date.parse(from)) / 86_400_000 };
}

/** The window of the same length in time just before the period. */
function previousWindow(span: Span): { from: string; to: string } {
  const length = Date.parse(span.to) - Date.parse(span.from);
  return { from: new Date(Date.parse(span.from) - length).toISOString(), to: span.from };
}
