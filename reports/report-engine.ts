import type { JourneyConfig, PolkuConfig } from '../config/index.ts';
import type { campaignJourneys } from './campaign/campaign-journeys.ts';
import type { campaignPeriods, campaignRankings, campaignTotals, siteAverages } from './campaign/campaign-queries.ts';
import type { campaignSegments } from './campaign/campaign-segments.ts';
import type { campaignDailyTrends } from './campaign/daily-trend.ts';
import type { ReportRange } from './funnel/journey-events.ts';
import type { JourneyTiming } from './funnel/units.ts';
import type { JourneyRows } from './journey/assemble.ts';
import type { cohortCells } from './journey/cohorts.ts';
import type { commentsByStep } from './journey/comment-queries.ts';
import type { crossSegmentCounts } from './journey/cross-segments.ts';
import type { breakdownCounts, trendCounts } from './journey/segment-queries.ts';
import type {
  dropOffSamples,
  nextActions,
  npsByStep,
  stepCounts,
  timeBeforeLeaving,
  timeFromPrevious,
  timeToConvert,
} from './journey/step-queries.ts';
import type { ReportData } from './model.ts';
import type { SessionDetails } from './session-details.ts';
import type { campaignDeciles, journeyDeciles } from './value/deciles.ts';
import type { journeyValues } from './value/journey-value.ts';

/** What a query of the DuckDB module `query` resolves to: the row type every engine gives. */
type Rows<Query extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<Query>>;

/**
 * The database side of a report: the stages that build per-unit tables and the metric queries over
 * them. computeReportWith (report.ts) asks an engine for rows and assembles the model, so DuckDB
 * (reports/duckdb-engine.ts) and a ClickHouse cluster (reports/clickhouse/report-engine.ts) give the
 * same model from the same events. The row types are the DuckDB queries' own.
 *
 * The stages run first, in this order (each may read what the earlier ones built); the queries after.
 */
export interface ReportEngine {
  /** `duckdb` or `clickhouse`: the model says which built it (meta.backend, ClickHouse only). */
  readonly backend: 'duckdb' | 'clickhouse';
  /** Events of the report's sites in the range: their count, first and last time (ISO, UTC). */
  summary(range: ReportRange): Promise<{ events: number; first: string | null; last: string | null }>;

  /** `onTiming`: seconds per journey (by id), for benchmarks; an engine may not report them. */
  computeJourneyUnits(journeys: readonly JourneyConfig[], range: ReportRange, onTiming?: JourneyTiming): Promise<void>;
  computeSessionFacts(range: ReportRange): Promise<void>;
  computeUnitDimensions(): Promise<void>;
  /** `now`: the newest event's time, which campaign pace counts to. */
  computeCampaignPeriods(config: PolkuConfig, now: string | null): Promise<void>;
  computeConversionValues(config: PolkuConfig, range: ReportRange): Promise<void>;
  computeSegmentLevels(): Promise<void>;

  stepCounts(): Promise<Rows<typeof stepCounts>>;
  timeFromPrevious(): Promise<Rows<typeof timeFromPrevious>>;
  timeToConvert(buckets: readonly number[]): Promise<Rows<typeof timeToConvert>>;
  timeBeforeLeaving(): Promise<Rows<typeof timeBeforeLeaving>>;
  nextActions(): Promise<Rows<typeof nextActions>>;
  dropOffSamples(): Promise<Rows<typeof dropOffSamples>>;
  /** NPS and comments per step, from the `feedback` events in the range (one read for both). */
  feedbackByStep(range: ReportRange): Promise<{ nps: Rows<typeof npsByStep>; comments: Rows<typeof commentsByStep> }>;
  breakdownCounts(): Promise<Rows<typeof breakdownCounts>>;
  crossSegmentCounts(): Promise<Rows<typeof crossSegmentCounts>>;
  trendCounts(timezone: string, granularity: JourneyRows['granularity']): Promise<Rows<typeof trendCounts>>;
  cohortCells(
    journeys: readonly JourneyConfig[],
    timezone: string,
    range: ReportRange,
  ): Promise<Rows<typeof cohortCells>>;
  /** Every journey's step counts in `previous`, the window before the report's period. */
  previousPeriodCounts(config: PolkuConfig, previous: { from: string; to: string }): Promise<JourneyRows['previous']>;

  journeyValues(): Promise<Rows<typeof journeyValues>>;
  journeyDeciles(journeys: readonly JourneyConfig[]): Promise<Rows<typeof journeyDeciles>>;
  campaignTotals(): Promise<Rows<typeof campaignTotals>>;
  campaignRankings(): Promise<Rows<typeof campaignRankings>>;
  campaignDeciles(): Promise<Rows<typeof campaignDeciles>>;
  campaignPeriods(): Promise<Rows<typeof campaignPeriods>>;
  siteAverages(): Promise<Rows<typeof siteAverages>>;
  campaignJourneys(config: PolkuConfig): Promise<Rows<typeof campaignJourneys>>;
  campaignDailyTrends(timezone: string): Promise<Rows<typeof campaignDailyTrends>>;
  campaignSegments(config: PolkuConfig): Promise<Rows<typeof campaignSegments>>;

  /** The drop-off sample sessions' timelines and replays (for `polku build`), after the report. */
  sessionDetails(config: PolkuConfig, data: ReportData): Promise<SessionDetails>;
}
