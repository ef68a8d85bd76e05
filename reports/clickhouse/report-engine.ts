import type { ReportEngine } from '../report-engine.ts';
import { clickHouseCampaignJourneys } from './campaign-journeys.ts';
import { clickHouseComputeCampaignPeriods } from './campaign-periods.ts';
import {
  clickHouseCampaignPeriods,
  clickHouseCampaignRankings,
  clickHouseCampaignTotals,
  clickHouseSiteAverages,
} from './campaign-queries.ts';
import { clickHouseCampaignSegments } from './campaign-segments.ts';
import { clickHouseCohortCells } from './cohorts.ts';
import { clickHouseCommentsByStep } from './comment-queries.ts';
import { clickHouseConversionValues } from './conversion-values.ts';
import { clickHouseCrossSegmentCounts } from './cross-segments.ts';
import { clickHouseCampaignDailyTrends } from './daily-trend.ts';
import { clickHouseCampaignDeciles, clickHouseJourneyDeciles } from './deciles.ts';
import { computeClickHouseJourneyUnits } from './journey-units.ts';
import { clickHouseJourneyValues } from './journey-value.ts';
import { clickHouseNextActions } from './next-actions.ts';
import { clickHouseNpsByStep } from './nps-by-step.ts';
import { clickHouseReportPreviousPeriodCounts } from './previous-period.ts';
import { clickHouseReportSummary } from './report-summary.ts';
import type { ClickHouseReportRun } from './run-tables.ts';
import { clickHouseSegmentLevels } from './segment-levels.ts';
import { clickHouseBreakdownCounts, clickHouseTrendCounts } from './segment-queries.ts';
import { clickHouseSessionDetails } from './session-details.ts';
import { clickHouseSessionFacts } from './session-facts.ts';
import {
  clickHouseDropOffSamples,
  clickHouseStepCounts,
  clickHouseTimeBeforeLeaving,
  clickHouseTimeFromPrevious,
  clickHouseTimeToConvert,
} from './step-queries.ts';
import { clickHouseUnitDimensions } from './unit-dimensions.ts';

/**
 * The report's rows from a ClickHouse cluster, for one report run (run-tables.ts): each stage fills
 * a run table on the shards, every unit on its visitor's shard, and each query runs over those tables
 * there; only aggregates travel to the shard that was asked. The rows equal DuckDB's on the same
 * events, so computeReportWith assembles the same model
 * (tests/integration/clickhouse-report-model.test.ts).
 */
export function clickHouseReportEngine(run: ClickHouseReportRun): ReportEngine {
  return {
    backend: 'clickhouse',
    summary: (range) => clickHouseReportSummary(run, range),
    computeJourneyUnits: (journeys, range) => computeClickHouseJourneyUnits(run, journeys, range),
    computeSessionFacts: (range) => clickHouseSessionFacts(run, range),
    computeUnitDimensions: () => clickHouseUnitDimensions(run),
    computeCampaignPeriods: (config, now) => clickHouseComputeCampaignPeriods(run, config, now),
    computeConversionValues: (config, range) => clickHouseConversionValues(run, config, range),
    computeSegmentLevels: () => clickHouseSegmentLevels(run),
    stepCounts: () => clickHouseStepCounts(run),
    timeFromPrevious: () => clickHouseTimeFromPrevious(run),
    timeToConvert: (buckets) => clickHouseTimeToConvert(run, buckets),
    timeBeforeLeaving: () => clickHouseTimeBeforeLeaving(run),
    nextActions: () => clickHouseNextActions(run),
    dropOffSamples: () => clickHouseDropOffSamples(run),
    npsByStep: (range) => clickHouseNpsByStep(run, range),
    commentsByStep: (range) => clickHouseCommentsByStep(run, range),
    breakdownCounts: () => clickHouseBreakdownCounts(run),
    crossSegmentCounts: () => clickHouseCrossSegmentCounts(run),
    trendCounts: (timezone, granularity) => clickHouseTrendCounts(run, timezone, granularity),
    cohortCells: (journeys, timezone, range) => clickHouseCohortCells(run, journeys, timezone, range),
    previousPeriodCounts: (config, previous) => clickHouseReportPreviousPeriodCounts(run, config, previous),
    journeyValues: () => clickHouseJourneyValues(run),
    journeyDeciles: (journeys) => clickHouseJourneyDeciles(run, journeys),
    campaignTotals: () => clickHouseCampaignTotals(run),
    campaignRankings: () => clickHouseCampaignRankings(run),
    campaignDeciles: () => clickHouseCampaignDeciles(run),
    campaignPeriods: () => clickHouseCampaignPeriods(run),
    siteAverages: () => clickHouseSiteAverages(run),
    campaignJourneys: (config) => clickHouseCampaignJourneys(run, config),
    campaignDailyTrends: (timezone) => clickHouseCampaignDailyTrends(run, timezone),
    campaignSegments: (config) => clickHouseCampaignSegments(run, config),
    sessionDetails: (config, data) => clickHouseSessionDetails(config, run, data),
  };
}
