import type { Store } from '../store/index.ts';
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
import { defineOrderKey } from './funnel/order-key.ts';
import { computeJourneyUnits } from './funnel/units.ts';
import { cohortCells } from './journey/cohorts.ts';
import { commentsByStep } from './journey/comment-queries.ts';
import { crossSegmentCounts } from './journey/cross-segments.ts';
import { computeFeedbackAnswers } from './journey/feedback-answers.ts';
import { computeSegmentLevels } from './journey/segment-levels.ts';
import { breakdownCounts, trendCounts } from './journey/segment-queries.ts';
import {
  dropOffSamples,
  nextActions,
  npsByStep,
  stepCounts,
  timeBeforeLeaving,
  timeFromPrevious,
  timeToConvert,
} from './journey/step-queries.ts';
import { previousPeriodCounts } from './previous-period.ts';
import type { ReportEngine } from './report-engine.ts';
import { defineReportEvents, REPORT_EVENTS } from './report-events.ts';
import { sessionDetails } from './session-details.ts';
import { computeSessionFacts, rangeCondition } from './session-facts.ts';
import { SqlParams } from './sql-params.ts';
import { computeUnitDimensions } from './unit-dimensions.ts';
import { computeConversionValues } from './value/conversion-values.ts';
import { campaignDeciles, journeyDeciles } from './value/deciles.ts';
import { journeyValues } from './value/journey-value.ts';

/**
 * The embedded engine: the report's stages are temporary tables on the store's connection (so a
 * read-only database works), and every query reads them there.
 */
export function duckDbReportEngine(store: Store): ReportEngine {
  return {
    backend: 'duckdb',
    async summary(range) {
      const params = new SqlParams();
      // One row always (an aggregate without GROUP BY); `first` and `last` are null without events.
      const [summary] = await store.rows(
        'report summary',
        `select count(*)::integer as events, min(ts) as first, max(ts) as last from ${REPORT_EVENTS} where ${rangeCondition(range, params)}`,
        { events: 'integer', first: 'string?', last: 'string?' },
        params.values,
      );
      return { events: summary?.events ?? 0, first: summary?.first ?? null, last: summary?.last ?? null };
    },
    computeJourneyUnits: (journeys, range, onTiming) => computeJourneyUnits(store, journeys, range, onTiming),
    computeSessionFacts: (range) => computeSessionFacts(store, new SqlParams(), range),
    computeUnitDimensions: () => computeUnitDimensions(store),
    computeCampaignPeriods: (config, now) => computeCampaignPeriods(store, config, now),
    computeConversionValues: (config, range) => computeConversionValues(store, config, range),
    computeSegmentLevels: () => computeSegmentLevels(store),
    stepCounts: () => stepCounts(store),
    timeFromPrevious: () => timeFromPrevious(store),
    timeToConvert: (buckets) => timeToConvert(store, buckets),
    timeBeforeLeaving: () => timeBeforeLeaving(store),
    nextActions: () => nextActions(store),
    dropOffSamples: () => dropOffSamples(store),
    async feedbackByStep(range) {
      await computeFeedbackAnswers(store, range);
      return { nps: await npsByStep(store), comments: await commentsByStep(store) };
    },
    breakdownCounts: () => breakdownCounts(store),
    crossSegmentCounts: () => crossSegmentCounts(store),
    trendCounts: (timezone, granularity) => trendCounts(store, new SqlParams(), timezone, granularity),
    cohortCells: (journeys, timezone) => cohortCells(store, journeys, timezone),
    previousPeriodCounts: (config, previous) => previousPeriodCounts(store, config, previous),
    journeyValues: () => journeyValues(store),
    journeyDeciles: (journeys) => journeyDeciles(store, journeys),
    campaignTotals: () => campaignTotals(store),
    campaignRankings: () => campaignRankings(store),
    campaignDeciles: () => campaignDeciles(store),
    campaignPeriods: () => campaignPeriods(store),
    siteAverages: () => siteAverages(store),
    campaignJourneys: (config) => campaignJourneys(store, config),
    campaignDailyTrends: (timezone) => campaignDailyTrends(store, timezone),
    campaignSegments: (config) => campaignSegments(store, config),
    sessionDetails: (config, data) => sessionDetails(config, store, data),
  };
}

/** The DuckDB engine with the report's sites defined (REPORT_EVENTS): what computeReport starts from. */
export async function openDuckDbReportEngine(
  store: Store,
  config: Parameters<typeof defineReportEvents>[1],
): Promise<ReportEngine> {
  await defineReportEvents(store, config);
  // Once per report: every stage that orders events (units, session facts, next actions) packs the
  // same key, planned for the events as they are now.
  await defineOrderKey(store);
  return duckDbReportEngine(store);
}
