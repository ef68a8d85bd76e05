import type { PolkuConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import { assembleCampaigns } from './campaign/assemble.ts';
import { campaignJourneys } from './campaign/campaign-journeys.ts';
import {
  campaignPeriods,
  campaignRankings,
  campaignTotals,
  computeCampaignPeriods,
  siteAverages,
} from './campaign/campaign-queries.ts';
import { campaignSegments } from './campaign/campaign-segments.ts';
import { campaignDailyTrends } from './campaign/daily-trend.ts';
import { explainCampaign } from './campaign/explanation.ts';
import { utmWarnings } from './campaign/utm-warnings.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import { computeJourneyUnits, journeyStepCountsSql } from './funnel/units.ts';
import { assembleJourney, CONVERT_BUCKETS, type JourneyRows, NEXT_ACTIONS } from './journey/assemble.ts';
import { cohortCells } from './journey/cohorts.ts';
import { commentsByStep } from './journey/comment-queries.ts';
import { crossSegmentCounts } from './journey/cross-segments.ts';
import { computeSegmentLevels } from './journey/segment-levels.ts';
import { breakdownCounts, trendCounts } from './journey/segment-queries.ts';
import {
  dropOffSamples,
  nextActions,
  npsByStep,
  STEP_COUNT_SHAPE,
  stepCounts,
  timeBeforeLeaving,
  timeFromPrevious,
  timeToConvert,
} from './journey/step-queries.ts';
import { REPORT_MODEL_VERSION, type ReportData } from './model.ts';
import { overview } from './overview.ts';
import { defineReportEvents, REPORT_EVENTS } from './report-events.ts';
import { computeSessionFacts, rangeCondition } from './session-facts.ts';
import { SqlParams } from './sql-params.ts';
import { computeUnitDimensions } from './unit-dimensions.ts';
import { computeConversionValues } from './value/conversion-values.ts';
import { campaignDeciles, journeyDeciles } from './value/deciles.ts';
import { journeyValue, journeyValues } from './value/journey-value.ts';

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
  { range = {}, previous, onTiming }: ReportOptions = {},
): Promise<ReportData> {
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await work();
    onTiming?.(label, (performance.now() - start) / 1000);
    return result;
  };
  await defineReportEvents(store, config);
  const params = new SqlParams();
  // One row always (an aggregate without GROUP BY); `first` and `last` are null without events.
  const [summary] = await store.rows(
    'report summary',
    `select count(*)::integer as events, min(ts) as first, max(ts) as last from ${REPORT_EVENTS} where ${rangeCondition(range, params)}`,
    { events: 'integer', first: 'string?', last: 'string?' },
    params.values,
  );
  const first = summary?.first ?? null;
  const last = summary?.last ?? null;

  await step('journey units', () => computeJourneyUnits(store, config.journeys, range));
  await step('session facts', () => computeSessionFacts(store, new SqlParams(), range));
  await step('unit dimensions', () => computeUnitDimensions(store));
  await step('campaign periods', () => computeCampaignPeriods(store, config, last));
  await step('conversion values', () => computeConversionValues(store, config, range));
  await step('segment levels', () => computeSegmentLevels(store));

  const span = periodOf(range, first, last);
  const granularity = span !== null && span.days > DAILY_TREND_MAX_DAYS ? 'week' : 'day';
  const rows: JourneyRows = {
    steps: await step('stepCounts', () => stepCounts(store)),
    timeFromPrevious: await step('timeFromPrevious', () => timeFromPrevious(store)),
    timeToConvert: await step('timeToConvert', () =>
      timeToConvert(
        store,
        CONVERT_BUCKETS.map((bucket) => bucket.upToSeconds),
      ),
    ),
    timeBeforeLeaving: await step('timeBeforeLeaving', () => timeBeforeLeaving(store)),
    nextActions: await step('nextActions', () => nextActions(store)),
    samples: await step('dropOffSamples', () => dropOffSamples(store)),
    nps: await step('npsByStep', () => npsByStep(store, range)),
    comments: await step('commentsByStep', () => commentsByStep(store, range)),
    breakdowns: await step('breakdownCounts', () => breakdownCounts(store)),
    crossSegments: await step('crossSegmentCounts', () => crossSegmentCounts(store)),
    trend: await step('trend', () => trendCounts(store, new SqlParams(), config.report.timezone, granularity)),
    granularity,
    cohorts: await step('cohorts', () => cohortCells(store, config.journeys, config.report.timezone, range)),
    previous:
      span === null
        ? null
        : await step('previous period', () => previousPeriodCounts(store, config, previous ?? previousWindow(span))),
  };
  const values = await step('journey values', () => journeyValues(store));
  const decilesOfJourneys = await step('journeyDeciles', () => journeyDeciles(store, config.journeys));
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
    totals: await step('campaignTotals', () => campaignTotals(store)),
    rankings: await step('campaignRankings', () => campaignRankings(store)),
    concentration: await step('campaignDeciles', () => campaignDeciles(store)),
    periods: await step('campaignPeriods', () => campaignPeriods(store)),
    siteAverages: await step('siteAverages', () => siteAverages(store)),
    journeys: await step('campaignJourneys', () => campaignJourneys(store, config)),
    journeyTotals,
  });
  const days = await step('campaignDays', () => campaignDailyTrends(store, config.report.timezone));
  const segments = await step('campaignSegments', () => campaignSegments(store, config));
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
    eventCount: summary?.events ?? 0,
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
  /** Called after each query with its label and duration in seconds (benchmarks, diagnostics). */
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

/**
 * Step counts of every journey in the period of the same length just before this one: one query.
 * Only journeys whose site has events in that window are counted and listed in `sitesWithData`; the
 * others get no previous period (null), rather than zeros that read as a collapse. With the default
 * range the period starts at the first event, so the window before it is always empty.
 */
export async function previousPeriodCounts(
  store: Store,
  config: PolkuConfig,
  previous: { from: string; to: string },
): Promise<JourneyRows['previous']> {
  const sitesWithData = await sitesWithEvents(store, previous);
  const counted = config.journeys.filter((journey) => sitesWithData.includes(journey.site));
  if (counted.length === 0) return { ...previous, sitesWithData, rows: [] };
  const params = new SqlParams();
  const parts = counted.map(
    (journey) =>
      `select ${params.bind(journey.id, 'journey')} as journey, step, units from (${journeyStepCountsSql(journey, params, previous)})`,
  );
  const rows = await store.rows(
    'previous period step counts',
    parts.join(' union all '),
    STEP_COUNT_SHAPE,
    params.values,
  );
  return { ...previous, sitesWithData, rows };
}

/** Sites with at least one event in the range, sorted. */
async function sitesWithEvents(store: Store, range: { from: string; to: string }): Promise<string[]> {
  const params = new SqlParams();
  const rows = await store.rows(
    'sites with events',
    `select distinct site from ${REPORT_EVENTS} where ${rangeCondition(range, params)} order by site`,
    { site: 'string' },
    params.values,
  );
  return rows.map((row) => row.site);
}
